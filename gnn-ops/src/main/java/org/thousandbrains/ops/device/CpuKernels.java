package org.thousandbrains.ops.device;

import java.util.Arrays;

import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.ops.TemporalOperator;
import org.thousandbrains.optim.Adam;

/**
 * The CPU as a device: memory is host memory, the operator is {@link TemporalOperator} itself
 * (every execution strategy of the planner), the Adam update is the optimizer package's kernel. It
 * runs every graph and is what {@code auto} falls back to.
 */
final class CpuKernels implements KernelService {
    @Override
    public String name() { return "cpu"; }

    @Override
    public String description() {
        return "cpu: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version().feature();
    }

    @Override
    public DeviceArray allocate(int length) { return new CpuArray(length); }

    @Override
    public void activate(Activation phi, DeviceArray a, DeviceArray x) {
        float[] in = a.download();
        if (in.length != x.length()) throw new IllegalArgumentException("activation of " + in.length + " values into " + x.length());
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) out[i] = (float) phi.apply(in[i]);
        x.upload(out);
    }

    @Override
    public void kWinners(DeviceArray scores, int groups, int size, int batch, int k, DeviceArray winners) {
        float[] c = scores.download();
        if (c.length != (long) groups * size * batch || winners.length() != c.length) {
            throw new IllegalArgumentException("k-WTA arrays of " + c.length + " and " + winners.length() + " values for "
                    + groups + " groups x " + size + " members x " + batch + " lanes");
        }
        if (k < 0 || k > size) throw new IllegalArgumentException("k = " + k + " winners outside [0, " + size + "]");
        float[] win = new float[c.length];
        Integer[] order = new Integer[size];
        for (int q = 0; q < groups; q++) {
            int base = q * size * batch;
            for (int b = 0; b < batch; b++) {
                int lane = b;
                for (int i = 0; i < size; i++) order[i] = i;
                // largest score first, ties to the lower member index (a stable sort keeps index order)
                Arrays.sort(order, (i, j) -> Float.compare(c[base + j * batch + lane], c[base + i * batch + lane]));
                for (int r = 0; r < k; r++) win[base + order[r] * batch + b] = 1f;
            }
        }
        winners.upload(win);
    }

    @Override
    public void adam(DeviceArray p, DeviceArray g, DeviceArray m, DeviceArray v, AdamStep s) {
        Adam.update(cpu(p).values(), cpu(g).values(), cpu(m).values(), cpu(v).values(), s.lr(), s.beta1(), s.beta2(), s.eps(), s.step());
    }

    private static CpuArray cpu(DeviceArray a) {
        if (a instanceof CpuArray c) return c;
        throw new IllegalArgumentException("array of another device (" + a.getClass().getSimpleName() + ") given to the cpu");
    }

    @Override
    public String unsupported(CompiledGraph graph) { return null; }

    @Override
    public DeviceOperator operator(TemporalOperator op) { return new CpuOperator(op); }

    @Override
    public void close() {
    }
}
