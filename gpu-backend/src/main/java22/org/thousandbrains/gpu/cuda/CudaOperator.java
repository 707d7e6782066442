package org.thousandbrains.gpu.cuda;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.thousandbrains.graph.compile.BlockSchedule;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GroupStructure;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.ops.Parameters;
import org.thousandbrains.ops.TemporalOperator;
import org.thousandbrains.ops.device.AdamStep;
import org.thousandbrains.ops.device.DeviceArray;
import org.thousandbrains.ops.device.DeviceGradients;
import org.thousandbrains.ops.device.DeviceOperator;

/**
 * The operator of one graph on the GPU. Graph arrays, parameters, Adam moments, duty cycles, the
 * history of the last forward and the gradients of the last backward are device allocations kept
 * between calls; a pass moves its inputs to the device and the readout back (and a 4-byte flag
 * saying whether a delay crossed 1, which rebuilds the wave schedule). Backward walks the steps
 * backwards over the same waves in reverse, through the CSC for what reaches the sources, without
 * atomics (deterministic).
 */
final class CudaOperator implements DeviceOperator {
    private final Gpu gpu;
    private final TemporalOperator op;
    private final CompiledGraph g;
    private final int n;
    private final int e;
    private final int m;
    private final boolean training;
    private final int[] outputs;
    private final int window;
    private final List<Memory> owned = new ArrayList<>();
    // graph, parameters, gradients, moments
    private final Memory rowPtr, src, colPtr, cscEdge, act, isInput, learn, dFloor, k, f, planned, changed;
    private final Memory w, d, lam, bias, gw, gd, glam, gb, out;
    private final Memory[] mom1 = new Memory[4];
    private final Memory[] mom2 = new Memory[4];
    // k-WTA
    private final int[] kwPtr;
    private final int[] kEff;
    private final long[] observations;
    private final Memory members, memberOf, beta, rho, duty, factor;
    // schedule of the current instant pattern
    private int[] wavePtr;
    private int[][] waveGroups;
    private boolean instantEdges;
    private Memory order;
    // the last pass
    private int T;
    private int B;
    private Memory X, S, A, I, win, GX, GS, D, GI;
    private boolean hasInputs;
    private boolean forwardDone;
    private boolean backwardDone;

    CudaOperator(Gpu gpu, TemporalOperator op) {
        this.gpu = gpu;
        this.op = op;
        this.g = op.graph();
        this.n = g.nodeCount();
        this.e = g.edgeCount();
        this.training = op.isTraining();
        this.outputs = op.outputs();
        this.window = op.readoutWindow();
        Parameters p = op.parameters();
        rowPtr = ints(g.rowPtr());
        src = ints(g.src());
        colPtr = ints(g.colPtr());
        cscEdge = ints(g.cscEdge());
        byte[] phi = new byte[n];
        byte[] input = new byte[n];
        Activation[] a = g.activations();
        for (int v = 0; v < n; v++) {
            phi[v] = (byte) a[v].ordinal();
            input[v] = (byte) (g.isInput(v) ? 1 : 0);
        }
        act = bytes(phi);
        isInput = bytes(input);
        learn = bytes(g.learnable());
        float[] floor = new float[e];
        for (int q = 0; q < e; q++) floor[q] = (float) g.delayFloor(q);
        dFloor = floats(floor);
        k = keep(gpu.alloc(4L * Math.max(e, 1)));
        f = keep(gpu.alloc(4L * Math.max(e, 1)));
        planned = keep(gpu.alloc(Math.max(e, 1)));
        changed = keep(gpu.alloc(4));
        w = floats(p.weight());
        d = floats(p.delay());
        lam = floats(p.leak());
        bias = floats(p.bias());
        gw = zeros(e);
        gd = zeros(e);
        glam = zeros(e);
        gb = zeros(n);
        int[] sizes = {e, e, e, n};
        for (int i = 0; i < 4; i++) {
            mom1[i] = zeros(sizes[i]);
            mom2[i] = zeros(sizes[i]);
        }
        out = ints(outputs);
        GroupStructure gs = g.groupStructure();
        kwPtr = gs.kwtaPtr();
        m = gs.kwtaMembers().length;
        kEff = training ? gs.kwtaK() : gs.kwtaInferenceK();
        observations = op.groupState().observations().clone();
        int[] of = new int[n];
        Arrays.fill(of, -1);
        float[] betaM = new float[m];
        float[] rhoM = new float[m];
        for (int q = 0; q < kwPtr.length - 1; q++) {
            int size = kwPtr[q + 1] - kwPtr[q];
            for (int i = kwPtr[q]; i < kwPtr[q + 1]; i++) {
                of[gs.kwtaMembers()[i]] = i;
                betaM[i] = (float) op.groupState().boost()[q];
                rhoM[i] = (float) ((double) gs.kwtaK()[q] / size);
            }
        }
        members = ints(gs.kwtaMembers());
        memberOf = m > 0 ? ints(of) : null;
        beta = floats(betaM);
        rho = floats(rhoM);
        duty = floats(op.groupState().duty());
        factor = zeros(m);
        schedule(kFloors(p.delay()));
    }

    // ---- allocation helpers ---------------------------------------------------------------

    private Memory keep(Memory mem) {
        owned.add(mem);
        return mem;
    }

    /** A kept allocation of {@code bytes} (at least 4), filled by {@code fill}. */
    private Memory stored(long bytes, java.util.function.Consumer<Memory> fill) {
        Memory mem = keep(gpu.alloc(Math.max(bytes, 4)));
        fill.accept(mem);
        return mem;
    }

    private Memory ints(int[] a) { return stored(4L * a.length, m -> m.upload(a)); }

    private Memory bytes(byte[] a) { return stored(a.length, m -> m.upload(a)); }

    private Memory floats(float[] a) { return stored(4L * a.length, m -> m.upload(a)); }

    private Memory floats(double[] a) {
        float[] x = new float[a.length];
        for (int i = 0; i < a.length; i++) x[i] = (float) a[i];
        return floats(x);
    }

    private Memory zeros(long count) { return stored(4L * count, Memory::zero); }

    private Memory replace(Memory old, long bytes) {
        if (old != null && old.bytes == bytes) return old;
        if (old != null) {
            owned.remove(old);
            old.close();
        }
        return keep(gpu.alloc(bytes));
    }

    // ---- the wave schedule ------------------------------------------------------------------

    private static int[] kFloors(double[] delay) {
        int[] r = new int[delay.length];
        for (int q = 0; q < r.length; q++) r[q] = (int) Math.floor(delay[q]);
        return r;
    }

    /** Waves of blocks over the instant edges of the floors {@code kf} (as the CPU planner's Schedule). */
    private void schedule(int[] kf) {
        GroupStructure gs = g.groupStructure();
        boolean[] instant = new boolean[e];
        byte[] plan = new byte[e];
        instantEdges = false;
        for (int q = 0; q < e; q++) {
            instant[q] = kf[q] == 0;
            plan[q] = (byte) (instant[q] ? 1 : 0);
            instantEdges |= instant[q];
        }
        BlockSchedule s = BlockSchedule.of(gs.blockCount(), gs.blockOf(), g.src(), g.dst(), instant, gs.internalEdges());
        if (s == null) {
            throw new IllegalStateException("the instant edges (delay < 1) form a cycle; keep delays in [delayFloor(e), d_max]");
        }
        wavePtr = s.wavePtr;
        int waves = s.waves();
        waveGroups = new int[waves][];
        byte[] kinds = gs.blockKind();
        int[] index = gs.blockIndex();
        for (int wv = 0; wv < waves; wv++) {
            List<Integer> q = new ArrayList<>();
            for (int r = s.waveRunPtr[wv]; r < s.waveRunPtr[wv + 1]; r++) {
                int block = s.runBlock[r];
                if (kinds[block] == GroupStructure.KWTA) q.add(index[block]);
            }
            waveGroups[wv] = q.stream().mapToInt(Integer::intValue).toArray();
        }
        order = replace(order, 4L * Math.max(n, 1));
        order.upload(s.order);
        planned.upload(plan);
    }

    /** Splits the live delays into floor and fraction; rebuilds the schedule when the instant pattern moved. */
    private void splitDelays() {
        changed.zero();
        gpu.launch("split_delays", e, d, k, f, planned, changed, e);
        if (changed.ints(1)[0] != 0) schedule(k.ints(e));
    }

    private long wave(int wv) { return order.at(4L * wavePtr[wv]); }

    private int waveSize(int wv) { return wavePtr[wv + 1] - wavePtr[wv]; }

    // ---- forward ----------------------------------------------------------------------------

    @Override
    public DeviceArray forward(DeviceArray inputs, int steps, int batch, DeviceArray x0) {
        if (steps < 1) throw new IllegalArgumentException("steps T must be >= 1, got " + steps);
        if (batch < 1) throw new IllegalArgumentException("batch B must be >= 1, got " + batch);
        if (window > steps) throw new IllegalArgumentException("readout window " + window + " exceeds T=" + steps);
        long nb = (long) n * batch;
        if (inputs != null && inputs.length() != steps * nb) {
            throw new IllegalArgumentException("inputs have " + inputs.length() + " values, expected [T=" + steps + "][N=" + n + "][B=" + batch + "]");
        }
        if (x0 != null && x0.length() != nb) throw new IllegalArgumentException("x0 has " + x0.length() + " values, expected [N][B] = " + nb);
        gpu.enter();
        T = steps;
        B = batch;
        long eb = (long) e * B;
        X = replace(X, 4L * (T + 1) * nb);
        S = replace(S, 4L * Math.max((T + 1) * eb, 1));
        A = replace(A, 4L * nb);
        win = m > 0 ? replace(win, (long) T * m * B) : null;
        hasInputs = inputs != null;
        I = hasInputs ? CudaKernels.memory(inputs) : null;
        splitDelays();
        gpu.driver.zero32(X.pointer(), nb); // slot 0; every step writes every node's slot
        if (x0 != null) gpu.driver.copyDeviceToDevice(X.pointer(), CudaKernels.memory(x0).pointer(), 4L * nb);
        gpu.driver.zero32(S.pointer(), eb);
        if (m > 0) gpu.launch("kwta_factor", m, beta, rho, duty, factor, m);
        for (int t = 1; t <= T; t++) {
            for (int wv = 0; wv < wavePtr.length - 1; wv++) {
                gpu.launchWarps("forward_nodes", waveSize(wv), t, wave(wv), waveSize(wv), n, e, B, rowPtr, src, k, f, w, lam,
                        bias, act, isInput, hasInputs ? I : null, X, S, A);
                for (int q : waveGroups[wv]) {
                    int size = kwPtr[q + 1] - kwPtr[q];
                    gpu.launch("kwta_select", (long) size * B, t, kwPtr[q], size, kEff[q], n, m, B, members, factor, A, X, win);
                }
            }
        }
        if (training && m > 0) updateDuty();
        CudaArray r = new CudaArray(gpu, outputs.length * B);
        gpu.launch("readout", (long) outputs.length * B, T, window, out, outputs.length, n, B, X, r.memory);
        gpu.synchronize();
        forwardDone = true;
        backwardDone = false;
        return r;
    }

    private void updateDuty() {
        int[] period = g.groupStructure().kwtaPeriod();
        long obs = (long) B * T;
        for (int q = 0; q < kwPtr.length - 1; q++) {
            long seen = observations[q] + obs;
            double p = Math.min(period[q], seen);
            int size = kwPtr[q + 1] - kwPtr[q];
            gpu.launch("kwta_duty", size, kwPtr[q], size, T, m, B, (float) p, (float) obs, win, duty);
            observations[q] = seen;
        }
    }

    @Override
    public double[] state(int t) {
        requireForward();
        if (t < 0 || t > T) throw new IllegalArgumentException("step " + t + " outside [0, " + T + "]");
        gpu.enter();
        return doubles(X.floats(4L * t * n * B, n * B));
    }

    // ---- backward ---------------------------------------------------------------------------

    @Override
    public void backward(DeviceArray dLdReadout) {
        requireForward();
        if (dLdReadout.length() != outputs.length * B) {
            throw new IllegalArgumentException("dL/dreadout has " + dLdReadout.length() + " values, expected [nOut=" + outputs.length + "][B=" + B + "]");
        }
        gpu.enter();
        long nb = (long) n * B;
        GX = replace(GX, 4L * (T + 1) * nb);
        GS = replace(GS, 4L * Math.max((long) e * B, 1));
        D = replace(D, 4L * nb);
        GI = hasInputs ? replace(GI, 4L * T * nb) : null;
        GX.zero();
        GS.zero();
        for (Memory z : new Memory[] {gw, gd, glam, gb}) z.zero();
        Memory dL = CudaKernels.memory(dLdReadout);
        boolean distinct = Arrays.stream(outputs).distinct().count() == outputs.length;
        gpu.launch("seed_readout", distinct ? (long) outputs.length * B : B, T, window, out, outputs.length, n, B, dL, GX,
                distinct ? 0 : 1);
        int waves = wavePtr.length - 1;
        for (int t = T; t >= 1; t--) {
            for (int wv = waves - 1; wv >= 0; wv--) {
                int size = waveSize(wv);
                if (instantEdges) {
                    gpu.launchWarps("backward_sources", size, t, wave(wv), size, 1, n, e, B, colPtr, cscEdge, k, f, GS, GX);
                }
                gpu.launchWarps("backward_nodes", size, t, wave(wv), size, n, m, B, act, isInput, memberOf, win, X, GX, D, GI, gb);
                gpu.launchWarps("backward_edges", size, t, wave(wv), size, n, e, B, rowPtr, src, k, f, w, lam, isInput, X, S, D, GS, gw, gd, glam);
            }
            gpu.launchWarps("backward_sources", n, t, null, n, 0, n, e, B, colPtr, cscEdge, k, f, GS, GX);
        }
        gpu.synchronize();
        backwardDone = true;
    }

    @Override
    public void spmm(DeviceArray x, DeviceArray y, int batch) {
        if (x.length() != (long) n * batch || y.length() != (long) n * batch) {
            throw new IllegalArgumentException("spmm arrays of " + x.length() + " and " + y.length() + " values, expected [N][B] = " + (long) n * batch);
        }
        gpu.enter();
        gpu.launchWarps("spmm", n, n, batch, rowPtr, src, w, CudaKernels.memory(x), CudaKernels.memory(y));
        gpu.synchronize();
    }

    @Override
    public DeviceGradients gradients() {
        if (!backwardDone) throw new IllegalStateException("no backward pass since the last forward");
        gpu.enter();
        return new DeviceGradients(doubles(gw.floats(0, e)), doubles(gd.floats(0, e)), doubles(glam.floats(0, e)),
                doubles(gb.floats(0, n)), hasInputs ? doubles(GI.floats(0, T * n * B)) : null, doubles(GX.floats(0, n * B)));
    }

    // ---- optimizer and host copies ----------------------------------------------------------

    @Override
    public void adam(AdamStep s) {
        if (!backwardDone) throw new IllegalStateException("no backward pass since the last forward");
        gpu.enter();
        Memory[] p = {w, d, lam, bias};
        Memory[] grad = {gw, gd, glam, gb};
        int[] bit = {Learnable.WEIGHT, Learnable.DELAY, Learnable.LEAK, 0};
        for (int i = 0; i < 4; i++) {
            int len = i == 3 ? n : e;
            CudaKernels.adam(gpu, p[i], grad[i], mom1[i], mom2[i], i == 3 ? null : learn, bit[i], len, s);
        }
        gpu.launch("clamp_parameters", e, d, lam, dFloor, (float) g.dMax(), (float) Parameters.MAX_LEAK, e);
        gpu.synchronize();
    }

    @Override
    public Parameters parameters() {
        gpu.enter();
        Parameters p = op.parameters();
        copy(w.floats(0, e), p.weight());
        copy(d.floats(0, e), p.delay());
        copy(lam.floats(0, e), p.leak());
        copy(bias.floats(0, n), p.bias());
        op.groupState().set(duty(), observations);
        return p;
    }

    @Override
    public double[] duty() {
        gpu.enter();
        return doubles(duty.floats(0, m));
    }

    @Override
    public long deviceBytes() {
        long sum = 0;
        for (Memory mem : owned) sum += mem.bytes;
        return sum;
    }

    @Override
    public void close() {
        gpu.enter();
        for (Memory mem : owned) mem.close();
        owned.clear();
        forwardDone = false;
        backwardDone = false;
    }

    private void requireForward() {
        if (!forwardDone) throw new IllegalStateException("no forward pass on this device operator yet");
    }

    private static void copy(float[] from, double[] to) {
        for (int i = 0; i < to.length; i++) to[i] = from[i];
    }

    private static double[] doubles(float[] a) {
        double[] r = new double[a.length];
        copy(a, r);
        return r;
    }
}
