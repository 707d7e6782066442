package org.thousandbrains.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GroupStructure;
import org.thousandbrains.graph.topology.Learnable;

/**
 * The structure of a pass that depends on the parameters only through their pattern: the floor
 * {@code ⌊d⌋} of every delay and whether each leak and fractional delay part is zero. From it come
 * the block schedule, which dense blocks run as matrices, the CSR execution order of the other
 * edges, the trace layout, the unit-internal edge lists and the work partitions. Training rarely
 * changes the pattern (a feed-forward layer keeps delay 0 and leak 0), so an operator keeps the
 * last layout and a new pass reuses it after one comparison pass over the edges.
 */
final class PassLayout {
    /** The key: ⌊d⌋ and flags (1: leak ≠ 0, 2: fractional part ≠ 0) per CSR edge, and the settings. */
    final int[] kAll;
    final byte[] flags;
    final int batch;
    final int threadsAsked;
    final boolean traceAll;
    final Strategy strategy;
    final boolean skipFrozen;

    final Schedule schedule;
    final int[] dense;
    final int[] denseK;
    /**
     * Per dense use whose edges are one CSR range, sorted: {@code e0, e1, k}. Its edges have the whole delay k
     * and leak 0, so a later pass tells whether they still do without a copy to compare with ({@link Plan.SeenValues}).
     */
    final int[] wholeRanges;
    final boolean[] denseDelay;
    final boolean[] denseLeak;
    /** Some edge of the use has a learnable bit off for a gradient the block forms (then masked when frozen gradients are skipped). */
    final boolean[] denseMask;
    /** Per dense use: the sparse-sparse kernel may run it; and it runs at every step (strategy SPARSE), not by {@link SparseCost}. */
    final boolean[] denseGather;
    /** Per dense use: run by the sparse-weight rows ({@code SparseRows32/64}) instead of the GEMM. */
    final boolean[] denseRows;
    /**
     * Per dense use the GEMM runs forward: its weight gradient may run through the sparse-weight rows, from the
     * nonzero {@code G·own} of its targets only (a k-WTA group's winners), where {@link SparseCost#rowGradientsPay}.
     */
    final boolean[] denseRowGradients;
    final boolean gatherForced;
    final int[][] waveDense;
    final int[][] denseActivate;
    final boolean[] plain;
    final boolean[] direct;
    final byte[] activation;
    final boolean[] input;
    final int[] rowPtr;
    final int[] src;
    final int[] edgeId;
    final int exec;
    final int[] k;
    final int[] traceOffset;
    final int traced;
    final int maxK;
    final int reach;
    final int[] intPtr;
    final int[] intSrc;
    final int[] intEdge;
    /**
     * Nodes whose initial state {@code x(0)} a pass with a zero initial state reads: the sources of the CSR
     * execution positions (an edge's interpolation reads {@code x(t−k−1)}) and the unit members (a unit starts
     * from its members' last states). The dense-block kernels treat {@code x(0)} as 0 without reading it.
     */
    final int[] initialReads;
    final int[] zOffset;
    final int zPerStep;
    final int parts;
    final int threads;
    final int[][] forwardTasks;
    final int[][] stageTasks;
    final int[][] blockRuns;
    /** Some edge has a learnable delay / leak (otherwise, with frozen gradients skipped, those gradients are all zero). */
    final boolean anyDelayLearnable;
    final boolean anyLeakLearnable;
    private BackwardEdges backwardEdges;
    private float[] onesF;
    private double[] ones;
    private Object dense32;
    private Object dense64;

    /** Per-edge pattern flags. */
    static final byte LEAKY = 1;
    static final byte FRACTIONAL = 2;

    PassLayout(CompiledGraph g, int[] kAll, byte[] flags, DenseLayout layout, int batch, int threadsAsked,
               boolean traceAll, Strategy strategy, boolean skipFrozen) {
        this.kAll = kAll;
        this.flags = flags;
        this.batch = batch;
        this.threadsAsked = threadsAsked;
        this.traceAll = traceAll;
        this.strategy = strategy;
        this.skipFrozen = skipFrozen;
        int n = g.nodeCount();
        int eAll = g.edgeCount();
        GroupStructure groups = g.groupStructure();
        this.schedule = Schedule.of(g, kAll);
        // Dense blocks of this pattern.
        boolean[] denseEdge = new boolean[eAll];
        List<Integer> uses = new ArrayList<>();
        int[] waveOf = new int[n];
        for (int wv = 0; wv < schedule.waves(); wv++) {
            for (int i = schedule.wavePtr[wv]; i < schedule.wavePtr[wv + 1]; i++) waveOf[schedule.node(i)] = wv;
        }
        List<Boolean> gather = new ArrayList<>();
        if (strategy != Strategy.CSR && layout != null) {
            for (int bi = 0; bi < layout.blocks.size(); bi++) {
                DenseLayout.Block blk = layout.blocks.get(bi);
                double input = kwtaDensity(groups, blk);
                boolean worthMatrix = blk.density() >= Strategy.AUTO_MIN_DENSITY || input <= Strategy.AUTO_SPARSE_INPUT
                        || (SparseCost.indexed(blk.density()) && fedByInputs(g, blk));
                if (strategy == Strategy.AUTO && (!worthMatrix || (long) blk.nSrc * blk.nDst < Strategy.AUTO_MIN_WORK)) continue;
                if (eligible(blk, kAll, flags, waveOf)) {
                    uses.add(bi);
                    // AUTO: the kernel may run the uses it would run with index lists, and those above the rows' band fed by
                    // a sparse k-WTA group through its dense rows; SparseCost decides per product and step from the nonzeros
                    // (see Strategy#AUTO)
                    gather.add(strategy == Strategy.SPARSE || (strategy == Strategy.AUTO && (SparseCost.indexed(blk.density())
                            || (input <= Strategy.AUTO_SPARSE_INPUT && blk.density() > Strategy.AUTO_ROWS_MAX_DENSITY))));
                    for (int q : blk.edges) denseEdge[q] = true;
                }
            }
        }
        int used = uses.size();
        this.dense = uses.stream().mapToInt(Integer::intValue).toArray();
        this.wholeRanges = uses.stream().map(bi -> layout.blocks.get(bi)).filter(b -> b.edgeRange && b.edges.length > 0)
                .sorted(java.util.Comparator.comparingInt(b -> b.edges[0]))
                .flatMapToInt(b -> java.util.stream.IntStream.of(b.edges[0], b.edges[0] + b.edges.length, kAll[b.edges[0]]))
                .toArray();
        this.denseGather = new boolean[used];
        for (int i = 0; i < used; i++) denseGather[i] = gather.get(i);
        this.gatherForced = strategy == Strategy.SPARSE;
        this.denseK = new int[used];
        this.denseDelay = new boolean[used];
        this.denseLeak = new boolean[used];
        this.denseRows = new boolean[used];
        this.denseRowGradients = new boolean[used];
        this.denseMask = new boolean[used];
        byte[] learnBits = g.learnable();
        boolean[] denseTarget = new boolean[n];
        int[] useWave = new int[used];
        for (int i = 0; i < used; i++) {
            DenseLayout.Block blk = layout.blocks.get(dense[i]);
            denseK[i] = kAll[blk.edges[0]];
            boolean anyDelay = false;
            boolean anyLeak = false;
            for (int q : blk.edges) {
                anyDelay |= (learnBits[q] & Learnable.DELAY) != 0;
                anyLeak |= (learnBits[q] & Learnable.LEAK) != 0;
            }
            denseDelay[i] = !skipFrozen || anyDelay;
            denseLeak[i] = !skipFrozen || anyLeak;
            // AUTO: sparse weights the index lists do not run go through their rows rather than a zero-padded matrix
            denseRows[i] = strategy == Strategy.AUTO && !denseGather[i] && !denseDelay[i] && !denseLeak[i]
                    && blk.density() <= Strategy.AUTO_ROWS_MAX_DENSITY && batch >= Strategy.AUTO_ROWS_MIN_BATCH;
            // AUTO: the other GEMM blocks into a sparse k-WTA group form their weight gradient from its winners' rows
            denseRowGradients[i] = strategy == Strategy.AUTO && !denseGather[i] && !denseRows[i] && !denseDelay[i]
                    && !denseLeak[i] && batch >= Strategy.AUTO_ROWS_MIN_BATCH
                    && kwtaDensity(groups, blk.dst0, blk.nDst) <= Strategy.AUTO_SPARSE_INPUT;
            int need = Learnable.WEIGHT | (denseDelay[i] ? Learnable.DELAY : 0) | (denseLeak[i] ? Learnable.LEAK : 0);
            for (int q : blk.edges) denseMask[i] |= (learnBits[q] & need) != need;
            for (int v = blk.dst0; v < blk.dst0 + blk.nDst; v++) denseTarget[v] = true;
            useWave[i] = waveOf[blk.dst0];
        }
        boolean ad = false;
        boolean al = false;
        for (byte bits : learnBits) {
            ad |= (bits & Learnable.DELAY) != 0;
            al |= (bits & Learnable.LEAK) != 0;
        }
        this.anyDelayLearnable = ad;
        this.anyLeakLearnable = al;
        this.activation = new byte[n];
        this.input = new boolean[n];
        this.plain = new boolean[n];
        this.direct = new boolean[n];
        byte[] kinds = groups.blockKind();
        int[] blockOf = groups.blockOf();
        for (int v = 0; v < n; v++) {
            activation[v] = (byte) g.activations()[v].ordinal();
            input[v] = g.isInput(v);
            plain[v] = kinds[blockOf[v]] == GroupStructure.PLAIN;
            direct[v] = plain[v] && !denseTarget[v];
        }
        this.waveDense = new int[schedule.waves()][];
        this.denseActivate = new int[schedule.waves()][];
        for (int wv = 0; wv < schedule.waves(); wv++) {
            final int wave = wv;
            waveDense[wv] = IntStream.range(0, used).filter(i -> useWave[i] == wave).toArray();
            denseActivate[wv] = IntStream.range(schedule.wavePtr[wv], schedule.wavePtr[wv + 1]).map(schedule::node)
                    .filter(v -> denseTarget[v] && plain[v]).toArray();
        }
        // Execution positions: CSR order without unit-internal edges and without the edges of dense blocks.
        byte[] unitInternal = groups.internalEdges();
        int[] gRow = g.rowPtr();
        int[] gSrc = g.src();
        if (unitInternal == null && used == 0) {
            this.rowPtr = gRow;
            this.src = gSrc;
            this.edgeId = null;
            this.exec = eAll;
            this.k = kAll;
        } else {
            int count = 0;
            for (int q = 0; q < eAll; q++) if (!skipped(q, unitInternal, denseEdge)) count++;
            this.exec = count;
            this.rowPtr = new int[n + 1];
            this.src = new int[count];
            this.edgeId = new int[count];
            this.k = new int[count];
            int j = 0;
            for (int v = 0; v < n; v++) {
                for (int q = gRow[v]; q < gRow[v + 1]; q++) {
                    if (skipped(q, unitInternal, denseEdge)) continue;
                    src[j] = gSrc[q];
                    edgeId[j] = q;
                    k[j] = kAll[q];
                    j++;
                }
                rowPtr[v + 1] = j;
            }
        }
        int mk = 0;
        for (int q = 0; q < eAll; q++) if (!groups.internal(q) && kAll[q] > mk) mk = kAll[q];
        this.maxK = mk;
        this.reach = mk + 1;
        this.traceOffset = new int[exec];
        int count = 0;
        for (int j = 0; j < exec; j++) {
            int q = edgeId == null ? j : edgeId[j];
            traceOffset[j] = traceAll || (flags[q] & LEAKY) != 0 ? count++ : -1;
        }
        this.traced = count;
        Sizes.check("traces E_leaky*B", (long) count * batch);
        for (int j = 0; j < exec; j++) if (traceOffset[j] >= 0) traceOffset[j] *= batch;
        // Units: internal in-edges per member position, and where each member's inner iterations are kept.
        int uc = groups.unitCount();
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
        this.intEdge = new int[internalCount];
        int j = 0;
        for (int i = 0; i < members; i++) {
            int v = uMembers[i];
            for (int q = gRow[v]; q < gRow[v + 1]; q++) {
                if (unitInternal[q] == 0) continue;
                intSrc[j] = position[gSrc[q]];
                intEdge[j] = q;
                j++;
            }
        }
        boolean[] reads = new boolean[n];
        for (int q = 0; q < exec; q++) reads[src[q]] = true;
        for (int i = 0; i < members; i++) reads[uMembers[i]] = true;
        this.initialReads = java.util.stream.IntStream.range(0, n).filter(v -> reads[v]).toArray();
        long work = ((long) exec + n) * batch;
        for (int i = 0; i < used; i++) {
            DenseLayout.Block blk = layout.blocks.get(dense[i]);
            work += (long) blk.nSrc * blk.nDst * batch;
        }
        this.parts = Split.parts(work, threadsAsked);
        this.threads = parts == 1 ? 1 : threadsAsked;
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

    /** True when this layout was made for the same pattern and settings. */
    boolean fits(int[] kNow, byte[] flagsNow, int batchNow, int threadsNow, boolean traceAllNow, Strategy strategyNow,
                 boolean skipFrozenNow) {
        return batchNow == batch && threadsNow == threadsAsked && traceAllNow == traceAll && strategyNow == strategy
                && skipFrozenNow == skipFrozen && (kNow == kAll || Arrays.equals(kNow, kAll))
                && (flagsNow == flags || Arrays.equals(flagsNow, flags));
    }

    /** {@code [N][B]} ones: the parameter mask of a backward pass without one (made once per layout; never written). */
    synchronized float[] onesF(int n) {
        if (onesF == null) {
            onesF = new float[n * batch];
            Arrays.fill(onesF, 1f);
        }
        return onesF;
    }

    /** The same in float64. */
    synchronized double[] ones(int n) {
        if (ones == null) {
            ones = new double[n * batch];
            Arrays.fill(ones, 1.0);
        }
        return ones;
    }

    /** The backward walk over the executed edges (made once per layout). */
    synchronized BackwardEdges backwardEdges(Plan plan) {
        if (backwardEdges == null) backwardEdges = new BackwardEdges(plan);
        return backwardEdges;
    }

    /** The dense-block kernel of this layout for float32 or float64 (made on first use, kept with its native buffers). */
    synchronized Object denseKernel(int bits, java.util.function.Supplier<Object> make) {
        if (bits == 32) {
            if (dense32 == null) dense32 = make.get();
            return dense32;
        }
        if (dense64 == null) dense64 = make.get();
        return dense64;
    }

    /** Products the sparse-sparse kernels of this layout ran, and those they gave back to the GEMM. */
    synchronized long[] gatherCounts() {
        long[] c = new long[2];
        if (dense32 != null && ((Dense32) dense32).sparse() != null) {
            c[0] += ((Dense32) dense32).sparse().products();
            c[1] += ((Dense32) dense32).sparse().givenBack();
        }
        if (dense64 != null && ((Dense64) dense64).sparse() != null) {
            c[0] += ((Dense64) dense64).sparse().products();
            c[1] += ((Dense64) dense64).sparse().givenBack();
        }
        return c;
    }

    /** Products the sparse-weight rows of this layout ran. */
    synchronized long rowsCount() {
        long c = 0;
        if (dense32 != null && ((Dense32) dense32).rows() != null) c += ((Dense32) dense32).rows().products();
        if (dense64 != null && ((Dense64) dense64).rows() != null) c += ((Dense64) dense64).rows().products();
        return c;
    }

    private static boolean skipped(int q, byte[] unitInternal, boolean[] denseEdge) {
        return (unitInternal != null && unitInternal[q] != 0) || denseEdge[q];
    }

    /** Density k/m of the k-WTA group whose members are exactly the block's sources, or 1 when they are no such group. */
    private static double kwtaDensity(GroupStructure groups, DenseLayout.Block blk) {
        return kwtaDensity(groups, blk.src0, blk.nSrc);
    }

    /** The density k/n of the k-WTA group whose members are exactly the nodes {@code from .. from+count-1}; 1 when none is. */
    private static double kwtaDensity(GroupStructure groups, int from, int count) {
        int[] ptr = groups.kwtaPtr();
        int[] members = groups.kwtaMembers();
        for (int q = 0; q < groups.kwtaCount(); q++) {
            if (ptr[q + 1] - ptr[q] != count) continue;
            boolean same = true;
            for (int i = ptr[q]; i < ptr[q + 1] && same; i++) same = members[i] >= from && members[i] < from + count;
            if (same) return (double) groups.kwtaK()[q] / count;
        }
        return 1;
    }

    /** Whether all of the block's sources are input nodes (their density is seen only at run time, by {@link SparseCost}). */
    private static boolean fedByInputs(CompiledGraph g, DenseLayout.Block blk) {
        for (int v = blk.src0; v < blk.src0 + blk.nSrc; v++) if (!g.isInput(v)) return false;
        return true;
    }

    /** A block runs as a matrix when its edges share one whole delay and have leak 0, and its targets lie in one wave. */
    private static boolean eligible(DenseLayout.Block blk, int[] k, byte[] flags, int[] waveOf) {
        int k0 = k[blk.edges[0]];
        for (int q : blk.edges) if (k[q] != k0 || flags[q] != 0) return false;
        int w0 = waveOf[blk.dst0];
        for (int v = blk.dst0; v < blk.dst0 + blk.nDst; v++) if (waveOf[v] != w0) return false;
        return true;
    }

    private static int[][][] stages(Schedule schedule, GroupStructure groups, int batch, int threads) {
        int waves = schedule.waves();
        int[][] tasks = new int[waves][];
        int[][] runs = new int[waves][];
        int lanesParts = Math.max(1, Math.min(threads, batch / Split.LANE_CHUNK));
        int chunk = (batch + lanesParts - 1) / lanesParts;
        for (int w = 0; w < waves; w++) {
            List<Integer> list = new ArrayList<>();
            for (int s = schedule.waveRunPtr[w]; s < schedule.waveRunPtr[w + 1]; s++) {
                if (groups.blockKind()[schedule.runBlock[s]] != GroupStructure.PLAIN) list.add(s);
            }
            runs[w] = list.stream().mapToInt(Integer::intValue).toArray();
            tasks[w] = new int[3 * runs[w].length * lanesParts];
            int i = 0;
            for (int s : runs[w]) {
                // an overseen group's statistics span the whole batch: one task over all lanes
                int parts = groups.blockNorm()[schedule.runBlock[s]] >= 0 ? 1 : lanesParts;
                int size = parts == 1 ? batch : chunk;
                for (int c = 0; c < parts; c++) {
                    tasks[w][i++] = s;
                    tasks[w][i++] = Math.min(batch, c * size);
                    tasks[w][i++] = Math.min(batch, (c + 1) * size);
                }
            }
            tasks[w] = Arrays.copyOf(tasks[w], i);
        }
        return new int[][][] {tasks, runs};
    }
}
