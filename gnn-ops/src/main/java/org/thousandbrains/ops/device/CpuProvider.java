package org.thousandbrains.ops.device;

/** The CPU's entry in {@code META-INF/services}: always available. */
public final class CpuProvider implements DeviceProvider {
    @Override
    public String name() { return "cpu"; }

    @Override
    public String unavailableReason() { return null; }

    @Override
    public KernelService open() { return new CpuKernels(); }
}
