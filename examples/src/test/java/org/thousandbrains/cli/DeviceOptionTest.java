package org.thousandbrains.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.thousandbrains.experiments.CliRun;
import org.thousandbrains.ops.device.Devices;

/**
 * {@code --device} on the command line, with gpu-backend on the class path: where CUDA is not usable
 * (here: no GPU, or this JVM older than 22), {@code auto} runs on the CPU after one notice naming the
 * reason, {@code cuda} is a one-line error naming it, and an unknown device names the choices.
 */
class DeviceOptionTest {
    private static String cudaMissing() {
        String reason = Devices.provider("cuda").unavailableReason();
        Assumptions.assumeTrue(reason != null, "CUDA is usable here");
        return reason;
    }

    @Test
    void autoFallsBackToTheCpu() {
        String reason = cudaMissing();
        CliRun r = CliRun.tb("bench", "spmm", "--nodes", "200", "--edges", "2000", "--batch", "4", "--repeats", "1", "--device", "auto");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("spmm N=200 E=2000 B=4 threads="), r.out());
        assertTrue(r.err().contains("device auto: CUDA not available (" + reason + "); running on the CPU"), r.err());
    }

    @Test
    void cudaMissingIsAOneLineError() {
        String reason = cudaMissing();
        CliRun r = CliRun.tb("bench", "propagate", "--nodes", "50", "--edges", "300", "--batch", "2", "--steps", "3", "--device", "cuda");
        assertEquals(2, r.status(), r.out() + r.err());
        assertEquals("tb bench propagate: --device cuda: CUDA is not available: " + reason + "; use --device cpu, or --device auto to fall back to the CPU",
                r.err().strip());
        if (Runtime.version().feature() < 22) assertTrue(reason.contains("needs Java 22 or newer"), reason);
    }

    @Test
    void trainTakesTheOptionAndUnknownDevicesAreNamed() {
        CliRun r = CliRun.tb("train", "--device", "tpu");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unknown device 'tpu' (expected cpu, cuda or auto)"), r.err());
    }
}
