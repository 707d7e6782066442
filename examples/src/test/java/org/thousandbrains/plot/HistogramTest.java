package org.thousandbrains.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistogramTest {
    @TempDir
    Path dir;

    @Test
    void binsAreHalfOpenExceptTheLast() {
        // range [0, 4], width 1: [0,1) holds 0; [1,2) holds 1, 1; [2,3) holds 2; [3,4] holds 3 and 4
        Histogram.Bins b = Histogram.bin(new double[] {0, 1, 1, 2, 3, 4}, 4);
        assertArrayEquals(new long[] {1, 2, 1, 2}, b.counts());
        assertEquals(1.0, b.binWidth(), 1e-12);
        assertEquals(3.0, b.lower(3), 1e-12);
        assertEquals(4.0, b.upper(3), 1e-12);
    }

    @Test
    void equalValuesGetAUnitRangeAroundThem() {
        Histogram.Bins b = Histogram.bin(new double[] {7, 7, 7}, 3);
        assertEquals(6.5, b.min(), 1e-12);
        assertEquals(7.5, b.max(), 1e-12);
        assertArrayEquals(new long[] {0, 3, 0}, b.counts());
    }

    @Test
    void panelsShowBarsOfTheRightHeightInTheirOwnColour() throws IOException {
        // weights: counts [3, 0, 0, 1] over [0, 3]; delays: one panel of a single value
        Histogram h = new Histogram("Synapses").panel("weight", new double[] {0, 0, 0, 3}, 4)
                .panel("delay", new float[] {2, 2}, 1);
        BufferedImage img = Pixels.decode(h.write(dir.resolve("h.png")));
        assertEquals(900, img.getWidth());
        List<Axes> axes = h.layout(new Canvas(900, 600));
        Axes w = axes.get(0);
        // bin 0 spans x in [0, 0.75], height 3; bin 1 is empty; bin 3 spans [2.25, 3], height 1
        assertTrue(Pixels.near(img, w.px(0.375), w.py(2.5), Palette.color(0), 0));
        assertFalse(Pixels.near(img, w.px(0.375), w.py(3.3), Palette.color(0), 0), "bar 0 too tall");
        assertFalse(Pixels.near(img, w.px(1.125), w.py(0.5), Palette.color(0), 1), "empty bin drawn");
        assertTrue(Pixels.near(img, w.px(2.625), w.py(0.5), Palette.color(0), 0));
        assertFalse(Pixels.near(img, w.px(2.625), w.py(1.5), Palette.color(0), 0), "bar 3 too tall");
        Axes d = axes.get(1);
        assertTrue(d.area.x > w.area.x + w.area.width, "second panel to the right of the first");
        assertTrue(Pixels.near(img, d.px(2), d.py(1), Palette.color(1), 0));
    }

    @Test
    void badInputIsNamedAndCsvHoldsCounts() throws IOException {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new Histogram("t").panel("leak", new double[] {0.1, Double.NaN}, 5));
        assertTrue(nan.getMessage().contains("'leak'") && nan.getMessage().contains("index 1"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Histogram("t").panel("leak", new double[0], 5));
        assertThrows(IllegalArgumentException.class, () -> new Histogram("t").panel("leak", new double[] {1}, 0));
        assertThrows(IllegalArgumentException.class, () -> new Histogram("t").render());
        Path csv = new Histogram("t").panel("w", new double[] {0, 1, 1, 2}, 2).writeCsv(dir.resolve("h.csv"));
        assertEquals("panel,lower,upper,count\nw,0.0,1.0,1\nw,1.0,2.0,3\n", Files.readString(csv));
    }
}
