package org.thousandbrains.ops;

import org.thousandbrains.graph.compile.CompiledGraph;

/**
 * The edges as the backward pass walks them: grouped by source (CSC), each source's instant edges
 * first, with target, ⌊d⌋ and adjoint-trace offset per position, plus the fixed backward work
 * partitions (instant edges per wave in reverse, then all other edges per source).
 */
final class BackwardEdges {
    /** Edges of source u are positions {@code start[u] .. start[u+1]-1}; its instant ones end at {@code instantEnd[u]}. */
    final int[] start;
    final int[] instantEnd;
    /** Execution position (see {@link Plan}) of the edge at each position. */
    final int[] edgeOf;
    final int[] dst;
    final int[] k;
    /** Offset of the position's adjoint trace (times B), or -1 for an edge without leak. */
    final int[] traceOffset;
    final int traced;
    /** Tasks per wave for the instant edges and node completion, and for all other edges. */
    final int[][] waveTasks;
    final int[] edgeTasks;

    BackwardEdges(Plan plan) {
        CompiledGraph g = plan.graph;
        int n = plan.n;
        int e = plan.exec;
        int B = plan.batch;
        int[] colPtr;
        int[] csc;
        int[] gdst;
        if (plan.edgeId == null) {
            colPtr = g.colPtr();
            csc = g.cscEdge();
            gdst = g.dst();
        } else {
            colPtr = new int[n + 1];
            for (int j = 0; j < e; j++) colPtr[plan.src[j] + 1]++;
            for (int u = 0; u < n; u++) colPtr[u + 1] += colPtr[u];
            int[] fill = java.util.Arrays.copyOf(colPtr, n);
            csc = new int[e];
            for (int j = 0; j < e; j++) csc[fill[plan.src[j]]++] = j;
            gdst = new int[e];
            int[] all = g.dst();
            for (int j = 0; j < e; j++) gdst[j] = all[plan.edgeId[j]];
        }
        this.start = colPtr;
        this.instantEnd = new int[n];
        this.edgeOf = new int[e];
        this.dst = new int[e];
        this.k = new int[e];
        this.traceOffset = new int[e];
        int count = 0;
        for (int u = 0; u < n; u++) {
            int j = colPtr[u];
            for (int pass = 0; pass < 2; pass++) {
                for (int c = colPtr[u]; c < colPtr[u + 1]; c++) {
                    int p = csc[c];
                    if ((plan.k[p] == 0) != (pass == 0)) continue;
                    edgeOf[j] = p;
                    dst[j] = gdst[p];
                    k[j] = plan.k[p];
                    traceOffset[j] = plan.traceOffset[p] >= 0 ? B * count++ : -1;
                    j++;
                }
                if (pass == 0) instantEnd[u] = j;
            }
        }
        this.traced = count;
        Schedule s = plan.schedule;
        this.waveTasks = new int[s.waves()][];
        for (int w = 0; w < s.waves(); w++) {
            waveTasks[w] = Split.tasks(s.wavePtr[w], s.wavePtr[w + 1], B, plan.parts, false, i -> {
                int u = s.node(i);
                return instantEnd[u] - colPtr[u] + 1;
            });
        }
        this.edgeTasks = Split.tasks(0, n, B, plan.parts, false, u -> colPtr[u + 1] - instantEnd[u] + 1);
    }
}
