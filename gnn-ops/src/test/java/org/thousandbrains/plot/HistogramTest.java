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
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

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
    void aPanelOutlinesItsBinsAtTheirHeights() {
        // counts [3, 0, 0, 1] over [0, 3] in bins of 0.75
        Histogram h = new Histogram("Synapses").panel("weight", new double[] {0, 0, 0, 3}, 4);
        XYChart c = h.xcharts(450, 300).get(0);
        XYSeries s = c.getSeriesMap().get("weight");
        assertArrayEquals(new double[] {0, 0, 0.75, 0.75, 1.5, 1.5, 2.25, 2.25, 3, 3}, s.getXData(), 1e-12);
        assertArrayEquals(new double[] {0, 3, 3, 0, 0, 0, 0, 1, 1, 0}, s.getYData(), 1e-12);
        BufferedImage img = Style.image(c);
        assertEquals(450, img.getWidth());
        // filled inside the bars, white above them and over the empty bins
        assertTrue(filled(img, c, 0.375, 2.5), "bar 0 not filled");
        assertFalse(filled(img, c, 0.375, 3.3), "bar 0 too tall");
        assertFalse(filled(img, c, 1.125, 0.5), "empty bin drawn");
        assertTrue(filled(img, c, 2.625, 0.5), "bar 3 not filled");
        assertFalse(filled(img, c, 2.625, 1.5), "bar 3 too tall");
        assertEquals(0.0, c.getStyler().getXAxisMin());
        assertEquals(3.0, c.getStyler().getXAxisMax());
        // counts are whole: ticks between them get no label
        assertEquals("2", Histogram.countLabel(2.0));
        assertEquals("", Histogram.countLabel(2.5));
    }

    @Test
    void theAxisRangeRoundsTheBinsOutwardToTenthsOfTheirOrderOfMagnitude() {
        Histogram.Bins b = Histogram.bin(new double[] {1.0000089, 1.999997}, 20);
        double[] r = Histogram.axisRange(b);
        assertEquals(1.0, r[0], 1e-12);
        assertEquals(2.0, r[1], 1e-12);
        double[] w = Histogram.axisRange(Histogram.bin(new double[] {-0.2689, 0.2712}, 60));
        assertEquals(-0.27, w[0], 1e-12);
        assertEquals(0.28, w[1], 1e-12);
    }

    /** True if the pixel at data point (x, y) is clearly coloured (the fill), not white or a grey grid line. */
    private static boolean filled(BufferedImage img, XYChart c, double x, double y) {
        int rgb = img.getRGB((int) c.getScreenXFromChart(x), (int) c.getScreenYFromChart(y));
        int r = (rgb >> 16) & 0xFF;
        int b = rgb & 0xFF;
        return b - r > 60;
    }

    @Test
    void panelsShareOneImageInANearSquareGrid() throws IOException {
        Histogram h = new Histogram("Synapses").panel("weight", new double[] {0, 1, 2}, 3)
                .panel("delay", new float[] {2, 2}, 1).panel("leak", new double[] {0.9, 0.95}, 2);
        BufferedImage img = Pixels.decode(h.size(800, 640).write(dir.resolve("h.png")));
        assertEquals(800, img.getWidth());
        assertEquals(640, img.getHeight());
        // 3 panels: 2 columns, 2 rows of (640 - title) / 2; the third panel's cell starts at the left
        List<XYChart> panels = h.xcharts(400, (640 - ChartGrid.TITLE_HEIGHT) / 2);
        assertEquals(3, panels.size());
        BufferedImage third = Style.image(panels.get(2));
        int y0 = ChartGrid.TITLE_HEIGHT + (640 - ChartGrid.TITLE_HEIGHT) / 2;
        for (int y = 0; y < third.getHeight(); y += 5) {
            for (int x = 0; x < third.getWidth(); x += 5) {
                assertEquals(third.getRGB(x, y), img.getRGB(x, y0 + y), "third panel pixel " + x + "," + y);
            }
        }
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
