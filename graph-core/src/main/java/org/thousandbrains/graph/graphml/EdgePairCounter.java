package org.thousandbrains.graph.graphml;

import java.util.Arrays;

/**
 * Counts self-loops and parallel edges of an edge list without per-edge objects: each edge
 * becomes one long (direction flag, endpoint pair; unordered for undirected edges), and
 * parallel edges are the repeats found after sorting. Endpoints are non-negative ints.
 */
public final class EdgePairCounter {
    private long[] keys = new long[1024];
    private int size;
    private int selfLoops;

    public void add(int u, int v, boolean directed) {
        if (u < 0 || v < 0) throw new IllegalArgumentException("endpoints must be >= 0");
        if (u == v) selfLoops++;
        int a = directed ? u : Math.min(u, v);
        int b = directed ? v : Math.max(u, v);
        if (size == keys.length) keys = Arrays.copyOf(keys, size * 2);
        keys[size++] = (directed ? 1L << 62 : 0L) | ((long) a << 31) | b;
    }

    public int selfLoops() {
        return selfLoops;
    }

    /** Edges beyond the first for each endpoint pair. */
    public int parallelEdges() {
        long[] sorted = Arrays.copyOf(keys, size);
        Arrays.parallelSort(sorted);
        int parallel = 0;
        for (int i = 1; i < size; i++) if (sorted[i] == sorted[i - 1]) parallel++;
        return parallel;
    }
}
