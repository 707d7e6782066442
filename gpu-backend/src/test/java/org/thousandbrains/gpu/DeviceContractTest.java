package org.thousandbrains.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.thousandbrains.graph.build.LayeredNetwork;
import org.thousandbrains.graph.build.RandomGraphs;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.ops.Precision;
import org.thousandbrains.ops.TemporalOperator;
import org.thousandbrains.ops.device.AdamStep;
import org.thousandbrains.ops.device.DeviceArray;
import org.thousandbrains.ops.device.DeviceGradients;
import org.thousandbrains.ops.device.DeviceOperator;
import org.thousandbrains.ops.device.DeviceProvider;
import org.thousandbrains.ops.device.Devices;
import org.thousandbrains.ops.device.KernelService;
import org.thousandbrains.ops.verify.DeviceVerification;
import org.thousandbrains.ops.verify.TestVector;
import org.thousandbrains.ops.verify.Verification;

/**
 * The device contract (DESIGN.md "Execution strategies"): every device that is usable here runs
 * every shared test vector its kernels support within the float32 tolerances, and every device
 * other than the CPU computes the CPU's states, gradients, Adam update, duty cycles and kernel
 * primitives on graphs with fractional instant waves and k-WTA groups. Here that is the CPU;
 * on a machine with a GPU (and a JDK 22+) CUDA too.
 */
class DeviceContractTest {
    @Test
    void everyUsableDeviceRunsTheSharedTestVectors() throws IOException {
        Path dir = vectors();
        Assumptions.assumeTrue(dir != null, "no shared/testvectors above the working directory (TB_TESTVECTORS)");
        List<Path> files;
        try (Stream<Path> s = Stream.concat(Files.list(dir), Files.isDirectory(dir.resolve("v2")) ? Files.list(dir.resolve("v2")) : Stream.empty())) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() >= 10, "test vectors found: " + files);
        for (DeviceProvider p : usable()) {
            try (KernelService device = p.open()) {
                int ran = 0;
                for (Path f : files) {
                    TestVector v = TestVector.read(f);
                    if (device.unsupported(v.compile()) != null) continue;
                    for (Verification.Check c : DeviceVerification.run(v, device)) {
                        assertTrue(c.passed(), p.name() + " " + f.getFileName() + " " + c.quantity() + ": error " + c.error()
                                + " > " + c.tolerance());
                    }
                    ran++;
                }
                if (p.name().equals("cpu")) assertEquals(files.size(), ran, "the CPU runs every test vector");
                else assertTrue(ran >= 7, p.name() + " ran " + ran + " of " + files.size() + " test vectors");
            }
        }
    }

    @Test
    void everyOtherDeviceMatchesTheCpu() {
        List<DeviceProvider> others = usable().stream().filter(p -> !p.name().equals("cpu")).toList();
        Assumptions.assumeFalse(others.isEmpty(), "no device besides the CPU here: " + Devices.provider("cuda").unavailableReason());
        CompiledGraph layered = GraphCompiler.compile(LayeredNetwork.builder().inputs(12).dense(40, Activation.RELU).kWinners(0.25)
                .dense(24, Activation.TANH).outputs(5).delay(0.5).seed(3).build());
        CompiledGraph random = GraphCompiler.compile(RandomGraphs.uniform(RandomGraphs.spec().nodes(300).edges(4000).seed(5)
                .activation(Activation.SIGMOID).inputs(20)));
        for (DeviceProvider p : others) {
            try (KernelService device = p.open(); KernelService cpu = Devices.open("cpu", s -> { })) {
                primitivesMatch(device, cpu);
                for (CompiledGraph g : List.of(layered, random)) {
                    for (int B : new int[] {3, 37}) operatorsMatch(g, B, device, cpu);
                }
            }
        }
    }

    static void operatorsMatch(CompiledGraph g, int B, KernelService device, KernelService cpu) {
        int T = 6;
        Random rng = new Random(g.nodeCount() * 31L + B);
        float[] in = new float[T * g.nodeCount() * B];
        for (int i = 0; i < in.length; i++) in[i] = (float) rng.nextGaussian();
        float[] x0 = new float[g.nodeCount() * B];
        for (int i = 0; i < x0.length; i++) x0[i] = (float) (0.2 * rng.nextGaussian());
        float[] dL = new float[op(g).outputs().length * B];
        for (int i = 0; i < dL.length; i++) dL[i] = (float) rng.nextGaussian();
        String where = g.nodeCount() + " nodes, B=" + B;
        try (DeviceOperator a = device.operator(op(g)); DeviceOperator b = cpu.operator(op(g))) {
            DeviceArray ya = device.allocate(x0.length);
            DeviceArray yb = cpu.allocate(x0.length);
            a.spmm(device.upload(x0), ya, B);
            b.spmm(cpu.upload(x0), yb, B);
            close(toDouble(ya.download()), toDouble(yb.download()), 1e-5, where + " spmm");
            for (int pass = 1; pass <= 2; pass++) {
                close(toDouble(a.forward(device.upload(in), T, B, device.upload(x0)).download()),
                        toDouble(b.forward(cpu.upload(in), T, B, cpu.upload(x0)).download()), 1e-5, where + " readout");
                for (int t = 0; t <= T; t++) close(a.state(t), b.state(t), 1e-5, where + " x(" + t + ")");
                close(a.duty(), b.duty(), 1e-5, where + " duty");
                a.backward(device.upload(dL));
                b.backward(cpu.upload(dL));
                DeviceGradients ga = a.gradients();
                DeviceGradients gb = b.gradients();
                close(ga.weight(), gb.weight(), 1e-4, where + " grad w");
                close(ga.delay(), gb.delay(), 1e-4, where + " grad d");
                close(ga.leak(), gb.leak(), 1e-4, where + " grad lambda");
                close(ga.bias(), gb.bias(), 1e-4, where + " grad b");
                close(ga.inputs(), gb.inputs(), 1e-4, where + " grad I");
                close(ga.initialState(), gb.initialState(), 1e-4, where + " grad x0");
                a.adam(AdamStep.of(1e-2, pass));
                b.adam(AdamStep.of(1e-2, pass));
                double[] wb = b.parameters().weight().clone();
                double[] db = b.parameters().delay().clone();
                close(a.parameters().weight(), wb, 1e-5, where + " w after Adam");
                close(a.parameters().delay(), db, 1e-5, where + " d after Adam");
            }
        }
    }

    /** The graph's outputs, or (a random graph has none) its last ten nodes, read over the last two steps. */
    private static TemporalOperator op(CompiledGraph g) {
        TemporalOperator op = TemporalOperator.of(g).precision(Precision.FLOAT32).training(true).threads(1).readoutMeanOfLast(2);
        int n = g.nodeCount();
        return g.outputs().length > 0 ? op : op.outputs(java.util.stream.IntStream.range(n - 10, n).toArray());
    }

    static void primitivesMatch(KernelService device, KernelService cpu) {
        Random rng = new Random(9);
        float[] a = new float[1000];
        for (int i = 0; i < a.length; i++) a[i] = (float) (3 * rng.nextGaussian());
        a[7] = a[8];
        for (Activation phi : Activation.values()) {
            DeviceArray xd = device.allocate(a.length);
            DeviceArray xc = cpu.allocate(a.length);
            device.activate(phi, device.upload(a), xd);
            cpu.activate(phi, cpu.upload(a), xc);
            close(toDouble(xd.download()), toDouble(xc.download()), 1e-6, "activation " + phi);
        }
        DeviceArray wd = device.allocate(a.length);
        DeviceArray wc = cpu.allocate(a.length);
        device.kWinners(device.upload(a), 5, 20, 10, 4, wd);
        cpu.kWinners(cpu.upload(a), 5, 20, 10, 4, wc);
        close(toDouble(wd.download()), toDouble(wc.download()), 0, "k-WTA winners");
        float[] g = new float[a.length];
        for (int i = 0; i < g.length; i++) g[i] = (float) rng.nextGaussian();
        DeviceArray[] d = {device.upload(a), device.upload(g), device.allocate(a.length), device.allocate(a.length)};
        DeviceArray[] c = {cpu.upload(a), cpu.upload(g), cpu.allocate(a.length), cpu.allocate(a.length)};
        for (long step = 1; step <= 3; step++) {
            device.adam(d[0], d[1], d[2], d[3], AdamStep.of(1e-2, step));
            cpu.adam(c[0], c[1], c[2], c[3], AdamStep.of(1e-2, step));
        }
        close(toDouble(d[0].download()), toDouble(c[0].download()), 1e-6, "Adam");
    }

    private static double[] toDouble(float[] f) {
        double[] r = new double[f.length];
        for (int i = 0; i < f.length; i++) r[i] = f[i];
        return r;
    }

    private static void close(double[] got, double[] want, double tolerance, String what) {
        if (want == null) {
            assertEquals(null, got, what);
            return;
        }
        assertEquals(want.length, got.length, what + ": length");
        double scale = 1;
        for (double w : want) scale = Math.max(scale, Math.abs(w));
        for (int i = 0; i < want.length; i++) {
            double err = Math.abs(got[i] - want[i]) / scale;
            assertTrue(err <= tolerance, what + "[" + i + "]: " + got[i] + " vs " + want[i]);
        }
    }

    private static List<DeviceProvider> usable() {
        List<DeviceProvider> r = new ArrayList<>();
        for (DeviceProvider p : Devices.providers()) if (p.unavailableReason() == null) r.add(p);
        return r;
    }

    /** {@code shared/testvectors} in the working directory or above it, or {@code TB_TESTVECTORS}. */
    static Path vectors() {
        String configured = System.getenv("TB_TESTVECTORS");
        if (configured != null) return Path.of(configured);
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("shared").resolve("testvectors");
            if (Files.isDirectory(c)) return c;
        }
        return null;
    }
}
