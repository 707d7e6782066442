package org.thousandbrains.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class SelectionTest {
    @Test
    void kthLargestAgreesWithSorting() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + rng.nextInt(rng.nextBoolean() ? 70 : 700); // also rows long enough for the sampled guess
            float[] v = new float[n + 3];
            for (int i = 0; i < v.length; i++) {
                // few distinct values (many ties), both signs, signed zeros
                v[i] = rng.nextInt(4) == 0 ? (rng.nextBoolean() ? -0.0f : 0.0f) : (rng.nextInt(9) - 4) * 0.5f;
            }
            int k = 1 + rng.nextInt(n);
            float[] sorted = Arrays.copyOfRange(v, 2, 2 + n);
            Arrays.sort(sorted);
            float expected = sorted[n - k] + 0.0f;
            int[] keys = new int[n];
            Selection.keys(v, 2, n, keys);
            int key = Selection.kthLargest(keys, n, k, new int[n]);
            assertEquals(Selection.key(expected), key, "trial " + trial);
        }
    }

    @Test
    void keysKeepTheFloatOrderAndTieSignedZeros() {
        float[] ordered = {Float.NEGATIVE_INFINITY, -3e38f, -1f, -Float.MIN_VALUE, 0f, Float.MIN_VALUE, 1f, 3e38f, Float.POSITIVE_INFINITY};
        for (int i = 1; i < ordered.length; i++) {
            assertEquals(true, Selection.key(ordered[i - 1]) < Selection.key(ordered[i]), ordered[i - 1] + " < " + ordered[i]);
        }
        assertEquals(Selection.key(0f), Selection.key(-0f));
    }
}
