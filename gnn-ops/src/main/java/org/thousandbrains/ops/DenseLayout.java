package org.thousandbrains.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GroupStructure;

/**
 * The candidate dense blocks of a compiled graph, found once per operator: nodes are cut into
 * ranges (maximal runs of consecutive nodes with one group label, or, unlabelled, one kind: the
 * layers of a layered network), and for each pair of ranges the edges from one to the other (unit-internal edges excepted) as a {@code [nDst × nSrc]} matrix pattern, complete or
 * masked (Numenta's sparse weights). Whether a block actually runs as a GEMM is decided per pass
 * ({@link DensePlan}): only when all its edges share one whole delay and have leak 0, so that its
 * product is exactly the CSR kernels' sum.
 */
final class DenseLayout {
    /** One candidate: rows {@code dst0 .. dst0+nDst-1}, columns {@code src0 .. src0+nSrc-1}, its CSR edges and their matrix positions. */
    static final class Block {
        final int src0;
        final int nSrc;
        final int dst0;
        final int nDst;
        final int[] edges;
        final int[] position;
        /** The block is complete and its edges are consecutive CSR edges in matrix order: {@code edges[j] = edges[0] + j}, {@code position[j] = j}. */
        final boolean contiguous;
        /** The block's edges are the consecutive CSR edges {@code edges[0] .. edges[0] + edges.length − 1} (read and written in bulk). */
        final boolean edgeRange;
        /**
         * Row stride in CSR positions when the block is complete and row r's edges are the CSR edges
         * {@code edges[0] + r·stride + c} for columns c in order (a strided view of the weight array,
         * e.g. a layer whose nodes also have lateral or unit-internal in-edges); 0 otherwise.
         */
        final int stride;

        Block(int src0, int nSrc, int dst0, int nDst, int[] edges, int[] position) {
            this.src0 = src0;
            this.nSrc = nSrc;
            this.dst0 = dst0;
            this.nDst = nDst;
            this.edges = edges;
            this.position = position;
            boolean complete = (long) edges.length == (long) nSrc * nDst;
            int d = complete && nDst > 1 ? edges[nSrc] - edges[0] : nSrc;
            boolean strided = complete && d >= nSrc;
            for (int j = 0; j < edges.length && strided; j++) {
                strided = position[j] == j && edges[j] == edges[0] + (j / nSrc) * d + j % nSrc;
            }
            this.stride = strided ? d : 0;
            this.contiguous = strided && d == nSrc;
            boolean range = true;
            for (int j = 1; j < edges.length && range; j++) range = edges[j] == edges[0] + j;
            this.edgeRange = range;
        }

        double density() {
            return (double) edges.length / ((double) nSrc * nDst);
        }
    }

    /** Largest matrix a block may take ({@code nDst·nSrc}), and the sparsest pattern worth a matrix. */
    static final long MAX_AREA = 1L << 26;
    static final double MIN_DENSITY = 0.02;

    final List<Block> blocks;

    /** Range key of node v: its group label, or for unlabelled nodes its kind. */
    private static int key(CompiledGraph g, int[] group, int v) {
        return group[v] >= 0 ? group[v] : -2 - g.kind(v).ordinal();
    }

    private DenseLayout(List<Block> blocks) {
        this.blocks = blocks;
    }

    static DenseLayout of(CompiledGraph g) {
        int n = g.nodeCount();
        // Node ranges: maximal runs of consecutive nodes with the same group label (or, unlabelled, the same kind).
        int[] group = g.groups();
        int[] run = new int[n];
        int runs = 0;
        for (int v = 0; v < n; v++) {
            if (v > 0 && key(g, group, v) == key(g, group, v - 1)) run[v] = run[v - 1];
            else run[v] = runs++;
        }
        int gc = runs;
        if (gc == 0) return new DenseLayout(List.of());
        int[] first = new int[gc];
        int[] count = new int[gc];
        for (int v = n - 1; v >= 0; v--) {
            first[run[v]] = v;
            count[run[v]]++;
        }
        group = run;
        boolean[] contiguous = new boolean[gc];
        Arrays.fill(contiguous, true);
        GroupStructure gs = g.groupStructure();
        int[] src = g.src();
        int[] dst = g.dst();
        int e = g.edgeCount();
        // Bucket edges by (source group, target group).
        long[] keys = new long[e];
        int candidates = 0;
        for (int p = 0; p < e; p++) {
            int a = group[src[p]];
            int b = group[dst[p]];
            if (a < 0 || b < 0 || !contiguous[a] || !contiguous[b] || gs.internal(p) || g.isInput(dst[p])) {
                keys[p] = -1;
                continue;
            }
            keys[p] = (long) a * gc + b;
            candidates++;
        }
        if (candidates == 0) return new DenseLayout(List.of());
        java.util.Map<Long, List<Integer>> buckets = new java.util.LinkedHashMap<>();
        for (int p = 0; p < e; p++) if (keys[p] >= 0) buckets.computeIfAbsent(keys[p], x -> new ArrayList<>()).add(p);
        List<Block> out = new ArrayList<>();
        for (java.util.Map.Entry<Long, List<Integer>> en : buckets.entrySet()) {
            int a = (int) (en.getKey() / gc);
            int b = (int) (en.getKey() % gc);
            List<Integer> list = en.getValue();
            int nSrc = count[a];
            int nDst = count[b];
            long area = (long) nSrc * nDst;
            if (area > MAX_AREA || list.size() < MIN_DENSITY * area) continue;
            int[] edges = new int[list.size()];
            int[] pos = new int[list.size()];
            boolean[] seen = new boolean[(int) area];
            boolean parallel = false;
            for (int i = 0; i < edges.length; i++) {
                int p = list.get(i);
                edges[i] = p;
                pos[i] = (dst[p] - first[b]) * nSrc + (src[p] - first[a]);
                if (seen[pos[i]]) parallel = true;
                seen[pos[i]] = true;
            }
            if (!parallel) out.add(new Block(first[a], nSrc, first[b], nDst, edges, pos));
        }
        return new DenseLayout(out);
    }
}
