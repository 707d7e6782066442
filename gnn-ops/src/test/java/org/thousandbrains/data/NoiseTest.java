package org.thousandbrains.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NoiseTest {
    /** Every pixel 2.0, outside [0, 1], so each replaced pixel is certainly changed. */
    private static Dataset sentinel(int n, int h, int w) {
        float[] f = new float[n * h * w];
        Arrays.fill(f, 2f);
        return new Dataset("sentinel", f, new int[n], 1, h, w);
    }

    @Test
    void replacesExactlyRoundFractionTimesDimPixelsPerImage() {
        Dataset d = sentinel(500, 28, 28);
        for (double fraction : new double[] {0.05, 0.1, 0.2, 0.5, 1.0}) {
            int expected = (int) Math.rint(fraction * 784); // 39 (39.2), 78 (78.4), 157 (156.8), 392, 784
            Dataset noisy = Noise.corrupt(d, fraction, 3);
            for (int i = 0; i < d.size(); i++) {
                int changed = 0;
                for (int j = 0; j < 784; j++) {
                    float v = noisy.feature(i, j);
                    if (v != 2f) {
                        changed++;
                        assertTrue(v >= 0f && v < 1f, "value " + v);
                    }
                }
                assertEquals(expected, changed, "image " + i + " fraction " + fraction);
            }
        }
    }

    @Test
    void roundsHalfToEvenLikePython() {
        // Python: round(2.5) == 2, round(3.5) == 4
        assertEquals(2, Noise.pixelsReplaced(0.5, 5));
        assertEquals(4, Noise.pixelsReplaced(0.5, 7));
        assertEquals(13, Noise.pixelsReplaced(0.2, 64)); // 12.8
    }

    @Test
    void positionsAreUniform() {
        // 20,000 images of 10 pixels, 3 replaced each: every position is hit with probability 0.3;
        // expected 6,000 hits, binomial sd = sqrt(20000*0.3*0.7) ~ 65; allow 5 sd
        Dataset noisy = Noise.corrupt(sentinel(20000, 2, 5), 0.3, 11);
        int[] hits = new int[10];
        for (int i = 0; i < 20000; i++) {
            for (int j = 0; j < 10; j++) {
                if (noisy.feature(i, j) != 2f) {
                    hits[j]++;
                }
            }
        }
        for (int j = 0; j < 10; j++) {
            assertEquals(6000, hits[j], 325, "position " + j);
        }
    }

    @Test
    void deterministicGivenSeedAndLeavesInputAlone() {
        Dataset d = Digits.load();
        float[] before = d.features().clone();
        Dataset a = Noise.corrupt(d, 0.2, 5);
        Dataset b = Noise.corrupt(d, 0.2, 5);
        Dataset c = Noise.corrupt(d, 0.2, 6);
        assertArrayEquals(a.features(), b.features());
        assertFalse(Arrays.equals(a.features(), c.features()));
        assertArrayEquals(before, d.features());
        assertArrayEquals(d.labels(), a.labels());
    }

    @Test
    void zeroFractionIsIdentityCopyAndBadFractionsFail() {
        Dataset d = Digits.load();
        Dataset z = Noise.corrupt(d, 0, 1);
        assertArrayEquals(d.features(), z.features());
        assertNotSame(d.features(), z.features());
        assertThrows(IllegalArgumentException.class, () -> Noise.corrupt(d, -0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> Noise.corrupt(d, 1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> Noise.corrupt(d, Double.NaN, 1));
    }
}
