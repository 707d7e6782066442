package org.thousandbrains.graph.build;

import java.util.Arrays;

import org.apache.commons.math3.random.RandomGenerator;

/** Random subsets for the builders' sparse wiring. */
final class Sampling {
    private Sampling() {
    }

    /**
     * Writes a uniform random {@code k}-subset of {@code pool}'s values, sorted ascending, into {@code out}
     * (partial Fisher–Yates: O(k) draws; {@code pool} is permuted in place and can be reused).
     */
    static void subset(int[] pool, int k, RandomGenerator rng, int[] out) {
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(pool.length - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        System.arraycopy(pool, 0, out, 0, k);
        Arrays.sort(out, 0, k);
    }
}
