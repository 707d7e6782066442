package org.thousandbrains.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The k-th largest value and how many values exceed it, by buckets (spread values, crowded buckets counted again) and by quickselect (few, equal or infinite ones), against a sorted copy. */
class RanksTest {
    @Test
    void kthLargestIsTheSortedValueForEveryKAndLeavesTheValuesAlone() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + rng.nextInt(rng.nextBoolean() ? 60 : 3000);
            int from = rng.nextInt(5);
            double[] a = new double[from + n + 3];
            // few distinct values in some trials, so that ties are common; -0.0, infinities in some, and in some
            // one outlier far from the rest (every other value in one bucket)
            int distinct = rng.nextBoolean() ? 1 + rng.nextInt(6) : 1_000_000;
            boolean infinities = rng.nextInt(3) == 0;
            // in some, values over many orders of magnitude: the k-th's bucket is crowded round after round
            boolean orders = rng.nextInt(4) == 0;
            for (int i = 0; i < a.length; i++) {
                double v = orders ? (rng.nextBoolean() ? 1 : -1) * Math.exp(60 * rng.nextDouble() - 30)
                        : rng.nextInt(distinct) - distinct / 2.0 + (distinct > 6 ? rng.nextDouble() : 0);
                a[i] = infinities && rng.nextInt(40) == 0 ? Double.POSITIVE_INFINITY : rng.nextInt(40) == 0 ? -0.0 : v;
            }
            if (rng.nextInt(4) == 0) a[from + rng.nextInt(n)] = 1e12;
            double[] before = a.clone();
            double[] sorted = Arrays.copyOfRange(a, from, from + n);
            Arrays.sort(sorted);
            double[] scratch = new double[n];
            int[] counts = new int[Ranks.BUCKETS];
            for (int k = 1; k <= n; k++) {
                double want = sorted[n - k];
                // it also counts the values larger than the k-th (how many ties the k largest take)
                int[] greater = {-1};
                double got = Ranks.kthLargest(a, from, n, k, scratch, counts, greater);
                assertEquals(want == 0 ? 0.0 : want, got == 0 ? 0.0 : got, "n " + n + " k " + k);
                int last = n - k;
                while (last + 1 < n && sorted[last + 1] == want) last++;
                int larger = n - 1 - last;
                assertEquals(larger, greater[0], "values larger than the k-th, n " + n + " k " + k);
            }
            assertArrayEquals(before, a);
        }
    }
}
