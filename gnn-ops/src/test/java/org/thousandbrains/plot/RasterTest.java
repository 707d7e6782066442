package org.thousandbrains.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class RasterTest {
    @TempDir
    Path dir;

    // 6 columns (3 samples x 2 steps) x 3 nodes, row-major mask [column][node]
    private static final float[] MASK = {
        1, 0, 0,
        0, 1, 0,
        0, 0, 0,
        1, 1, 1,
        0, 0, 0.5f,
        0, 0, 0,
    };

    @Test
    void aMarkExactlyWhereANodeFired() throws IOException {
        Raster r = new Raster("spikes", "sample x step", "node").fired(MASK, 6, 3).stepsPerSample(2);
        BufferedImage png = Pixels.decode(r.write(dir.resolve("r.png")));
        assertEquals(900, png.getWidth());
        assertEquals(600, png.getHeight());
        XYChart c = r.xchart(900, 600);
        BufferedImage img = Style.image(c);
        for (int t = 0; t < 6; t++) {
            for (int n = 0; n < 3; n++) {
                boolean mark = Pixels.near(img, c.getScreenXFromChart(t), c.getScreenYFromChart(n), Raster.MARK, 0);
                assertEquals(MASK[t * 3 + n] != 0, mark, "column " + t + " node " + n);
            }
        }
        // the series holds the fired cells, column-major, and nothing else
        XYSeries s = c.getSeriesMap().get(Raster.SERIES);
        assertEquals(1, c.getSeriesMap().size());
        assertEquals(List.of(0.0, 1.0, 3.0, 3.0, 3.0, 4.0), box(s.getXData()));
        assertEquals(List.of(0.0, 1.0, 0.0, 1.0, 2.0, 2.0), box(s.getYData()));
    }

    @Test
    void oneRowPerNodeOneColumnPerStep() {
        XYChart c = new Raster("r", "t", "n").fired(new boolean[7][4]).xchart(900, 600);
        Style.image(c);
        assertEquals(-0.5, c.getStyler().getXAxisMin());
        assertEquals(6.5, c.getStyler().getXAxisMax());
        assertEquals(-0.5, c.getStyler().getYAxisMin());
        assertEquals(3.5, c.getStyler().getYAxisMax());
        // node 0 at the bottom, column 0 on the left
        assertTrue(c.getScreenYFromChart(0) > c.getScreenYFromChart(3));
        assertTrue(c.getScreenXFromChart(0) < c.getScreenXFromChart(6));
    }

    @Test
    void nothingFiredDrawsEmptyAxes() {
        XYChart c = new Raster("quiet", "t", "n").fired(new boolean[5][3]).xchart(900, 600);
        BufferedImage img = Style.image(c);
        assertEquals(0, Pixels.count(img, Raster.MARK));
        assertTrue(!c.getSeriesMap().get(Raster.SERIES).isEnabled());
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new Raster("r", "t", "n").fired(new float[] {0, Float.NaN}, 1, 2));
        assertTrue(nan.getMessage().contains("NaN at step 0, node 1"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Raster("r", "t", "n").fired(new float[3], 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new Raster("r", "t", "n").fired(new boolean[0][0]));
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> new Raster("r", "t", "n").fired(new boolean[][] {{true, false}, {true}}));
        assertTrue(ragged.getMessage().contains("step 1 has 1 nodes"), ragged.getMessage());
        IllegalArgumentException samples = assertThrows(IllegalArgumentException.class,
                () -> new Raster("r", "t", "n").fired(MASK, 6, 3).stepsPerSample(4).render());
        assertTrue(samples.getMessage().contains("6 columns are not whole samples of 4 steps"), samples.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Raster("r", "t", "n").stepsPerSample(0));
        assertThrows(IllegalArgumentException.class, () -> new Raster("r", "t", "n").render());
    }

    private static List<Double> box(double[] v) {
        return java.util.Arrays.stream(v).boxed().toList();
    }
}
