package org.thousandbrains.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarChartTest {
    @TempDir
    Path dir;

    @Test
    void groupedBarsHaveTheirHeightsAndColours() throws IOException {
        BarChart chart = new BarChart("Models", "accuracy", "clean", "noise 0.2")
                .series("dense", new double[] {0.9, 0.6}, new double[] {0.01, 0.05})
                .series("sparse", new double[] {0.8, 0.7});
        BufferedImage img = Pixels.decode(chart.write(dir.resolve("bars.png")));
        assertEquals(900, img.getWidth());
        Axes axes = chart.layout(new Canvas(900, 600));
        double[][] values = {{0.9, 0.6}, {0.8, 0.7}};
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 2; j++) {
                Rectangle2D bar = chart.bar(axes, j, k);
                assertEquals(axes.py(values[k][j]), bar.getY(), 1e-9);
                assertEquals(axes.py(0), bar.getMaxY(), 1e-9);
                // a quarter of the way up, clear of error bars and value labels
                double y = axes.py(values[k][j] / 4);
                assertTrue(Pixels.near(img, bar.getCenterX() + 8, y, Palette.color(k), 0),
                        "series " + k + " category " + j);
                assertFalse(Pixels.near(img, bar.getCenterX(), axes.py(values[k][j] + 0.1), Palette.color(k), 1),
                        "bar " + k + "/" + j + " too tall");
            }
        }
        // bars of one group side by side, groups apart
        assertTrue(chart.bar(axes, 0, 0).getMaxX() <= chart.bar(axes, 0, 1).getX());
        assertTrue(chart.bar(axes, 0, 1).getMaxX() < chart.bar(axes, 1, 0).getX());
    }

    @Test
    void badInputIsNamedAndCsvHoldsValues() throws IOException {
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
                () -> new BarChart("t", "y", "a", "b").series("dense", new double[] {1}));
        assertTrue(n.getMessage().contains("1 values") && n.getMessage().contains("2 categories"), n.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new BarChart("t", "y", "a").series("dense", new double[] {Double.NaN}));
        assertTrue(nan.getMessage().contains("'dense'"), nan.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new BarChart("t", "y", "a").series("dense", new double[] {1}, new double[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> new BarChart("t", "y"));
        assertThrows(IllegalArgumentException.class, () -> new BarChart("t", "y", "a").render());
        Path csv = new BarChart("t", "y", "clean, no noise").series("dense", new double[] {0.5}, new double[] {0.1})
                .writeCsv(dir.resolve("b.csv"));
        assertEquals("category,series,value,error\n\"clean, no noise\",dense,0.5,0.1\n", Files.readString(csv));
    }
}
