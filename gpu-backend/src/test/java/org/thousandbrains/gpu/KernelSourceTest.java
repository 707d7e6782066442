package org.thousandbrains.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CUDA C kernels compile for Hopper ({@code nvcc -ptx -arch=sm_90}), with no warning, and the PTX
 * has an entry for every kernel the Java side launches. Skipped only where nvcc is absent.
 */
class KernelSourceTest {
    /** Every kernel name the device classes launch. */
    static final List<String> KERNELS = List.of("activate", "kwinners", "split_delays", "forward_nodes", "kwta_factor",
            "kwta_select", "kwta_duty", "readout", "seed_readout", "backward_sources", "backward_nodes", "backward_edges",
            "adam", "clamp_parameters", "spmm");

    @Test
    void kernelsCompileToPtxForSm90(@TempDir Path dir) throws Exception {
        String nvcc = nvcc();
        Assumptions.assumeTrue(nvcc != null, "nvcc not found (PATH, CUDA_HOME, /usr/local/cuda/bin)");
        Path cu = dir.resolve("kernels.cu");
        try (InputStream in = KernelSourceTest.class.getResourceAsStream("/org/thousandbrains/gpu/cuda/kernels.cu")) {
            assertTrue(in != null, "kernels.cu is a resource of the module");
            Files.write(cu, in.readAllBytes());
        }
        Path ptx = dir.resolve("kernels.ptx");
        Process p = new ProcessBuilder(nvcc, "-ptx", "-arch=sm_90", "-Werror", "all-warnings", cu.toString(), "-o", ptx.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "nvcc did not finish in 2 minutes");
        assertEquals(0, p.exitValue(), "nvcc failed:\n" + log);
        String text = Files.readString(ptx);
        assertTrue(text.contains(".target sm_90"), "PTX for sm_90");
        for (String k : KERNELS) assertTrue(text.contains(".entry " + k + "("), "kernel " + k + " in the PTX");
    }

    private static String nvcc() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "nvcc"))) return Path.of(dir, "nvcc").toString();
        }
        for (String home : new String[] {System.getenv("CUDA_HOME"), "/usr/local/cuda"}) {
            if (home != null && Files.isExecutable(Path.of(home, "bin", "nvcc"))) return Path.of(home, "bin", "nvcc").toString();
        }
        return null;
    }
}
