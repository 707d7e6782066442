package org.thousandbrains.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thousandbrains.graph.build.LayeredNetwork;
import org.thousandbrains.graph.build.RandomGraphs;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.ops.device.Devices;
import org.thousandbrains.ops.device.KernelService;

/**
 * The CUDA device's Java side (driver calls, memory, launches, the forward/backward orchestration over
 * waves and k-WTA groups, Adam) and its kernels' logic, on a machine without a GPU: g++ builds
 * {@code src/test/emulator/cuda_emulator.cpp} with {@code kernels.cu} compiled as C++ into a stand-in
 * {@code libcuda.so.1}, and a child JVM runs {@link DeviceCheck} on every shared test vector and the
 * CPU comparison of {@link DeviceContractTest} on small graphs against it. Skipped without g++ or the
 * test vectors; a real GPU is covered by {@link DeviceContractTest} itself.
 */
class EmulatedCudaTest {
    @Test
    void cudaPathOnTheEmulatedDriver(@TempDir Path dir) throws Exception {
        Path vectors = DeviceContractTest.vectors();
        Assumptions.assumeTrue(vectors != null, "no shared/testvectors above the working directory");
        Assumptions.assumeTrue(onPath("g++"), "g++ not found");
        Path cu = dir.resolve("kernels.cu");
        try (InputStream in = EmulatedCudaTest.class.getResourceAsStream("/org/thousandbrains/gpu/cuda/kernels.cu")) {
            Files.write(cu, in.readAllBytes());
        }
        Path lib = dir.resolve("libcuda.so.1");
        run(List.of("g++", "-O1", "-std=c++17", "-shared", "-fPIC", "-w", "-DKERNELS=\"" + cu + "\"",
                Path.of("src/test/emulator/cuda_emulator.cpp").toAbsolutePath().toString(), "-o", lib.toString()), dir, 0);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        List<String> jvm = List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", cp);
        String out = run(concat(jvm, DeviceCheck.class.getName(), "--device", "cuda", vectors.toString()), dir, 0);
        assertTrue(out.contains("cuda:0 CPU emulation of CUDA (sm_90"), out);
        assertTrue(out.contains("device-check: 8 passed, 0 failed, 2 skipped"), out);
        run(concat(jvm, Child.class.getName()), dir, 0);
    }

    /** The child JVM's CPU comparison, on the emulated CUDA. */
    static final class Child {
        public static void main(String[] args) {
            try (KernelService cuda = Devices.open("cuda", s -> { }); KernelService cpu = Devices.open("cpu", s -> { })) {
                DeviceContractTest.primitivesMatch(cuda, cpu);
                CompiledGraph layered = GraphCompiler.compile(LayeredNetwork.builder().inputs(6).dense(16, Activation.RELU)
                        .kWinners(0.25).dense(8, Activation.TANH).outputs(3).delay(0.5).seed(3).build());
                CompiledGraph random = GraphCompiler.compile(RandomGraphs.uniform(RandomGraphs.spec().nodes(60).edges(400).seed(5)
                        .activation(Activation.SIGMOID).inputs(6)));
                DeviceContractTest.operatorsMatch(layered, 3, cuda, cpu);
                DeviceContractTest.operatorsMatch(layered, 37, cuda, cpu);
                DeviceContractTest.operatorsMatch(random, 5, cuda, cpu);
            }
            System.out.println("emulated cuda matches the cpu");
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        return java.util.stream.Stream.concat(head.stream(), java.util.Arrays.stream(tail)).toList();
    }

    private static String run(List<String> command, Path dir, int expected) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("LD_LIBRARY_PATH", dir.toString());
        pb.environment().put("TB_NVRTC", dir.resolve("libcuda.so.1").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), String.join(" ", command) + " did not finish");
        assertEquals(expected, p.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) return true;
        }
        return false;
    }
}
