package org.thousandbrains.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DatasetTest {
    @Test
    void rowMajorAccessAndSubset() {
        Dataset d = new Dataset("t", new float[] {1, 2, 3, 4, 5, 6}, new int[] {0, 1, 1}, 2, 1, 2);
        assertEquals(3, d.size());
        assertEquals(2, d.dim());
        assertEquals(4f, d.feature(1, 1));
        assertArrayEquals(new int[] {1, 2}, d.classCounts());
        Dataset s = d.subset(new int[] {2, 0}, "s");
        assertArrayEquals(new float[] {5, 6, 1, 2}, s.features());
        assertArrayEquals(new int[] {1, 0}, s.labels());
        assertArrayEquals(new float[] {3, 4, 3, 4}, d.gatherFeatures(new int[] {1, 1}));
        assertArrayEquals(new int[] {1, 0, 1}, d.gatherLabels(new int[] {2, 0, 1}));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> d.gatherFeatures(new int[] {0, 3}));
        assertTrue(e.getMessage().contains("sample index 3 outside [0, 3)"), e.getMessage());
    }

    @Test
    void inconsistentShapesAndLabelsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dataset("t", new float[5], new int[3], 2, 1, 2));
        assertTrue(e.getMessage().contains("need 6 features, got 5"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> new Dataset("t", new float[6], new int[] {0, 2, 1}, 2, 1, 2));
        assertTrue(e2.getMessage().contains("label 2 of sample 1"), e2.getMessage());
    }
}
