package org.thousandbrains.ops;

import java.util.function.IntUnaryOperator;

/**
 * Fixed work partitions: contiguous ranges of positions with about equal total weight, or, where a
 * range has too few rows for the threads, slices of the batch. A task is four ints
 * {@code rowFrom, rowTo, laneFrom, laneTo}; tasks may be empty.
 */
final class Split {
    /** Below this much work per step (edge-lanes plus node-lanes) one thread does everything. */
    static final long SERIAL_WORK = 1 << 15;
    /** Parts per thread: parts are handed out dynamically, so a stalled thread costs little. */
    static final int PARTS_PER_THREAD = 4;
    /** Batch slices are multiples of this many lanes (a full vector register of floats). */
    static final int LANE_CHUNK = 16;

    /** How many parts a call with this much work per step gets. */
    static int parts(long work, int threads) {
        return work < SERIAL_WORK || threads == 1 ? 1 : threads * PARTS_PER_THREAD;
    }

    private Split() {
    }

    /** One task per part over positions {@code [from, to)} and lanes {@code [0, B)}; parts may be empty. */
    static int[] tasks(int from, int to, int B, int parts, boolean lanesAllowed, IntUnaryOperator weight) {
        int[] t = new int[4 * parts];
        int laneParts = Math.min(parts, B / LANE_CHUNK);
        if (lanesAllowed && laneParts > 1 && to - from < 16 * parts) {
            int chunk = ((B + laneParts - 1) / laneParts + LANE_CHUNK - 1) / LANE_CHUNK * LANE_CHUNK;
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
