package org.thousandbrains.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchesTest {
    /** Sample i has features (i, 10i) and label i % 3, so batches reveal which samples they hold. */
    private static Dataset numbered(int n) {
        float[] f = new float[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            f[2 * i] = i;
            f[2 * i + 1] = 10 * i;
            y[i] = i % 3;
        }
        return new Dataset("numbered", f, y, 3, 1, 2);
    }

    @Test
    void epochVisitsEverySampleOnceInBatchesOfTheGivenSize() {
        Dataset d = numbered(10);
        List<Integer> sizes = new ArrayList<>();
        boolean[] seen = new boolean[10];
        for (Batches.Batch b : Batches.epoch(d, 4, 123)) {
            sizes.add(b.size());
            for (int k = 0; k < b.size(); k++) {
                int i = (int) b.features()[2 * k];
                assertEquals(10f * i, b.features()[2 * k + 1]);
                assertEquals(i % 3, b.labels()[k]);
                assertFalse(seen[i], "sample " + i + " twice");
                seen[i] = true;
            }
        }
        assertEquals(List.of(4, 4, 2), sizes);
        for (boolean s : seen) {
            assertEquals(true, s);
        }
    }

    @Test
    void orderDependsOnlyOnSeed() {
        assertArrayEquals(Batches.permutation(1000, 9), Batches.permutation(1000, 9));
        assertFalse(Arrays.equals(Batches.permutation(1000, 9), Batches.permutation(1000, 10)));
        int[] p = Batches.permutation(1000, 9).clone();
        Arrays.sort(p);
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, p[i]);
        }
        assertThrows(IllegalArgumentException.class, () -> Batches.epoch(numbered(3), 0, 1));
    }
}
