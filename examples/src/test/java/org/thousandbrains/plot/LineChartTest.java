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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineChartTest {
    @TempDir
    Path dir;

    private LineChart twoSeries() {
        return new LineChart("Accuracy", "epoch", "accuracy")
                .series("rising", new double[] {0, 10}, new double[] {0, 1})
                .series("flat", new double[] {0, 10}, new double[] {0.25, 0.25});
    }

    @Test
    void pngDecodesAtDefaultSizeWithEachSeriesWhereItsDataIs() throws IOException {
        LineChart chart = twoSeries();
        Path png = chart.write(dir.resolve("sub/curve.png"));
        BufferedImage img = Pixels.decode(png);
        assertEquals(900, img.getWidth());
        assertEquals(600, img.getHeight());
        Axes axes = chart.layout(new Canvas(900, 600));
        Color rising = Palette.color(0);
        Color flat = Palette.color(1);
        // midpoint of the rising line (5, 0.5) and of the flat line (5, 0.25), between the markers
        assertTrue(Pixels.near(img, axes.px(5), axes.py(0.5), rising, 2), "rising line missing at its midpoint");
        assertTrue(Pixels.near(img, axes.px(5), axes.py(0.25), flat, 2), "flat line missing at its midpoint");
        // where neither series passes: (2, 0.9) is far from both lines
        assertFalse(Pixels.near(img, axes.px(2), axes.py(0.9), rising, 3));
        assertFalse(Pixels.near(img, axes.px(2), axes.py(0.9), flat, 3));
        assertEquals(0, Pixels.leftovers(png.getParent()));
    }

    @Test
    void sizeIsHonouredAndFixedYRangeMapsExactly() throws IOException {
        LineChart chart = twoSeries().size(640, 480).yRange(0, 2);
        BufferedImage img = Pixels.decode(chart.write(dir.resolve("c.png")));
        assertEquals(640, img.getWidth());
        assertEquals(480, img.getHeight());
        Axes axes = chart.layout(new Canvas(640, 480));
        assertEquals(axes.area.y, axes.py(2), 1e-9);
        assertEquals(axes.area.y + axes.area.height, axes.py(0), 1e-9);
        assertTrue(Pixels.near(img, axes.px(10), axes.py(1), Palette.color(0), 2));
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
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> new LineChart("t", "x", "y").series("acc", new double[0]));
        assertTrue(empty.getMessage().contains("'acc' is empty"), empty.getMessage());
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> new LineChart("t", "x", "y").series("acc", new double[2], new double[3]));
        assertTrue(length.getMessage().contains("2 x values but 3 y values"), length.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> new LineChart("nothing", "x", "y").render());
        assertTrue(none.getMessage().contains("no series"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LineChart("t", "x", "y").yRange(1, 1));
        assertThrows(IllegalArgumentException.class, () -> twoSeries().size(10, 10).render());
    }

    @Test
    void csvHoldsEveryPoint() throws IOException {
        Path csv = new LineChart("t", "epoch", "acc").series("dense", new double[] {0.5, 0.75})
                .writeCsv(dir.resolve("curve.csv"));
        assertEquals("series,x,y\ndense,1.0,0.5\ndense,2.0,0.75\n", Files.readString(csv));
    }
}
