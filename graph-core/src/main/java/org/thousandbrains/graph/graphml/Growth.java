package org.thousandbrains.graph.graphml;

/** Capacity growth of the record arrays: doubling up to the most one Java array holds, then a clear refusal. */
final class Growth {
    /** The most elements one array (one column of nodes or edges) holds. */
    static final int MAX = Integer.MAX_VALUE - 8;

    private Growth() {
    }

    /** The next capacity after {@code length}; throws naming {@code what} when {@code length} is already the maximum. */
    static int next(int length, String what) {
        if (length >= MAX) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "more than %,d %s: beyond the 2^31 - 9 one graph holds (every column is one Java array)", MAX, what));
        }
        return (int) Math.min(MAX, 2L * length);
    }
}
