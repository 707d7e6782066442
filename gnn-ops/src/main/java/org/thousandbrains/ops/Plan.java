package org.thousandbrains.ops;

import java.util.Arrays;

import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GroupStructure;

/**
 * Everything one pass needs from the parameters, taken at its start so that the backward pass sees
 * exactly the values the forward pass used: integer and fractional part of each delay, the
 * parameters in the pass's precision, which edges carry a trace (nonzero leak), the block schedule,
 * the k-WTA boost factors, the unit-internal edges and the fixed work partitions.
 *
 * <p>The per-edge arrays ({@link #k}, {@link #w}, ...) cover the edges the CSR kernels run, in
 * <em>execution order</em> {@code q}: CSR order without the unit-internal edges (which the unit
 * stage applies) and without the edges of dense blocks. {@link #edgeId} maps {@code q} back to
 * the CSR index (null when the two coincide).
 */
final class Plan {
    final CompiledGraph graph;
    final Precision precision;
    final int n;
    final int e;
    final int steps;
    final int batch;
    /** Edges the CSR kernels run: into v are execution positions {@code rowPtr[v] .. rowPtr[v+1]-1}. */
    final int[] rowPtr;
    final int[] src;
    /** CSR index of each execution position, or null for the identity. */
    final int[] edgeId;
    /** Number of execution positions. */
    final int exec;
    /** ⌊d⌋ per execution position. */
    final int[] k;
    /** Snapshots of the parameters (double, always kept). */
    final double[] w;
    final double[] frac;
    final double[] lam;
    final double[] bias;
    /** The same in float, for FLOAT32 passes (null otherwise). */
    final float[] wF;
    final float[] fracF;
    final float[] lamF;
    final float[] biasF;
    /** Offset of edge e's trace in the trace buffer (already times B), or -1 when it needs none. */
    final int[] traceOffset;
    /**
     * Batch-1 passes only (else null): node v's edges all have whole delays and no trace ({@code f = 0}, leak 0),
     * so its aggregate reads one state per edge, {@code x_u(t − k)} (the connectome-simulation case).
     */
    final boolean[] wholeRow;
    final int traced;
    /** Largest ⌊d⌋ and the farthest step back any read reaches ({@code maxK + 1}). */
    final int maxK;
    final int reach;
    final byte[] activation;
    final boolean[] input;
    /** Training mode: k-WTA uses k (eval: the inference k) and duty cycles update after forward. */
    final boolean training;
    /** Node is its own plain block: activated right after its aggregation (forward) and completed alone (backward). */
    final boolean[] plain;
    /** Per k-WTA member position: {@code exp(β(k/m − δ))}, the boost of its score. */
    final double[] boostFactor;
    /** Overseer normalization: gain γ and shift β per member position (snapshots), and the live running μ, σ² (updated in training). */
    final double[] gain;
    final double[] shift;
    final double[] runningMean;
    final double[] runningVariance;
    /** Winners per k-WTA group in this pass. */
    final int[] kEffective;
    /** Unit-internal in-edges of unit-member position i: {@code intPtr[i] .. intPtr[i+1]-1}, source member position, CSR index. */
    final int[] intPtr;
    final int[] intSrc;
    final int[] intEdge;
    /** Per unit: its internal edges as a dense {@code [m × m]} matrix (row = target, column = source member; parallel edges summed), in the pass's precision. */
    final double[][] unitMatrix;
    final float[][] unitMatrixF;
    /** Per unit-member position: offset of its stored inner iterations {@code z^1 .. z^(rec-1)} within a step; per step in all. */
    final int[] zOffset;
    final int zPerStep;
    final GroupStructure groups;
    /** The structure this pass runs on (shared with other passes of the same parameter pattern). */
    final PassLayout layout;
    final Schedule schedule;
    /** Dense blocks of this pass: indices into {@link #denseLayout}, their delay ⌊d⌋, whether delay and leak gradients are formed. */
    final DenseLayout denseLayout;
    final int[] dense;
    final int[] denseK;
    final boolean[] denseDelay;
    final boolean[] denseLeak;
    final boolean[] denseMask;
    /** Per dense use: the sparse-sparse kernel may run it (see {@link PassLayout#denseGather}). */
    final boolean[] denseGather;
    /** Per dense use: the sparse-weight rows run it (see {@link PassLayout#denseRows}). */
    final boolean[] denseRows;
    /** Per dense use: its weight gradient may run through the sparse-weight rows (see {@link PassLayout#denseRowGradients}). */
    final boolean[] denseRowGradients;
    /** Float32 master weights outside the operator, or null (see {@link TemporalOperator#bindWeights}). */
    final BoundWeights bound;
    /** The dense kernel's load count when this pass's forward loaded the weights (checked by backward). */
    long denseGeneration;
    /** Per wave: dense uses whose targets lie in it, and the plain nodes among those targets (activated after the products). */
    final int[][] waveDense;
    final int[][] denseActivate;
    /** Node activated right in the row kernel: plain and fed by no dense block. */
    final boolean[] direct;
    /** x(0) is all zero (no initial state given). */
    final boolean zeroInitialState;
    /** Gradients of parameters whose learnable bit is off are reported as 0 (and dense blocks skip forming them). */
    final boolean skipFrozen;
    final int parts;
    /** Threads that share the parts. */
    final int threads;
    /** Forward tasks per wave (see {@link Split}). */
    final int[][] forwardTasks;
    /** Per wave, the block stages: triples (block run, first lane, end lane) over the non-plain blocks. */
    final int[][] stageTasks;
    /** Per wave, the runs of non-plain blocks (completed one task each in backward). */
    final int[][] blockRuns;

    Plan(CompiledGraph g, Parameters p, GroupState state, Precision precision, int steps, int batch, int threads,
         boolean traceAll, boolean training) {
        this(g, p, state, precision, steps, batch, threads, traceAll, training, null, Strategy.CSR, false, true, null, null, null);
    }

    /**
     * A pass's plan; {@code recent} (may be null) holds the layouts of earlier passes, latest first, one of
     * which is reused when the pass still has its pattern, batch and settings ({@link #layout} tells which
     * was used): a training loop whose last batch is smaller keeps both layouts instead of rebuilding each.
     */
    Plan(CompiledGraph g, Parameters p, GroupState state, Precision precision, int steps, int batch, int threads,
         boolean traceAll, boolean training, DenseLayout layout, Strategy strategy, boolean skipFrozen,
         boolean zeroInitialState, java.util.List<PassLayout> recent, SeenValues seen, BoundWeights bound) {
        PassLayout previous = recent == null || recent.isEmpty() ? null : recent.get(0);
        this.graph = g;
        this.precision = precision;
        this.n = g.nodeCount();
        this.e = g.edgeCount();
        this.steps = steps;
        this.batch = batch;
        this.training = training;
        this.groups = g.groupStructure();
        this.denseLayout = layout;
        this.zeroInitialState = zeroInitialState;
        this.skipFrozen = skipFrozen;
        double[] wAll = p.weight();
        double[] dAll = p.delay();
        double[] lamAll = p.leak();
        this.bias = p.bias().clone();
        int eAll = g.edgeCount();
        // Checks, then the pattern the layout depends on. Delays and leaks equal to those of the previous
        // pass (one vectorised comparison each) were checked then and keep its pattern.
        int[] kAll = null;
        byte[] flags = null;
        boolean unchanged = previous != null && seen != null && seen.matches(dAll, lamAll, previous);
        this.bound = bound;
        if (bound == null) checkWeights(g, wAll);
        if (unchanged) {
            kAll = previous.kAll;
            flags = previous.flags;
        } else {
            double dMax = g.dMax();
            boolean outside = false;
            for (int q = 0; q < eAll; q++) {
                double dq = dAll[q];
                double lq = lamAll[q];
                outside |= !(dq >= 0) | !(dq <= dMax) | !(lq >= 0) | !(lq < 1);
            }
            if (outside) for (int q = 0; q < eAll; q++) check(g, q, wAll[q], dAll[q], lamAll[q]);
            if (seen != null) seen.remember(dAll, lamAll);
        }
        if (kAll == null && previous != null && previous.kAll.length == eAll) {
            int[] kPrev = previous.kAll;
            byte[] fPrev = previous.flags;
            boolean same = true;
            for (int q = 0; q < eAll; q++) {
                double dq = dAll[q];
                int kq = (int) dq;
                int fq = (lamAll[q] != 0.0 ? PassLayout.LEAKY : 0) | (dq != kq ? PassLayout.FRACTIONAL : 0);
                same &= (kq == kPrev[q]) & (fq == fPrev[q]);
            }
            if (same) {
                kAll = kPrev;
                flags = fPrev;
            }
        }
        if (kAll == null) {
            kAll = new int[eAll];
            flags = new byte[eAll];
            for (int q = 0; q < eAll; q++) {
                double dq = dAll[q];
                int kq = (int) dq;
                kAll[q] = kq;
                flags[q] = (byte) ((lamAll[q] != 0.0 ? PassLayout.LEAKY : 0) | (dq != kq ? PassLayout.FRACTIONAL : 0));
            }
        }
        for (int v = 0; v < n; v++) {
            if (!Double.isFinite(bias[v])) throw new IllegalStateException("node '" + g.nodeId(v) + "': bias is " + bias[v]);
        }
        PassLayout lay = null;
        if (recent != null) {
            for (PassLayout r : recent) {
                if (r.fits(kAll, flags, batch, threads, traceAll, strategy, skipFrozen)) {
                    lay = r;
                    break;
                }
            }
        }
        if (lay == null) lay = new PassLayout(g, kAll, flags, layout, batch, threads, traceAll, strategy, skipFrozen);
        this.layout = lay;
        this.schedule = lay.schedule;
        this.dense = lay.dense;
        this.denseK = lay.denseK;
        this.denseDelay = lay.denseDelay;
        this.denseLeak = lay.denseLeak;
        this.denseMask = lay.denseMask;
        this.denseGather = lay.denseGather;
        this.denseRows = lay.denseRows;
        this.denseRowGradients = lay.denseRowGradients;
        this.waveDense = lay.waveDense;
        this.denseActivate = lay.denseActivate;
        this.plain = lay.plain;
        this.direct = lay.direct;
        this.activation = lay.activation;
        this.input = lay.input;
        this.rowPtr = lay.rowPtr;
        this.src = lay.src;
        this.edgeId = lay.edgeId;
        this.exec = lay.exec;
        this.k = lay.k;
        this.traceOffset = lay.traceOffset;
        this.traced = lay.traced;
        this.maxK = lay.maxK;
        this.reach = lay.reach;
        this.intPtr = lay.intPtr;
        this.intSrc = lay.intSrc;
        this.intEdge = lay.intEdge;
        this.zOffset = lay.zOffset;
        this.zPerStep = lay.zPerStep;
        this.parts = lay.parts;
        this.threads = lay.threads;
        this.forwardTasks = lay.forwardTasks;
        this.stageTasks = lay.stageTasks;
        this.blockRuns = lay.blockRuns;
        // Parameter values of this pass, in execution order.
        this.w = new double[exec];
        this.lam = new double[exec];
        this.frac = new double[exec];
        for (int j = 0; j < exec; j++) {
            int q = edgeId == null ? j : edgeId[j];
            w[j] = bound == null ? wAll[q] : bound.valueBuffer.get(q);
            lam[j] = lamAll[q];
            frac[j] = dAll[q] - k[j];
        }
        this.wholeRow = batch == 1 ? wholeRows(n, rowPtr, frac, traceOffset) : null;
        if (precision == Precision.FLOAT32) {
            wF = toFloats(w);
            fracF = toFloats(frac);
            lamF = toFloats(lam);
            biasF = toFloats(bias);
        } else {
            wF = fracF = lamF = biasF = null;
        }
        double[] intW = new double[intEdge.length];
        for (int j = 0; j < intEdge.length; j++) intW[j] = bound == null ? wAll[intEdge[j]] : bound.valueBuffer.get(intEdge[j]);
        if (bound != null) {
            // bound weights were not scanned above: check the ones this pass reads outside the dense blocks
            for (int j = 0; j < exec; j++) requireFinite(g, edge(j), w[j]);
            for (int j = 0; j < intEdge.length; j++) requireFinite(g, intEdge[j], intW[j]);
        }
        int uc = groups.unitCount();
        int[] uPtr = groups.unitPtr();
        this.unitMatrix = new double[uc][];
        this.unitMatrixF = precision == Precision.FLOAT32 ? new float[uc][] : null;
        for (int u = 0; u < uc; u++) {
            int from = uPtr[u];
            int m = uPtr[u + 1] - from;
            double[] mat = new double[Sizes.check("interior matrix of unit " + u + " (" + m + " members, squared)", (long) m * m)];
            for (int i = from; i < uPtr[u + 1]; i++) {
                for (int e = intPtr[i]; e < intPtr[i + 1]; e++) mat[(i - from) * m + intSrc[e] - from] += intW[e];
            }
            unitMatrix[u] = mat;
            if (unitMatrixF != null) unitMatrixF[u] = toFloats(mat);
        }
        if (groups.unitCount() > 0) Sizes.check("unit inner iterations T*Z*B", (long) steps * zPerStep * batch);
        this.gain = p.gain().clone();
        this.shift = p.shift().clone();
        for (int i = 0; i < gain.length; i++) {
            if (!Double.isFinite(gain[i]) || !Double.isFinite(shift[i])) {
                throw new IllegalStateException("node '" + g.nodeId(groups.normMembers()[i]) + "': gain " + gain[i] + " and shift "
                        + shift[i] + " must be finite");
            }
        }
        this.runningMean = state.normMean();
        this.runningVariance = state.normVariance();
        // k-WTA: boost factors from the live duty cycles, k for this mode.
        int kc = groups.kwtaCount();
        int[] kPtr = groups.kwtaPtr();
        this.boostFactor = new double[kPtr[kc]];
        this.kEffective = new int[kc];
        double[] duty = state.duty();
        for (int q = 0; q < kc; q++) {
            int m = kPtr[q + 1] - kPtr[q];
            double density = (double) groups.kwtaK()[q] / m;
            double beta = state.boost()[q];
            for (int i = kPtr[q]; i < kPtr[q + 1]; i++) boostFactor[i] = StrictMath.exp(beta * (density - duty[i]));
            kEffective[q] = training ? groups.kwtaK()[q] : groups.kwtaInferenceK()[q];
        }
    }

    /** Refuses a non-finite weight, naming the edge (the names only once a scan found one). */
    private static void checkWeights(CompiledGraph g, double[] w) {
        if (!Simd.allFinite(w)) {
            for (int e = 0; e < w.length; e++) requireFinite(g, e, w[e]);
        }
    }

    private static void requireFinite(CompiledGraph g, int e, double w) {
        if (!Double.isFinite(w)) {
            throw new IllegalStateException("edge #" + e + " '" + g.nodeId(g.src()[e]) + "' -> '" + g.nodeId(g.dst()[e])
                    + "': weight is " + w);
        }
    }

    /**
     * The delays and leaks an operator's last pass checked, so the next pass can skip the checks and
     * the pattern scan when they did not change (training that leaves them frozen).
     */
    static final class SeenValues {
        private double[] delay;
        private double[] leak;
        /** The operator's owner said the arrays did not change since the last pass ({@link TemporalOperator#delaysAndLeaksUnchanged()}). */
        private boolean vouched;

        void vouch() {
            vouched = true;
        }

        void forgetVouch() {
            vouched = false;
        }

        /**
         * Whether {@code d} and {@code lam} are what the last check saw (vouched for, or compared), as far as
         * {@code last} (its layout) depends on them: the edges of its dense uses that are CSR ranges need only still have their whole delay and no leak
         * (read once, against constants), the others are compared with the copies.
         */
        boolean matches(double[] d, double[] lam, PassLayout last) {
            if (delay == null || delay.length != d.length || leak.length != lam.length) return false;
            if (vouched) return true;
            int[] r = last.wholeRanges;
            int at = 0;
            for (int j = 0; j < r.length; j += 3) {
                if (!sameRange(d, lam, at, r[j]) || !Simd.allEqual(d, r[j], r[j + 1], r[j + 2])
                        || !Simd.allEqual(lam, r[j], r[j + 1], 0)) {
                    return false;
                }
                at = r[j + 1];
            }
            return sameRange(d, lam, at, d.length);
        }

        private boolean sameRange(double[] d, double[] lam, int from, int to) {
            return Arrays.equals(delay, from, to, d, from, to) && Arrays.equals(leak, from, to, lam, from, to);
        }

        void remember(double[] d, double[] lam) {
            if (delay == null || delay.length != d.length) {
                delay = d.clone();
                leak = lam.clone();
            } else {
                System.arraycopy(d, 0, delay, 0, d.length);
                System.arraycopy(lam, 0, leak, 0, lam.length);
            }
        }
    }

    /** CSR index of execution position j. */
    int edge(int j) {
        return edgeId == null ? j : edgeId[j];
    }

    private static void check(CompiledGraph g, int q, double w, double d, double lam) {
        String what = null;
        if (!Double.isFinite(w)) what = "weight is " + w;
        else if (!(d >= 0 && d <= g.dMax())) what = "delay " + d + " outside [0, d_max=" + g.dMax() + "]";
        else if (!(lam >= 0 && lam < 1)) what = "leak " + lam + " outside [0, 1)";
        if (what != null) {
            throw new IllegalStateException("edge #" + q + " '" + g.nodeId(g.src()[q]) + "' -> '" + g.nodeId(g.dst()[q])
                    + "': " + what + " (Parameters.clamp() restores the admissible range)");
        }
    }

    private static boolean[] wholeRows(int n, int[] rowPtr, double[] frac, int[] traceOffset) {
        boolean[] whole = new boolean[n];
        for (int v = 0; v < n; v++) {
            boolean all = true;
            for (int p = rowPtr[v]; p < rowPtr[v + 1] && all; p++) all = frac[p] == 0 && traceOffset[p] < 0;
            whole[v] = all;
        }
        return whole;
    }

    private static float[] toFloats(double[] a) {
        float[] r = new float[a.length];
        for (int i = 0; i < a.length; i++) r[i] = (float) a[i];
        return r;
    }
}
