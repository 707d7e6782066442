package org.thousandbrains.ops.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.thousandbrains.graph.topology.Activation;

/**
 * Device selection without the gpu-backend module on the class path (gnn-ops alone), and the CPU
 * device's kernels against values worked out by hand.
 */
class DevicesTest {
    @Test
    void cpuIsDiscoveredAndAlwaysAvailable() {
        DeviceProvider cpu = Devices.provider("cpu");
        assertTrue(cpu != null, "the CPU provider is registered in META-INF/services");
        assertNull(cpu.unavailableReason());
        try (KernelService k = Devices.open("cpu", s -> { throw new AssertionError("no notice for cpu: " + s); })) {
            assertEquals("cpu", k.name());
        }
    }

    @Test
    void cudaWithoutTheBackendIsAClearError() {
        DeviceUnavailableException e = assertThrows(DeviceUnavailableException.class, () -> Devices.open("cuda", s -> { }));
        assertTrue(e.getMessage().startsWith("--device cuda: CUDA is not available: no CUDA provider on the class path"), e.getMessage());
        assertTrue(e.getMessage().contains("--device cpu"), e.getMessage());
    }

    @Test
    void autoFallsBackToTheCpuWithANotice() {
        List<String> notices = new ArrayList<>();
        try (KernelService k = Devices.open("AUTO", notices::add)) {
            assertEquals("cpu", k.name());
        }
        assertEquals(1, notices.size());
        assertTrue(notices.get(0).startsWith("device auto: CUDA not available (no CUDA provider"), notices.get(0));
    }

    @Test
    void unknownDeviceNamesTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Devices.parse("tpu"));
        assertEquals("unknown device 'tpu' (expected cpu, cuda or auto)", e.getMessage());
    }

    @Test
    void cpuActivations() {
        try (KernelService k = Devices.open("cpu", s -> { })) {
            DeviceArray a = k.upload(new float[] {-2f, 0f, 1.5f});
            DeviceArray x = k.allocate(3);
            k.activate(Activation.RELU, a, x);
            assertArrayEquals(new float[] {0f, 0f, 1.5f}, x.download());
            k.activate(Activation.SIGMOID, a, x);
            assertEquals(0.5f, x.download()[1]);
            assertEquals((float) (1 / (1 + Math.exp(2.0))), x.download()[0], 1e-7f);
        }
    }

    @Test
    void cpuKWinnersPicksTheLargestAndBreaksTiesToTheLowerIndex() {
        // one group of 4 members, 2 lanes: lane 0 scores 3, 1, 3, 2 -> members 0 and 2; lane 1 scores 5, 5, 5, 9 -> 3 and 0
        float[] scores = {3, 5, 1, 5, 3, 5, 2, 9};
        try (KernelService k = Devices.open("cpu", s -> { })) {
            DeviceArray win = k.allocate(8);
            k.kWinners(k.upload(scores), 1, 4, 2, 2, win);
            assertArrayEquals(new float[] {1, 1, 0, 0, 1, 0, 0, 1}, win.download());
        }
    }

    @Test
    void cpuAdamStepMatchesTheFormula() {
        // step 1: m = 0.1 g, v = 0.001 g^2, m/(1-0.9) = g, sqrt(v/(1-0.999)) = |g|: p -= lr * g/(|g| + eps)
        try (KernelService k = Devices.open("cpu", s -> { })) {
            DeviceArray p = k.upload(new float[] {1f, -2f});
            DeviceArray g = k.upload(new float[] {0.5f, -4f});
            DeviceArray m = k.allocate(2);
            DeviceArray v = k.allocate(2);
            k.adam(p, g, m, v, AdamStep.of(0.1, 1));
            assertArrayEquals(new float[] {0.9f, -1.9f}, p.download(), 1e-6f);
            assertArrayEquals(new float[] {0.05f, -0.4f}, m.download(), 1e-7f);
            assertArrayEquals(new float[] {0.00025f, 0.016f}, v.download(), 1e-9f);
        }
    }
}
