package org.thousandbrains.experiments;

import java.util.SplittableRandom;

import org.thousandbrains.graph.topology.Learnable;

/**
 * How the delays of a timing experiment's graph are set: learnable fractional delays started from random values
 * in {@code [1, d_max]}, the same random delays frozen, or every delay frozen at 1. The weights and biases are the
 * same in all three (same seed); only the delays and whether they learn differ.
 */
enum DelayMode {
    LEARNABLE("learnable", "learnable delays (start uniform in [1, d_max])"),
    FIXED_RANDOM("fixed-random", "fixed random delays (uniform in [1, d_max])"),
    FIXED1("fixed1", "delays fixed at 1");

    final String slug;
    final String label;

    DelayMode(String slug, String label) {
        this.slug = slug;
        this.label = label;
    }

    /** A delay for one edge: always drawn from {@code rng} (so every mode consumes the same stream), 1 for {@link #FIXED1}. */
    double delay(SplittableRandom rng, double dMax) {
        double d = 1 + (dMax - 1) * rng.nextDouble();
        return this == FIXED1 ? 1.0 : d;
    }

    /** The learnable bits of an edge whose delay this mode sets: weight, plus delay when learnable (never the leak). */
    int learnable() {
        return this == LEARNABLE ? Learnable.WEIGHT | Learnable.DELAY : Learnable.WEIGHT;
    }
}
