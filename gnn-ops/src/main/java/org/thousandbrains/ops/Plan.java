package org.thousandbrains.ops;

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
    /** Winners per k-WTA group in this pass. */
    final int[] kEffective;
    /** Unit-internal in-edges of unit-member position i: {@code intPtr[i] .. intPtr[i+1]-1}, source member position, weight, CSR index. */
    final int[] intPtr;
    final int[] intSrc;
    final double[] intW;
    final float[] intWF;
    final int[] intEdge;
    /** Per unit-member position: offset of its stored inner iterations {@code z^1 .. z^(rec-1)} within a step; per step in all. */
    final int[] zOffset;
    final int zPerStep;
    final GroupStructure groups;
    final Schedule schedule;
    /** Dense blocks of this pass: indices into {@link #denseLayout}, their delay ⌊d⌋, whether delay and leak gradients are formed, their weights (edge order of the block). */
    final DenseLayout denseLayout;
    final int[] dense;
    final int[] denseK;
    final boolean[] denseDelay;
    final boolean[] denseLeak;
    final double[][] denseWeight;
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
        this(g, p, state, precision, steps, batch, threads, traceAll, training, null, Strategy.CSR, false, true);
    }

    Plan(CompiledGraph g, Parameters p, GroupState state, Precision precision, int steps, int batch, int threads,
         boolean traceAll, boolean training, DenseLayout layout, Strategy strategy, boolean skipFrozen,
         boolean zeroInitialState) {
        this.graph = g;
        this.precision = precision;
        this.n = g.nodeCount();
        this.e = g.edgeCount();
        this.steps = steps;
        this.batch = batch;
        this.training = training;
        this.groups = g.groupStructure();
        double[] wAll = p.weight();
        double[] dAll = p.delay();
        double[] lamAll = p.leak();
        this.bias = p.bias().clone();
        int eAll = g.edgeCount();
        int[] kAll = new int[eAll];
        for (int q = 0; q < eAll; q++) {
            check(g, q, wAll[q], dAll[q], lamAll[q]);
            kAll[q] = (int) Math.floor(dAll[q]);
        }
        for (int v = 0; v < n; v++) {
            if (!Double.isFinite(bias[v])) throw new IllegalStateException("node '" + g.nodeId(v) + "': bias is " + bias[v]);
        }
        this.schedule = Schedule.of(g, kAll);
        this.denseLayout = layout;
        this.zeroInitialState = zeroInitialState;
        this.skipFrozen = skipFrozen;
        boolean[] denseEdge = new boolean[eAll];
        java.util.List<Integer> uses = new java.util.ArrayList<>();
        int[] waveOf = new int[n];
        for (int wv = 0; wv < schedule.waves(); wv++) {
            for (int i = schedule.wavePtr[wv]; i < schedule.wavePtr[wv + 1]; i++) waveOf[schedule.node(i)] = wv;
        }
        if (strategy != Strategy.CSR) {
            for (int bi = 0; bi < layout.blocks.size(); bi++) {
                DenseLayout.Block blk = layout.blocks.get(bi);
                if (strategy == Strategy.AUTO && (blk.density() < Strategy.AUTO_MIN_DENSITY
                        || (long) blk.nSrc * blk.nDst < Strategy.AUTO_MIN_WORK)) continue;
                if (eligible(blk, kAll, dAll, lamAll, waveOf)) {
                    uses.add(bi);
                    for (int q : blk.edges) denseEdge[q] = true;
                }
            }
        }
        int used = uses.size();
        this.dense = uses.stream().mapToInt(Integer::intValue).toArray();
        this.denseK = new int[used];
        this.denseDelay = new boolean[used];
        this.denseLeak = new boolean[used];
        this.denseWeight = new double[used][];
        byte[] learnBits = g.learnable();
        boolean[] denseTarget = new boolean[n];
        int[] useWave = new int[used];
        for (int i = 0; i < used; i++) {
            DenseLayout.Block blk = layout.blocks.get(dense[i]);
            denseK[i] = kAll[blk.edges[0]];
            denseWeight[i] = new double[blk.edges.length];
            boolean anyDelay = false;
            boolean anyLeak = false;
            for (int j = 0; j < blk.edges.length; j++) {
                int q = blk.edges[j];
                denseWeight[i][j] = wAll[q];
                anyDelay |= (learnBits[q] & org.thousandbrains.graph.topology.Learnable.DELAY) != 0;
                anyLeak |= (learnBits[q] & org.thousandbrains.graph.topology.Learnable.LEAK) != 0;
            }
            denseDelay[i] = !skipFrozen || anyDelay;
            denseLeak[i] = !skipFrozen || anyLeak;
            for (int v = blk.dst0; v < blk.dst0 + blk.nDst; v++) denseTarget[v] = true;
            useWave[i] = waveOf[blk.dst0];
        }
        this.waveDense = new int[schedule.waves()][];
        this.denseActivate = new int[schedule.waves()][];
        for (int wv = 0; wv < schedule.waves(); wv++) {
            final int wave = wv;
            waveDense[wv] = java.util.stream.IntStream.range(0, used).filter(i -> useWave[i] == wave).toArray();
            java.util.List<Integer> act = new java.util.ArrayList<>();
            for (int i = schedule.wavePtr[wv]; i < schedule.wavePtr[wv + 1]; i++) {
                int v = schedule.node(i);
                if (denseTarget[v] && groups.blockKind()[groups.blockOf()[v]] == GroupStructure.PLAIN) act.add(v);
            }
            denseActivate[wv] = act.stream().mapToInt(Integer::intValue).toArray();
        }
        this.direct = new boolean[n];
        // Execution positions: CSR order without unit-internal edges and without the edges of dense blocks.
        byte[] internal = groups.internalEdges();
        if (used > 0) {
            byte[] skip = new byte[eAll];
            for (int q = 0; q < eAll; q++) skip[q] = (byte) ((internal != null && internal[q] != 0) || denseEdge[q] ? 1 : 0);
            internal = skip;
        }
        int[] gRow = g.rowPtr();
        int[] gSrc = g.src();
        if (internal == null) {
            this.rowPtr = gRow;
            this.src = gSrc;
            this.edgeId = null;
            this.exec = eAll;
            this.k = kAll;
            this.w = wAll.clone();
            this.lam = lamAll.clone();
        } else {
            int count = 0;
            for (int q = 0; q < eAll; q++) if (internal[q] == 0) count++;
            this.exec = count;
            this.rowPtr = new int[n + 1];
            this.src = new int[count];
            this.edgeId = new int[count];
            this.k = new int[count];
            this.w = new double[count];
            this.lam = new double[count];
            int j = 0;
            for (int v = 0; v < n; v++) {
                for (int q = gRow[v]; q < gRow[v + 1]; q++) {
                    if (internal[q] != 0) continue;
                    src[j] = gSrc[q];
                    edgeId[j] = q;
                    k[j] = kAll[q];
                    w[j] = wAll[q];
                    lam[j] = lamAll[q];
                    j++;
                }
                rowPtr[v + 1] = j;
            }
        }
        this.frac = new double[exec];
        for (int j = 0; j < exec; j++) {
            int q = edgeId == null ? j : edgeId[j];
            frac[j] = dAll[q] - k[j];
        }
        int mk = 0;
        for (int q = 0; q < eAll; q++) if (!groups.internal(q) && kAll[q] > mk) mk = kAll[q];
        this.maxK = mk;
        this.reach = mk + 1;
        this.traceOffset = new int[exec];
        int count = 0;
        for (int j = 0; j < exec; j++) {
            traceOffset[j] = traceAll || lam[j] != 0.0 ? count++ : -1;
        }
        this.traced = count;
        Sizes.check("traces E_leaky*B", (long) count * batch);
        for (int j = 0; j < exec; j++) if (traceOffset[j] >= 0) traceOffset[j] *= batch;
        if (precision == Precision.FLOAT32) {
            wF = toFloats(w);
            fracF = toFloats(frac);
            lamF = toFloats(lam);
            biasF = toFloats(bias);
        } else {
            wF = fracF = lamF = biasF = null;
        }
        this.activation = new byte[n];
        this.input = new boolean[n];
        this.plain = new boolean[n];
        byte[] kinds = groups.blockKind();
        int[] blockOf = groups.blockOf();
        for (int v = 0; v < n; v++) {
            activation[v] = (byte) g.activations()[v].ordinal();
            input[v] = g.isInput(v);
            plain[v] = kinds[blockOf[v]] == GroupStructure.PLAIN;
            direct[v] = plain[v] && !denseTarget[v];
        }
        // k-WTA: boost factors from the live duty cycles, k for this mode.
        int kc = groups.kwtaCount();
        int[] kPtr = groups.kwtaPtr();
        this.boostFactor = new double[kPtr[kc]];
        this.kEffective = new int[kc];
        double[] duty = state.duty();
        for (int q = 0; q < kc; q++) {
            int m = kPtr[q + 1] - kPtr[q];
            double density = (double) groups.kwtaK()[q] / m;
            double beta = groups.kwtaBoost()[q];
            for (int i = kPtr[q]; i < kPtr[q + 1]; i++) boostFactor[i] = Math.exp(beta * (density - duty[i]));
            kEffective[q] = training ? groups.kwtaK()[q] : groups.kwtaInferenceK()[q];
        }
        // Units: internal in-edges per member position, and where each member's inner iterations are kept.
        int uc = groups.unitCount();
        byte[] unitInternal = groups.internalEdges();
        int[] uPtr = groups.unitPtr();
        int[] uMembers = groups.unitMembers();
        int members = uPtr[uc];
        this.intPtr = new int[members + 1];
        this.zOffset = new int[members];
        int[] position = new int[uc == 0 ? 0 : n];
        for (int i = 0; i < members; i++) position[uMembers[i]] = i;
        int internalCount = 0;
        int z = 0;
        for (int u = 0; u < uc; u++) {
            for (int i = uPtr[u]; i < uPtr[u + 1]; i++) {
                int v = uMembers[i];
                for (int q = gRow[v]; q < gRow[v + 1]; q++) if (unitInternal[q] != 0) internalCount++;
                intPtr[i + 1] = internalCount;
                zOffset[i] = z;
                z += groups.unitRec()[u] - 1;
            }
        }
        this.zPerStep = z;
        this.intSrc = new int[internalCount];
        this.intW = new double[internalCount];
        this.intEdge = new int[internalCount];
        int j = 0;
        for (int i = 0; i < members; i++) {
            int v = uMembers[i];
            for (int q = gRow[v]; q < gRow[v + 1]; q++) {
                if (unitInternal[q] == 0) continue;
                intSrc[j] = position[gSrc[q]];
                intW[j] = wAll[q];
                intEdge[j] = q;
                j++;
            }
        }
        this.intWF = precision == Precision.FLOAT32 ? toFloats(intW) : null;
        if (uc > 0) Sizes.check("unit inner iterations T*Z*B", (long) steps * zPerStep * batch);
        long work = ((long) exec + n) * batch;
        this.parts = Split.parts(work, threads);
        this.threads = parts == 1 ? 1 : threads;
        int[][][] st = stages(schedule, groups, batch, this.threads);
        this.stageTasks = st[0];
        this.blockRuns = st[1];
        this.forwardTasks = new int[schedule.waves()][];
        for (int wv = 0; wv < schedule.waves(); wv++) {
            forwardTasks[wv] = Split.tasks(schedule.wavePtr[wv], schedule.wavePtr[wv + 1], batch, parts, true, i -> {
                int v = schedule.node(i);
                return rowPtr[v + 1] - rowPtr[v] + 1;
            });
        }
    }

    private static int[][][] stages(Schedule schedule, GroupStructure groups, int batch, int threads) {
        int waves = schedule.waves();
        int[][] tasks = new int[waves][];
        int[][] runs = new int[waves][];
        int lanesParts = Math.max(1, Math.min(threads, batch / Split.LANE_CHUNK));
        int chunk = (batch + lanesParts - 1) / lanesParts;
        for (int w = 0; w < waves; w++) {
            java.util.List<Integer> list = new java.util.ArrayList<>();
            for (int s = schedule.waveRunPtr[w]; s < schedule.waveRunPtr[w + 1]; s++) {
                if (groups.blockKind()[schedule.runBlock[s]] != GroupStructure.PLAIN) list.add(s);
            }
            runs[w] = list.stream().mapToInt(Integer::intValue).toArray();
            tasks[w] = new int[3 * runs[w].length * lanesParts];
            int i = 0;
            for (int s : runs[w]) {
                for (int c = 0; c < lanesParts; c++) {
                    tasks[w][i++] = s;
                    tasks[w][i++] = Math.min(batch, c * chunk);
                    tasks[w][i++] = Math.min(batch, (c + 1) * chunk);
                }
            }
        }
        return new int[][][] {tasks, runs};
    }

    /** A block runs as a matrix in this pass when its edges share one whole delay, have leak 0 and its targets one wave. */
    private static boolean eligible(DenseLayout.Block blk, int[] k, double[] d, double[] lam, int[] waveOf) {
        int k0 = k[blk.edges[0]];
        for (int q : blk.edges) if (k[q] != k0 || d[q] != k0 || lam[q] != 0.0) return false;
        int w0 = waveOf[blk.dst0];
        for (int v = blk.dst0; v < blk.dst0 + blk.nDst; v++) if (waveOf[v] != w0) return false;
        return true;
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

    private static float[] toFloats(double[] a) {
        float[] r = new float[a.length];
        for (int i = 0; i < a.length; i++) r[i] = (float) a[i];
        return r;
    }
}
