package org.thousandbrains.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.knowm.xchart.CategoryChart;

class BarChartTest {
    @TempDir
    Path dir;

    @Test
    void groupedBarsHaveTheirHeightsAndColours() throws IOException {
        BarChart chart = new BarChart("Models", "accuracy", "clean", "noise 0.2")
                .series("dense", new double[] {0.9, 0.6}, new double[] {0.01, 0.05})
                .series("sparse", new double[] {0.8, 0.7});
        BufferedImage png = Pixels.decode(chart.write(dir.resolve("bars.png")));
        assertEquals(900, png.getWidth());
        assertEquals(600, png.getHeight());
        CategoryChart c = chart.xchart(900, 600);
        BufferedImage img = Style.image(c);
        Color[] colour = {c.getSeriesMap().get("dense").getFillColor(), c.getSeriesMap().get("sparse").getFillColor()};
        // just above the base every bar is present: dense clean, sparse clean, dense noise, sparse noise
        int row = (int) c.getScreenYFromChart(0.02);
        List<int[]> bars = new ArrayList<>();
        int k = -1;
        for (int x = 0; x < img.getWidth() * 3 / 4; x++) {
            int rgb = img.getRGB(x, row) & 0xFFFFFF;
            int now = rgb == (colour[0].getRGB() & 0xFFFFFF) ? 0 : rgb == (colour[1].getRGB() & 0xFFFFFF) ? 1 : -1;
            if (now >= 0 && (now != k || bars.get(bars.size() - 1)[2] != x - 1)) {
                bars.add(new int[] {now, x, x});
            } else if (now >= 0) {
                bars.get(bars.size() - 1)[2] = x;
            }
            k = now;
        }
        assertEquals(4, bars.size(), "bars found along the base");
        int[] series = {0, 1, 0, 1};
        double[] values = {0.9, 0.8, 0.6, 0.7};
        for (int b = 0; b < 4; b++) {
            int[] bar = bars.get(b);
            assertEquals(series[b], bar[0], "colour of bar " + b);
            // the first pixel of the bar's colour from the top, off the centre's error bar and value label
            int x = bar[1] + (bar[2] - bar[1]) / 6;
            int top = 0;
            while ((img.getRGB(x, top) & 0xFFFFFF) != (colour[bar[0]].getRGB() & 0xFFFFFF)) {
                top++;
            }
            assertEquals(c.getScreenYFromChart(values[b]), top, 2.0, "top of bar " + b);
        }
        assertEquals(List.of(0.01, 0.05), List.copyOf(c.getSeriesMap().get("dense").getExtraValues()));
        assertEquals(null, c.getSeriesMap().get("sparse").getExtraValues(), "no error bars without errors");
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
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> new BarChart("t", "y", "a").series("dense", new double[] {1}).series("dense", new double[] {2}));
        assertTrue(twice.getMessage().contains("already has a series 'dense'"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BarChart("t", "y"));
        assertThrows(IllegalArgumentException.class, () -> new BarChart("t", "y", "a").render());
        Path csv = new BarChart("t", "y", "clean, no noise").series("dense", new double[] {0.5}, new double[] {0.1})
                .writeCsv(dir.resolve("b.csv"));
        assertEquals("category,series,value,error\n\"clean, no noise\",dense,0.5,0.1\n", Files.readString(csv));
    }
}
