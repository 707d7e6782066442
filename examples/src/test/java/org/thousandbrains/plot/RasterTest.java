package org.thousandbrains.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RasterTest {
    @TempDir
    Path dir;

    @Test
    void aDotExactlyWhereANodeFired() throws IOException {
        // 5 steps x 3 nodes, row-major mask [step][node]
        float[] mask = {
            1, 0, 0,
            0, 1, 0,
            0, 0, 0,
            1, 1, 1,
            0, 0, 0.5f,
        };
        Raster r = new Raster("spikes", "time step", "node").fired(mask, 5, 3);
        BufferedImage img = Pixels.decode(r.write(dir.resolve("r.png")));
        assertEquals(600, img.getHeight());
        Axes axes = r.layout(new Canvas(900, 600));
        for (int t = 0; t < 5; t++) {
            for (int n = 0; n < 3; n++) {
                boolean dot = Pixels.near(img, axes.px(t + 0.5), axes.py(n + 0.5), Palette.color(0), 0);
                assertEquals(mask[t * 3 + n] != 0, dot, "step " + t + " node " + n);
            }
        }
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
        assertThrows(IllegalArgumentException.class, () -> new Raster("r", "t", "n").render());
    }
}
