package org.thousandbrains.graph.topology;

/** Small argument checks shared by the topology classes. */
final class Params {
    private Params() {
    }

    static void requireFinite(double v, String what) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be finite, got " + v);
        }
    }
}
