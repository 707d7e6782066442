/**
 * Execution devices of the one operator: the kernel service interface ({@link
 * org.thousandbrains.ops.device.KernelService}: device memory handles, activations, k-WTA
 * selection, the Adam update, and through {@link org.thousandbrains.ops.device.DeviceOperator}
 * the forward and backward steps over device-resident states and parameters), found at run time
 * with {@link java.util.ServiceLoader} ({@link org.thousandbrains.ops.device.DeviceProvider}).
 * The CPU device runs {@link org.thousandbrains.ops.TemporalOperator} itself; the gpu-backend
 * module provides CUDA. {@link org.thousandbrains.ops.device.Devices} picks one for
 * {@code --device cpu|cuda|auto}:
 *
 * <pre>{@code
 * try (DeviceOperator d = Devices.operator("auto", TemporalOperator.of(g).training(true), System.err::println)) {
 *     double[] readout = d.forward(inputs, T, B, null);   // inputs [T][N][B], states stay on the device
 *     d.backward(dLdReadout);                              // gradients stay on the device
 *     d.adam(AdamStep.of(1e-3, step));                     // so do parameters and moments
 * }
 * }</pre>
 */
package org.thousandbrains.ops.device;
