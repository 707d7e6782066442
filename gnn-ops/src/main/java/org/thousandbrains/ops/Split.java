package org.thousandbrains.ops;

import java.util.function.IntUnaryOperator;

/**
 * Fixed work partitions: contiguous ranges of positions with about equal total weight, or, where a
 * range has too few rows for the threads, equal slices of the batch. A task is four ints
 * {@code rowFrom, rowTo, laneFrom, laneTo}.
 */
final class Split {
    /** Below this much work per step (edge-lanes plus node-lanes) one thread does everything. */
    static final long SERIAL_WORK = 1 << 15;

    private Split() {
    }

    /** One task per part over positions {@code [from, to)} and lanes {@code [0, B)}; parts may be empty. */
    static int[] tasks(int from, int to, int B, int parts, boolean lanesAllowed, IntUnaryOperator weight) {
        int[] t = new int[4 * parts];
        if (lanesAllowed && parts > 1 && to - from < 16 * parts && B >= 8 * parts) {
            int chunk = ((B + parts - 1) / parts + 7) / 8 * 8;
            for (int i = 0; i < parts; i++) {
                t[4 * i] = from;
                t[4 * i + 1] = to;
                t[4 * i + 2] = Math.min(B, i * chunk);
                t[4 * i + 3] = Math.min(B, (i + 1) * chunk);
            }
            return t;
        }
        long total = 0;
        for (int i = from; i < to; i++) total += weight.applyAsInt(i);
        int pos = from;
        long acc = 0;
        for (int i = 0; i < parts; i++) {
            t[4 * i] = pos;
            long target = total * (i + 1) / parts;
            while (pos < to && (acc < target || i == parts - 1)) {
                acc += weight.applyAsInt(pos);
                pos++;
            }
            t[4 * i + 1] = pos;
            t[4 * i + 2] = 0;
            t[4 * i + 3] = B;
        }
        return t;
    }
}
