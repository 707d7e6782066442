package org.thousandbrains.gpu.cuda;

import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GroupStructure;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.ops.TemporalOperator;
import org.thousandbrains.ops.device.AdamStep;
import org.thousandbrains.ops.device.DeviceArray;
import org.thousandbrains.ops.device.DeviceOperator;
import org.thousandbrains.ops.device.DeviceUnavailableException;
import org.thousandbrains.ops.device.KernelService;

/**
 * The CUDA device: GPU 0 through the driver API and NVRTC, called with the JDK's foreign-function
 * API (Java 22+). Runs plain nodes, fractional delays, leaky traces, instant waves and k-WTA groups;
 * units, unit groups and overseer normalization stay on the CPU ({@link #unsupported}).
 */
public final class CudaKernels implements KernelService {
    private final Gpu gpu;

    private CudaKernels(Gpu gpu) {
        this.gpu = gpu;
    }

    /** Null when a GPU, its driver and NVRTC are usable here, otherwise why not (one sentence). */
    public static String probe() {
        try {
            Driver d = new Driver();
            d.init();
            if (d.deviceCount() == 0) return "the CUDA driver sees no GPU";
            new Nvrtc();
            return null;
        } catch (UnsatisfiedLinkError | CudaException e) {
            return e.getMessage();
        }
    }

    /** Opens GPU 0 and compiles the kernels for it. */
    public static CudaKernels open() {
        try {
            return new CudaKernels(new Gpu());
        } catch (UnsatisfiedLinkError | CudaException e) {
            throw new DeviceUnavailableException("CUDA device could not be opened: " + e.getMessage(), e);
        }
    }

    Gpu gpu() { return gpu; }

    @Override
    public String name() { return "cuda"; }

    @Override
    public String description() { return gpu.description; }

    @Override
    public DeviceArray allocate(int length) {
        gpu.enter();
        return new CudaArray(gpu, length);
    }

    @Override
    public void activate(Activation phi, DeviceArray a, DeviceArray x) {
        if (a.length() != x.length()) throw new IllegalArgumentException("activation of " + a.length() + " values into " + x.length());
        gpu.enter();
        gpu.launch("activate", a.length(), phi.ordinal(), cuda(a).memory, cuda(x).memory, a.length());
        gpu.synchronize();
    }

    @Override
    public void kWinners(DeviceArray scores, int groups, int size, int batch, int k, DeviceArray winners) {
        long total = (long) groups * size * batch;
        if (scores.length() != total || winners.length() != total) {
            throw new IllegalArgumentException("k-WTA arrays of " + scores.length() + " and " + winners.length() + " values for "
                    + groups + " groups x " + size + " members x " + batch + " lanes");
        }
        if (k < 0 || k > size) throw new IllegalArgumentException("k = " + k + " winners outside [0, " + size + "]");
        gpu.enter();
        gpu.launch("kwinners", total, cuda(scores).memory, groups, size, batch, k, cuda(winners).memory);
        gpu.synchronize();
    }

    @Override
    public void adam(DeviceArray p, DeviceArray g, DeviceArray m, DeviceArray v, AdamStep s) {
        int n = p.length();
        if (g.length() != n || m.length() != n || v.length() != n) throw new IllegalArgumentException("Adam arrays of different lengths");
        gpu.enter();
        adam(gpu, cuda(p).memory, cuda(g).memory, cuda(m).memory, cuda(v).memory, null, 0, n, s);
        gpu.synchronize();
    }

    /** The Adam kernel on raw allocations; {@code learn} (bytes, may be null) and {@code bit} mask frozen entries. */
    static void adam(Gpu gpu, Memory p, Memory g, Memory m, Memory v, Memory learn, int bit, int n, AdamStep s) {
        double bc1 = 1 - StrictMath.pow(s.beta1(), s.step());
        double bc2Sqrt = Math.sqrt(1 - StrictMath.pow(s.beta2(), s.step()));
        gpu.launch("adam", n, p, g, m, v, learn, bit, n, (float) (s.lr() / bc1), (float) s.beta1(), (float) s.beta2(),
                (float) bc2Sqrt, (float) s.eps());
    }

    private static CudaArray cuda(DeviceArray a) {
        if (a instanceof CudaArray c) return c;
        throw new IllegalArgumentException("array of another device (" + a.getClass().getSimpleName() + ") given to cuda");
    }

    /** The allocation behind a CUDA array. */
    static Memory memory(DeviceArray a) { return cuda(a).memory; }

    @Override
    public String unsupported(CompiledGraph graph) {
        GroupStructure gs = graph.groupStructure();
        if (gs.unitCount() > 0) return "units (" + gs.unitCount() + " in this graph) are not implemented on the CUDA device";
        if (gs.normCount() > 0) return "overseer normalization (" + gs.normCount() + " groups) is not implemented on the CUDA device";
        return null;
    }

    @Override
    public DeviceOperator operator(TemporalOperator op) {
        String missing = unsupported(op.graph());
        if (missing != null) throw new DeviceUnavailableException("cuda: " + missing);
        gpu.enter();
        return new CudaOperator(gpu, op);
    }

    @Override
    public void close() { gpu.close(); }
}
