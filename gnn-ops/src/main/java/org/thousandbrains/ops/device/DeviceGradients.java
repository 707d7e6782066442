package org.thousandbrains.ops.device;

/**
 * Host copies of one backward pass's gradients: per edge in CSR order {@code weight}, {@code delay},
 * {@code leak}; per node {@code bias}; {@code inputs} {@code [T][N][B]} (null without inputs);
 * {@code initialState} {@code [N][B]}.
 */
public record DeviceGradients(double[] weight, double[] delay, double[] leak, double[] bias, double[] inputs,
                              double[] initialState) {
}
