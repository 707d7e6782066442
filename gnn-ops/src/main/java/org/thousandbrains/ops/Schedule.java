package org.thousandbrains.ops;

import org.thousandbrains.graph.compile.CompiledGraph;

/**
 * Evaluation order of one step for the current delays: nodes sorted into instant waves (an edge
 * with {@code ⌊d⌋ = 0} reads its source in the same step, so its target comes in a later wave).
 * Recomputed for every pass because training may move a delay across 1; with no instant edge there
 * is a single wave in node order.
 */
final class Schedule {
    /** Nodes in wave order; null means the identity (a single wave). */
    final int[] order;
    /** Nodes of wave w are positions {@code wavePtr[w] .. wavePtr[w+1]-1} of {@link #order}. */
    final int[] wavePtr;

    private Schedule(int[] order, int[] wavePtr) {
        this.order = order;
        this.wavePtr = wavePtr;
    }

    int waves() {
        return wavePtr.length - 1;
    }

    int node(int position) {
        return order == null ? position : order[position];
    }

    /** Kahn's algorithm over the instant edges ({@code k[e] == 0}, CSR order). */
    static Schedule of(CompiledGraph g, int[] k) {
        int n = g.nodeCount();
        int e = g.edgeCount();
        int[] dst = g.dst();
        int[] colPtr = g.colPtr();
        int[] cscEdge = g.cscEdge();
        int[] indeg = new int[n];
        boolean any = false;
        for (int p = 0; p < e; p++) {
            if (k[p] == 0) {
                indeg[dst[p]]++;
                any = true;
            }
        }
        if (!any) return new Schedule(null, new int[] {0, n});
        int[] wave = new int[n];
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int v = 0; v < n; v++) if (indeg[v] == 0) queue[tail++] = v;
        int maxWave = 0;
        while (head < tail) {
            int u = queue[head++];
            for (int j = colPtr[u]; j < colPtr[u + 1]; j++) {
                int p = cscEdge[j];
                if (k[p] != 0) continue;
                int v = dst[p];
                if (wave[u] + 1 > wave[v]) wave[v] = wave[u] + 1;
                if (--indeg[v] == 0) queue[tail++] = v;
            }
            maxWave = Math.max(maxWave, wave[u]);
        }
        if (tail < n) throw new IllegalStateException(cycleMessage(g, k, indeg));
        int[] wavePtr = new int[maxWave + 2];
        for (int v = 0; v < n; v++) wavePtr[wave[v] + 1]++;
        for (int w = 0; w <= maxWave; w++) wavePtr[w + 1] += wavePtr[w];
        int[] fill = wavePtr.clone();
        int[] order = new int[n];
        for (int v = 0; v < n; v++) order[fill[wave[v]]++] = v;
        return new Schedule(order, wavePtr);
    }

    /** Walks instant in-edges back from a node left over by Kahn's algorithm until one repeats: that edge is on a cycle. */
    private static String cycleMessage(CompiledGraph g, int[] k, int[] indeg) {
        int[] rowPtr = g.rowPtr();
        int[] src = g.src();
        int v = 0;
        while (indeg[v] == 0) v++;
        boolean[] seen = new boolean[g.nodeCount()];
        while (true) {
            seen[v] = true;
            int edge = -1;
            for (int p = rowPtr[v]; p < rowPtr[v + 1] && edge < 0; p++) {
                if (k[p] == 0 && indeg[src[p]] > 0) edge = p;
            }
            int u = src[edge];
            if (seen[u]) {
                return "edge '" + g.nodeId(u) + "' -> '" + g.nodeId(v) + "' has a delay below 1 and lies on a cycle"
                        + " of instant edges; keep delays in [delayFloor(e), d_max] (Parameters.clampDelays())";
            }
            v = u;
        }
    }
}
