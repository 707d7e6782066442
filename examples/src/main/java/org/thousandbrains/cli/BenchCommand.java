package org.thousandbrains.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import org.thousandbrains.graph.build.RandomGraphs;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.io.Json;
import org.thousandbrains.ops.CsrSpmm;
import org.thousandbrains.ops.ForwardPass;
import org.thousandbrains.ops.Gradients;
import org.thousandbrains.ops.Inputs;
import org.thousandbrains.ops.Precision;
import org.thousandbrains.ops.TemporalOperator;
import org.thousandbrains.ops.device.DeviceArray;
import org.thousandbrains.ops.device.DeviceOperator;
import org.thousandbrains.ops.device.KernelService;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tb bench propagate|spmm}: times the engine on a seeded random graph ({@link RandomGraphs}:
 * uniform edges, fractional delays in [1, 8), leaks in [0, 0.9], relu) with the same problem shape
 * as the PyTorch/SciPy peers: dense random inputs {@code [T][N][B]}, readout = every node's state at
 * T, {@code L = Σ readout·R}. Prints medians over repeats (after one warm-up), effective GB/s by the
 * peers' byte model, and the peak resident set size.
 */
@Command(name = "bench", synopsisSubcommandLabel = "propagate|spmm",
        description = "Time the operator: propagate (T steps, forward/backward) or spmm (one CSR step).",
        subcommands = {BenchCommand.Propagate.class, BenchCommand.Spmm.class})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** {@code tb bench} alone: its usage, and the status of a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return Tb.USAGE;
    }

    /** {@code tb bench propagate}. */
    @Command(name = "propagate", sortOptions = false, description = "The temporal operator, all T steps: forward keeping "
            + "the history (what backward needs), inference forward (history ring only) and, with --backward, forward+backward.")
    static final class Propagate implements Callable<Integer> {
        @Mixin
        Shape shape;

        @Option(names = "--steps", paramLabel = "T", required = true, converter = Converters.PositiveInt.class,
                description = "steps of a pass")
        int steps;

        @Option(names = "--backward", description = "also time forward+backward")
        boolean backward;

        @Option(names = "--precision", paramLabel = "float32|float64", converter = Converters.PrecisionName.class,
                defaultValue = "float32", description = "arithmetic (default ${DEFAULT-VALUE})")
        Precision precision;

        @Mixin
        DeviceOption device;

        @Override
        public Integer call() {
            try (KernelService k = device.open()) {
                if (!k.name().equals("cpu")) {
                    if (precision != Precision.FLOAT32) throw new CliException("--device " + k.name() + " runs float32: drop --precision " + precision);
                    return propagateOnDevice(k, shape, steps, backward);
                }
            }
            return propagate(shape, steps, backward, precision);
        }
    }

    /** {@code tb bench spmm}. */
    @Command(name = "spmm", sortOptions = false,
            description = "One CSR step Y = A X (float32), the kernel torch.sparse and SciPy are compared on.")
    static final class Spmm implements Callable<Integer> {
        @Mixin
        Shape shape;

        @Mixin
        DeviceOption device;

        @Override
        public Integer call() {
            try (KernelService k = device.open()) {
                if (!k.name().equals("cpu")) return spmmOnDevice(k, shape);
            }
            return spmm(shape);
        }
    }

    /** The problem and the timing options both benchmarks take (a picocli mixin). */
    static final class Shape {
        @Option(names = "--nodes", paramLabel = "N", required = true, converter = Converters.PositiveInt.class,
                description = "nodes of the random graph")
        int nodes;

        @Option(names = "--edges", paramLabel = "E", required = true, converter = Converters.PositiveLong.class,
                description = "edges of the random graph (uniform)")
        long edges;

        @Option(names = "--batch", paramLabel = "B", required = true, converter = Converters.PositiveInt.class,
                description = "batch lanes")
        int batch;

        @Option(names = "--threads", paramLabel = "K", converter = Converters.PositiveInt.class,
                description = "worker threads (default: the CPU cores)")
        int threads = Runtime.getRuntime().availableProcessors();

        @Option(names = "--repeats", paramLabel = "R", converter = Converters.PositiveInt.class, defaultValue = "5",
                description = "timed repeats after one warm-up; the median is reported (default ${DEFAULT-VALUE})")
        int repeats;

        @Option(names = "--seed", paramLabel = "S", converter = Converters.WholeNumber.class, defaultValue = "42",
                description = "seed of graph and inputs (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--json", description = "print one JSON line")
        boolean json;
    }

    private static int propagate(Shape o, int T, boolean backward, Precision precision) {
        CompiledGraph g = graph(o);
        int n = g.nodeCount();
        int B = o.batch;
        TemporalOperator op = TemporalOperator.of(g).precision(precision).threads(o.threads)
                .outputs(IntStream.range(0, n).toArray());
        SplittableRandom rng = new SplittableRandom(o.seed + 1);
        int len = checkedLength((long) T * n * B, "T*N*B");
        Inputs inputs;
        if (precision == Precision.FLOAT32) {
            inputs = Inputs.dense(T, n, B, gaussian(rng, len));
        } else {
            double[] data = new double[len];
            for (int i = 0; i < len; i++) data[i] = rng.nextGaussian();
            inputs = Inputs.dense(T, n, B, data);
        }
        double[] dLdReadout = new double[n * B];
        for (int i = 0; i < dLdReadout.length; i++) dLdReadout[i] = rng.nextGaussian();

        double[] forward = new double[o.repeats];
        double[] inference = new double[o.repeats];
        double[] forwardBackward = backward ? new double[o.repeats] : null;
        double loss = Double.NaN;
        double gradientSum = Double.NaN;
        for (int r = -1; r < o.repeats; r++) {
            long t0 = System.nanoTime();
            try (ForwardPass f = op.infer(inputs, T, B, null)) {
                if (r >= 0) inference[r] = ms(t0);
            }
            long t1 = System.nanoTime();
            try (ForwardPass f = op.forward(inputs, T, B, null)) {
                long t2 = System.nanoTime();
                if (r >= 0) forward[r] = (t2 - t1) / 1e6;
                loss = dot(f.readout(), dLdReadout);
                if (backward) {
                    long t3 = System.nanoTime();
                    Gradients gr = op.backward(f, dLdReadout);
                    if (r >= 0) forwardBackward[r] = forward[r] + ms(t3);
                    gradientSum = absSum(gr.weight()) + absSum(gr.delay()) + absSum(gr.leak()) + absSum(gr.bias());
                }
            }
        }
        double peak = ProcessMemory.peakRssMb();
        double stepBytes = stepBytes(g, B, precision == Precision.FLOAT32 ? 4 : 8);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "propagate");
        out.put("nodes", n);
        out.put("edges", g.edgeCount());
        out.put("batch", B);
        out.put("steps", T);
        out.put("threads", o.threads);
        out.put("precision", precision.name().toLowerCase(Locale.ROOT));
        out.put("repeats", o.repeats);
        out.put("forward_ms", median(forward));
        out.put("inference_ms", median(inference));
        out.put("forward_backward_ms", backward ? median(forwardBackward) : null);
        out.put("backward_ms", backward ? median(forwardBackward) - median(forward) : null);
        out.put("forward_GBs", stepBytes * T / (median(forward) * 1e-3) / 1e9);
        out.put("inference_GBs", stepBytes * T / (median(inference) * 1e-3) / 1e9);
        out.put("peak_rss_mb", peak);
        out.put("forward_runs_ms", forward);
        out.put("inference_runs_ms", inference);
        out.put("forward_backward_runs_ms", forwardBackward);
        out.put("checksum_loss", loss);
        out.put("checksum_gradient_abs_sum", backward ? gradientSum : null);
        out.put("loadavg", loadAverage());
        if (o.json) {
            System.out.println(Json.writeCompact(out));
        } else {
            System.out.printf(Locale.ROOT, "propagate N=%d E=%d B=%d T=%d %s threads=%d (median of %d)%n", n, g.edgeCount(),
                    B, T, out.get("precision"), o.threads, o.repeats);
            System.out.printf(Locale.ROOT, "  forward, history kept   %10.1f ms  %6.2f GB/s%n", median(forward), out.get("forward_GBs"));
            System.out.printf(Locale.ROOT, "  forward, inference ring %10.1f ms  %6.2f GB/s%n", median(inference), out.get("inference_GBs"));
            if (backward) {
                System.out.printf(Locale.ROOT, "  forward + backward      %10.1f ms  (backward %.1f ms)%n", median(forwardBackward),
                        median(forwardBackward) - median(forward));
            }
            System.out.printf(Locale.ROOT, "  peak RSS %.0f MB; checksum L = %.6g%n", peak, loss);
        }
        return Double.isFinite(loss) ? 0 : 1;
    }

    /**
     * The peers' byte model of one ideal fused forward step: 20 B of parameters and indices per edge, the
     * trace read and written per edge and lane, the kmax+1 state slots read once, I read, x written.
     */
    private static double stepBytes(CompiledGraph g, int B, int element) {
        int kmax = maxFloor(g.delay());
        return g.edgeCount() * 20.0 + (double) g.edgeCount() * B * 2 * element + (double) g.nodeCount() * B * element * (kmax + 3);
    }

    /** {@code bench propagate} on a device: the same graph, inputs and loss, inputs and states resident there. */
    private static int propagateOnDevice(KernelService k, Shape o, int T, boolean backward) {
        CompiledGraph g = graph(o);
        int n = g.nodeCount();
        int B = o.batch;
        TemporalOperator op = TemporalOperator.of(g).outputs(IntStream.range(0, n).toArray());
        SplittableRandom rng = new SplittableRandom(o.seed + 1);
        float[] data = gaussian(rng, checkedLength((long) T * n * B, "T*N*B"));
        float[] seed = gaussian(rng, n * B);
        double[] forward = new double[o.repeats];
        double[] forwardBackward = backward ? new double[o.repeats] : null;
        double loss = Double.NaN;
        long deviceBytes;
        try (DeviceOperator d = k.operator(op); DeviceArray in = k.upload(data); DeviceArray dL = k.upload(seed)) {
            for (int r = -1; r < o.repeats; r++) {
                long t0 = System.nanoTime();
                try (DeviceArray readout = d.forward(in, T, B, null)) {
                    double f = ms(t0);
                    if (r >= 0) forward[r] = f;
                    if (backward) {
                        long t1 = System.nanoTime();
                        d.backward(dL);
                        if (r >= 0) forwardBackward[r] = f + ms(t1);
                    }
                    if (r == o.repeats - 1) loss = dot(readout.download(), seed);
                }
            }
            deviceBytes = d.deviceBytes() + 4L * (data.length + seed.length);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "propagate");
        out.put("device", k.description());
        out.put("nodes", n);
        out.put("edges", g.edgeCount());
        out.put("batch", B);
        out.put("steps", T);
        out.put("precision", "float32");
        out.put("repeats", o.repeats);
        out.put("forward_ms", median(forward));
        out.put("forward_backward_ms", backward ? median(forwardBackward) : null);
        out.put("backward_ms", backward ? median(forwardBackward) - median(forward) : null);
        out.put("forward_GBs", stepBytes(g, B, 4) * T / (median(forward) * 1e-3) / 1e9);
        out.put("device_memory_mb", deviceBytes / 1e6);
        out.put("forward_runs_ms", forward);
        out.put("forward_backward_runs_ms", forwardBackward);
        out.put("checksum_loss", loss);
        out.put("loadavg", loadAverage());
        if (o.json) {
            System.out.println(Json.writeCompact(out));
        } else {
            System.out.printf(Locale.ROOT, "propagate N=%d E=%d B=%d T=%d float32 on %s (median of %d)%n", n, g.edgeCount(), B, T,
                    k.description(), o.repeats);
            System.out.printf(Locale.ROOT, "  forward, history kept   %10.2f ms  %6.1f GB/s%n", median(forward), out.get("forward_GBs"));
            if (backward) System.out.printf(Locale.ROOT, "  forward + backward      %10.2f ms%n", median(forwardBackward));
            System.out.printf(Locale.ROOT, "  device memory %.0f MB; checksum L = %.6g%n", deviceBytes / 1e6, loss);
        }
        return Double.isFinite(loss) ? 0 : 1;
    }

    /** {@code bench spmm} on a device: one CSR step with x and y resident there. */
    private static int spmmOnDevice(KernelService k, Shape o) {
        CompiledGraph g = graph(o);
        int n = g.nodeCount();
        int B = o.batch;
        float[] x = gaussian(new SplittableRandom(o.seed + 1), checkedLength((long) n * B, "N*B"));
        double[] runs = new double[o.repeats];
        double checksum;
        try (DeviceOperator d = k.operator(TemporalOperator.of(g)); DeviceArray xd = k.upload(x); DeviceArray yd = k.allocate(x.length)) {
            for (int i = 0; i < 3; i++) d.spmm(xd, yd, B);
            for (int r = 0; r < o.repeats; r++) {
                long t0 = System.nanoTime();
                d.spmm(xd, yd, B);
                runs[r] = ms(t0);
            }
            checksum = absSum(yd.download());
        }
        double bytes = g.edgeCount() * 8.0 + (double) n * B * 4 * 2 + (n + 1) * 4.0;
        double med = median(runs);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "spmm");
        out.put("device", k.description());
        out.put("nodes", n);
        out.put("edges", g.edgeCount());
        out.put("batch", B);
        out.put("repeats", o.repeats);
        out.put("median_ms", med);
        out.put("min_ms", Arrays.stream(runs).min().orElse(Double.NaN));
        out.put("GBs_model", bytes / (med * 1e-3) / 1e9);
        out.put("runs_ms", runs);
        out.put("checksum", checksum);
        out.put("loadavg", loadAverage());
        if (o.json) System.out.println(Json.writeCompact(out));
        else System.out.printf(Locale.ROOT, "spmm N=%d E=%d B=%d on %s: median %.3f ms, %.1f GB/s%n", n, g.edgeCount(), B,
                k.description(), med, out.get("GBs_model"));
        return 0;
    }

    private static float[] gaussian(SplittableRandom rng, int length) {
        float[] a = new float[length];
        for (int i = 0; i < length; i++) a[i] = (float) rng.nextGaussian();
        return a;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return s;
    }

    private static int spmm(Shape o) {
        CompiledGraph g = graph(o);
        int n = g.nodeCount();
        int B = o.batch;
        int len = checkedLength((long) n * B, "N*B");
        float[] x = new float[len];
        float[] y = new float[len];
        SplittableRandom rng = new SplittableRandom(o.seed + 1);
        for (int i = 0; i < len; i++) x[i] = (float) rng.nextGaussian();
        CsrSpmm k = CsrSpmm.of(g).threads(o.threads);
        for (int i = 0; i < 3; i++) k.multiply(x, y, B);
        double[] runs = new double[o.repeats];
        for (int r = 0; r < o.repeats; r++) {
            long t0 = System.nanoTime();
            k.multiply(x, y, B);
            runs[r] = ms(t0);
        }
        double bytes = g.edgeCount() * 8.0 + (double) n * B * 4 * 2 + (n + 1) * 4.0;
        double med = median(runs);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "spmm");
        out.put("nodes", n);
        out.put("edges", g.edgeCount());
        out.put("batch", B);
        out.put("threads", o.threads);
        out.put("repeats", o.repeats);
        out.put("median_ms", med);
        out.put("min_ms", Arrays.stream(runs).min().orElse(Double.NaN));
        out.put("GBs_model", bytes / (med * 1e-3) / 1e9);
        out.put("peak_rss_mb", ProcessMemory.peakRssMb());
        out.put("runs_ms", runs);
        out.put("checksum", absSum(y));
        out.put("loadavg", loadAverage());
        if (o.json) {
            System.out.println(Json.writeCompact(out));
        } else {
            System.out.printf(Locale.ROOT, "spmm N=%d E=%d B=%d threads=%d: median %.3f ms (min %.3f), %.2f GB/s; peak RSS %.0f MB%n",
                    n, g.edgeCount(), B, o.threads, med, out.get("min_ms"), out.get("GBs_model"), out.get("peak_rss_mb"));
        }
        return 0;
    }

    private static CompiledGraph graph(Shape o) {
        return GraphCompiler.compile(RandomGraphs.uniform(RandomGraphs.spec().nodes(o.nodes).edges(o.edges).seed(o.seed)));
    }

    private static int checkedLength(long values, String what) {
        if (values > Integer.MAX_VALUE - 8) throw new CliException(what + " = " + values + " values is more than one array holds");
        return (int) values;
    }

    private static double ms(long since) {
        return (System.nanoTime() - since) / 1e6;
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static double absSum(double[] a) {
        double s = 0;
        for (double v : a) s += Math.abs(v);
        return s;
    }

    private static double absSum(float[] a) {
        double s = 0;
        for (float v : a) s += Math.abs(v);
        return s;
    }

    private static int maxFloor(double[] delays) {
        int k = 0;
        for (double d : delays) k = Math.max(k, (int) Math.floor(d));
        return k;
    }

    private static List<Double> loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
            return List.of(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
        } catch (java.io.IOException | RuntimeException e) {
            return List.of();
        }
    }
}
