package org.thousandbrains.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

class LineChartTest {
    @TempDir
    Path dir;

    private LineChart twoSeries() {
        return new LineChart("Accuracy", "epoch", "accuracy")
                .series("rising", new double[] {0, 10}, new double[] {0, 1})
                .series("flat", new double[] {0, 10}, new double[] {0.25, 0.25});
    }

    @Test
    void pngDecodesAtDefaultSizeAsTheRenderedImage() throws IOException {
        LineChart chart = twoSeries();
        Path png = chart.write(dir.resolve("sub/curve.png"));
        BufferedImage img = Pixels.decode(png);
        assertEquals(900, img.getWidth());
        assertEquals(600, img.getHeight());
        BufferedImage rendered = chart.render();
        for (int y = 0; y < 600; y += 7) {
            for (int x = 0; x < 900; x += 7) {
                assertEquals(rendered.getRGB(x, y) & 0xFFFFFF, img.getRGB(x, y) & 0xFFFFFF, "pixel " + x + "," + y);
            }
        }
        assertEquals(0, Pixels.leftovers(png.getParent()));
    }

    @Test
    void eachSeriesIsDrawnWhereItsDataIs() {
        XYChart c = twoSeries().xchart(900, 600);
        BufferedImage img = Style.image(c);
        Color rising = c.getSeriesMap().get("rising").getLineColor();
        Color flat = c.getSeriesMap().get("flat").getLineColor();
        assertFalse(rising.equals(flat));
        // midpoints of the rising line (5, 0.5) and of the flat line (5, 0.25), between the markers
        assertTrue(Pixels.near(img, c.getScreenXFromChart(5), c.getScreenYFromChart(0.5), rising, 2));
        assertTrue(Pixels.near(img, c.getScreenXFromChart(5), c.getScreenYFromChart(0.25), flat, 2));
        // (2, 0.9) is far from both lines
        assertFalse(Pixels.near(img, c.getScreenXFromChart(2), c.getScreenYFromChart(0.9), rising, 3));
        assertFalse(Pixels.near(img, c.getScreenXFromChart(2), c.getScreenYFromChart(0.9), flat, 3));
    }

    @Test
    void sizeIsHonouredAndFixedYRangeIsTheAxis() throws IOException {
        LineChart chart = twoSeries().size(640, 480).yRange(0, 2);
        BufferedImage img = Pixels.decode(chart.write(dir.resolve("c.png")));
        assertEquals(640, img.getWidth());
        assertEquals(480, img.getHeight());
        XYChart c = chart.xchart();
        assertEquals(640, c.getWidth());
        assertEquals(0.0, c.getStyler().getYAxisMin());
        assertEquals(2.0, c.getStyler().getYAxisMax());
        BufferedImage again = Style.image(c);
        assertTrue(Pixels.near(again, c.getScreenXFromChart(10), c.getScreenYFromChart(1),
                c.getSeriesMap().get("rising").getLineColor(), 2));
    }

    @Test
    void yAxisTitleKeepsClearOfWideTickLabels() {
        // the bug of the hand-written axes: labels such as 8.0e+14 ran into the rotated axis title
        XYChart c = new LineChart("Gradient", "epoch", "squared gradient norm")
                .series("g", new double[] {8.0e14, 2.5e14, 1.25e13, 7.5e14}).xchart(900, 600);
        BufferedImage img = Style.image(c);
        int plotLeft = (int) Math.floor(c.getScreenXFromChart(1));
        int top = (int) c.getScreenYFromChart(8.0e14);
        int bottom = (int) c.getScreenYFromChart(1.25e13);
        // columns left of the plot holding dark (text) pixels between the plot's top and bottom
        List<int[]> runs = new ArrayList<>();
        for (int x = 0; x < plotLeft - 6; x++) {
            boolean ink = false;
            for (int y = top; y <= bottom && !ink; y++) {
                ink = Pixels.luminance(img.getRGB(x, y)) < 110;
            }
            if (ink && (runs.isEmpty() || runs.get(runs.size() - 1)[1] != x - 1)) {
                runs.add(new int[] {x, x});
            } else if (ink) {
                runs.get(runs.size() - 1)[1] = x;
            }
        }
        assertTrue(runs.size() >= 2, "the axis title and the tick labels should be two separate columns of text, found "
                + runs.size());
        // the rotated title alone is one line of text high (a 14-pt font); run into the labels it would be wider
        int titleWidth = runs.get(0)[1] - runs.get(0)[0] + 1;
        assertTrue(titleWidth <= 20, "axis title column is " + titleWidth + " px wide: it runs into the tick labels");
        int gap = runs.get(1)[0] - runs.get(0)[1] - 1;
        assertTrue(gap >= 3, "gap between axis title and tick labels is only " + gap + " px");
    }

    @Test
    void overwritesAnExistingFile() throws IOException {
        Path png = dir.resolve("c.png");
        Files.writeString(png, "old");
        twoSeries().write(png);
        assertEquals(900, Pixels.decode(png).getWidth());
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new LineChart("t", "x", "y").series("loss", new double[] {1, 2, 3},
                        new double[] {0.5, Double.NaN, 0.2}));
        assertTrue(nan.getMessage().contains("'loss'") && nan.getMessage().contains("NaN at index 1"),
                nan.getMessage());
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
                () -> new LineChart("t", "x", "y").series("loss", new double[] {Double.POSITIVE_INFINITY, 1},
                        new double[] {0.5, 0.2}));
        assertTrue(inf.getMessage().contains("'loss' x has Infinity at index 0"), inf.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> new LineChart("t", "x", "y").series("acc", new double[0]));
        assertTrue(empty.getMessage().contains("'acc' is empty"), empty.getMessage());
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> new LineChart("t", "x", "y").series("acc", new double[2], new double[3]));
        assertTrue(length.getMessage().contains("2 x values but 3 y values"), length.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> twoSeries().series("flat", new double[] {1}));
        assertTrue(twice.getMessage().contains("already has a series 'flat'"), twice.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> new LineChart("nothing", "x", "y").render());
        assertTrue(none.getMessage().contains("no series"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LineChart("t", "x", "y").yRange(1, 1));
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> twoSeries().size(0, 10));
        assertTrue(size.getMessage().contains("0x10"), size.getMessage());
    }

    @Test
    void csvHoldsEveryPoint() throws IOException {
        Path csv = new LineChart("t", "epoch", "acc").series("dense", new double[] {0.5, 0.75})
                .writeCsv(dir.resolve("curve.csv"));
        assertEquals("series,x,y\ndense,1.0,0.5\ndense,2.0,0.75\n", Files.readString(csv));
    }
}
