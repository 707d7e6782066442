package org.thousandbrains.ops.device;

import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.ops.TemporalOperator;

/**
 * One opened execution device and its kernels: device memory handles, the elementwise
 * activations, k-WTA selection, the Adam update, and the operator's forward and backward steps
 * over device-resident states and parameters ({@link #operator}). Every device computes what the
 * CPU reference computes (DESIGN.md); only the speed differs. Open one with {@link Devices#open}.
 */
public interface KernelService extends AutoCloseable {
    /** The provider's name ({@code cpu}, {@code cuda}). */
    String name();

    /** One line for logs and reports: the device model, its memory, the runtime. */
    String description();

    /** Zeroed float32 memory of {@code length} floats on this device. */
    DeviceArray allocate(int length);

    /** Device memory holding a copy of {@code values}. */
    default DeviceArray upload(float[] values) {
        DeviceArray a = allocate(values.length);
        a.upload(values);
        return a;
    }

    /** {@code x[i] = φ(a[i])} elementwise (same lengths). */
    void activate(Activation phi, DeviceArray a, DeviceArray x);

    /**
     * k-WTA selection: {@code scores} is {@code [groups][size][batch]}; per group and batch lane the
     * {@code k} largest scores win (ties: lower member index); {@code winners} gets 1 there, 0 elsewhere.
     */
    void kWinners(DeviceArray scores, int groups, int size, int batch, int k, DeviceArray winners);

    /** One Adam step on {@code p} with gradient {@code g} and moments {@code m}, {@code v} (same lengths), in place. */
    void adam(DeviceArray p, DeviceArray g, DeviceArray m, DeviceArray v, AdamStep s);

    /** Null when this device runs {@code graph}, otherwise what it cannot run (e.g. a feature of the graph). */
    String unsupported(CompiledGraph graph);

    /**
     * The forward and backward steps of {@code op}'s graph on this device, with {@code op}'s
     * parameters, k-WTA state, training mode, outputs and readout window copied to the device.
     * Throws {@link DeviceUnavailableException} when {@link #unsupported} is not null.
     */
    DeviceOperator operator(TemporalOperator op);

    /** Frees everything this device still holds. */
    @Override
    void close();
}
