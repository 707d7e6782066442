package org.thousandbrains.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {
    @Test
    void digitsSplitHasPeerSizesAndPerClassProportions() throws IOException {
        Split s = Datasets.load("digits", Datasets.PEER_SPLIT_SEED);
        // sklearn: n_test = ceil(0.2 * 1797) = 360, n_train = 1437
        assertEquals(1437, s.train().size());
        assertEquals(360, s.test().size());
        int[] all = Digits.load().classCounts();
        int[] test = s.test().classCounts();
        int[] train = s.train().classCounts();
        for (int c = 0; c < 10; c++) {
            assertEquals(all[c], test[c] + train[c]);
            // exact share 360 * n_c / 1797 is between 34.8 and 36.7: floor or ceil of it
            double share = 360.0 * all[c] / 1797;
            assertEquals(share, test[c], 1.0, "class " + c);
        }
    }

    @Test
    void allocationFollowsLargestRemainder() {
        // n=10, nTest=3, counts 5,3,2: exact shares 1.5, 0.9, 0.6 -> floors 1,0,0; two extra places go to
        // the largest remainders 0.9 (class 1) and 0.6 (class 2)
        assertArrayEquals(new int[] {1, 1, 1}, StratifiedSplit.allocate(new int[] {5, 3, 2}, 3, 10));
        // ties broken towards the lower class: counts 2,2 with nTest=1 -> shares 0.5, 0.5
        assertArrayEquals(new int[] {1, 0}, StratifiedSplit.allocate(new int[] {2, 2}, 1, 4));
    }

    @Test
    void splitIsAPartitionDeterministicInTheSeed() {
        Dataset d = Digits.load();
        Split a = StratifiedSplit.split(d, 0.2, 7);
        Split b = StratifiedSplit.split(d, 0.2, 7);
        Split c = StratifiedSplit.split(d, 0.2, 8);
        assertArrayEquals(a.test().features(), b.test().features());
        assertArrayEquals(a.train().labels(), b.train().labels());
        assertFalse(Arrays.equals(a.test().features(), c.test().features()), "seed must matter");
        // train and test rows together are exactly the rows of d (multisets of row + label)
        Map<String, Integer> rows = new HashMap<>();
        for (int i = 0; i < d.size(); i++) {
            rows.merge(Arrays.toString(d.row(i)) + d.labels()[i], 1, Integer::sum);
        }
        assertEquals(d.size(), a.train().size() + a.test().size());
        for (Dataset part : new Dataset[] {a.train(), a.test()}) {
            for (int i = 0; i < part.size(); i++) {
                rows.merge(Arrays.toString(part.row(i)) + part.labels()[i], -1, Integer::sum);
            }
        }
        assertTrue(rows.values().stream().allMatch(v -> v == 0), "train + test is not a partition of the data");
    }

    @Test
    void badFractionsAreRefused() {
        Dataset d = Digits.load();
        assertThrows(IllegalArgumentException.class, () -> StratifiedSplit.split(d, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> StratifiedSplit.split(d, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> StratifiedSplit.split(d, 0.001, 1));
    }
}
