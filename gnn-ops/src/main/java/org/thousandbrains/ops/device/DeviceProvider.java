package org.thousandbrains.ops.device;

/**
 * The service-provider interface of an execution device, found at run time with
 * {@link java.util.ServiceLoader} (a {@code META-INF/services} entry): gnn-ops registers the CPU,
 * the gpu-backend module CUDA. A provider is cheap to create; {@link #unavailableReason()} probes the
 * machine (libraries, driver, a device) and {@link #open()} starts the device.
 */
public interface DeviceProvider {
    /** The name {@code --device} uses: {@code cpu}, {@code cuda}. */
    String name();

    /** Null when this device can be opened here, otherwise one sentence saying why not. */
    String unavailableReason();

    /** Opens the device; throws {@link DeviceUnavailableException} when {@link #unavailableReason()} is not null. */
    KernelService open();
}
