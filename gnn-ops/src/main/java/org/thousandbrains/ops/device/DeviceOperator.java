package org.thousandbrains.ops.device;

import org.thousandbrains.ops.Parameters;

/**
 * The temporal operator of one compiled graph on a device ({@link KernelService#operator}):
 * parameters, optimizer moments, k-WTA duty cycles, the state and trace history of the last forward
 * and the gradients of the last backward stay on the device between calls, so a training loop moves
 * only its inputs ({@link KernelService#upload}), the readout and the readout's gradient across. Host copies are explicit
 * ({@link #state}, {@link #gradients}, {@link #parameters}).
 */
public interface DeviceOperator extends AutoCloseable {
    /**
     * Runs {@code T} steps on a batch of {@code B}: {@code inputs} dense {@code [T][N][B]} in this
     * device's memory (null: none), {@code x0} {@code [N][B]} (null: zeros). Keeps every state for
     * {@link #backward}, updates k-WTA duty cycles in training mode, and returns the readout
     * {@code [nOut][B]} in a new array of this device (the caller closes it).
     */
    DeviceArray forward(DeviceArray inputs, int T, int B, DeviceArray x0);

    /** Host copy of {@code x(t)} {@code [N][B]}, {@code t = 0..T}, of the last forward. */
    double[] state(int t);

    /**
     * Exact BPTT of the last forward for a loss whose derivative w.r.t. the readout is
     * {@code dLdReadout} ({@code [nOut][B]}, this device's memory).
     */
    void backward(DeviceArray dLdReadout);

    /**
     * One CSR step {@code y = A x} over the current weights ({@code x}, {@code y} {@code [N][B]}; no
     * delays, traces or activations): the SpMM kernel the peers are compared on.
     */
    void spmm(DeviceArray x, DeviceArray y, int B);

    /** Host copies of the last backward's gradients. */
    DeviceGradients gradients();

    /**
     * Adam on the device-resident weights, delays, leaks (where learnable) and biases with the last
     * gradients, then delays and leaks clamped as {@link Parameters#clamp()} does.
     */
    void adam(AdamStep s);

    /** Copies the device's parameters into the operator's {@link Parameters} and returns them. */
    Parameters parameters();

    /** Host copy of the k-WTA duty cycles (member order of the graph's group structure). */
    double[] duty();

    /** Bytes of device memory this operator holds. */
    long deviceBytes();

    @Override
    void close();
}
