package org.thousandbrains.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigitsTest {
    @Test
    void embeddedCountsMatchTheUciDescription() {
        Dataset d = Digits.load();
        assertEquals(1797, d.size());
        assertEquals(64, d.dim());
        assertEquals(8, d.height());
        assertEquals(8, d.width());
        assertEquals(10, d.numClasses());
        // class distribution of optdigits.tes in the UCI description (optdigits.names)
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, d.classCounts());
    }

    @Test
    void valuesAreSixteenthsInZeroOne() {
        Dataset d = Digits.load();
        float max = 0;
        for (float v : d.features()) {
            assertTrue(v >= 0 && v <= 1, "value " + v);
            float scaled = v * 16;
            assertEquals(Math.round(scaled), scaled, 0f, "value " + v + " is not k/16");
            max = Math.max(max, v);
        }
        assertEquals(1f, max);
        // first sample of the file (a zero): row 0 is "0,0,5,13,9,1,0,0"
        assertEquals(0, d.labels()[0]);
        assertArrayEquals(new float[] {0, 0, 5 / 16f, 13 / 16f, 9 / 16f, 1 / 16f, 0, 0},
                java.util.Arrays.copyOf(d.row(0), 8));
    }

    @Test
    void malformedLinesAreReportedWithLineNumbers() {
        String bad = "0,".repeat(64) + "3\n" + "0,".repeat(63) + "17,3\n";
        IOException e = assertThrows(IOException.class, () -> Digits.parse(
                new ByteArrayInputStream(bad.getBytes(StandardCharsets.US_ASCII)), "x.csv"));
        assertTrue(e.getMessage().contains("x.csv line 2 column 64: 17 outside 0..16"), e.getMessage());
        IOException e2 = assertThrows(IOException.class, () -> Digits.parse(
                new ByteArrayInputStream("1,2,3\n".getBytes(StandardCharsets.US_ASCII)), "y.csv"));
        assertTrue(e2.getMessage().contains("expected 65 values, got 3"), e2.getMessage());
    }
}
