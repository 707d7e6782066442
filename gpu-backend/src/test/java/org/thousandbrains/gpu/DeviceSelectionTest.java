package org.thousandbrains.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.thousandbrains.ops.device.DeviceProvider;
import org.thousandbrains.ops.device.DeviceUnavailableException;
import org.thousandbrains.ops.device.Devices;
import org.thousandbrains.ops.device.KernelService;

/**
 * With gpu-backend on the class path: ServiceLoader finds the CUDA provider; without a usable GPU,
 * {@code auto} falls back to the CPU naming the reason and {@code cuda} is an error naming it; with
 * one, both open CUDA.
 */
class DeviceSelectionTest {
    @Test
    void theCudaProviderIsDiscovered() {
        DeviceProvider cuda = Devices.provider("cuda");
        assertTrue(cuda instanceof CudaProvider, "found through META-INF/services: " + Devices.providers());
        assertEquals("cpu", Devices.providers().get(0).name());
    }

    @Test
    void autoAndCudaFollowTheProbe() {
        String reason = Devices.provider("cuda").unavailableReason();
        List<String> notices = new ArrayList<>();
        if (reason == null) {
            try (KernelService k = Devices.open("auto", notices::add)) {
                assertEquals("cuda", k.name());
            }
            assertEquals(List.of(), notices);
            return;
        }
        try (KernelService k = Devices.open("auto", notices::add)) {
            assertEquals("cpu", k.name());
        }
        assertEquals(List.of("device auto: CUDA not available (" + reason + "); running on the CPU"), notices);
        DeviceUnavailableException e = assertThrows(DeviceUnavailableException.class, () -> Devices.open("cuda", s -> { }));
        assertEquals("--device cuda: CUDA is not available: " + reason + "; use --device cpu, or --device auto to fall back to the CPU",
                e.getMessage());
    }
}
