package org.thousandbrains.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thousandbrains.data.Dataset;

class ImageGridTest {
    @TempDir
    Path dir;

    @Test
    void pixelsAreDarkOnWhiteAtTheirPlace() throws IOException {
        // two 2x2 images: [0, 1; 0.5, 2] (2 clamps to 1) and [1, 1; 1, 0]
        Dataset d = new Dataset("toy", new float[] {0, 1, 0.5f, 2, 1, 1, 1, 0}, new int[] {3, 1}, 4, 2, 2);
        ImageGrid grid = ImageGrid.of("samples", d, new int[] {0, 1});
        BufferedImage img = Pixels.decode(grid.write(dir.resolve("g.png")));
        Rectangle[] cells = grid.layout(new Canvas(900, 600));
        assertEquals(2, cells.length);
        int s = cells[0].width / 2;
        assertTrue(s >= 2, "scale " + s);
        int[][] expected = {{255, 0, 128, 0}, {0, 0, 0, 255}};
        for (int k = 0; k < 2; k++) {
            for (int p = 0; p < 4; p++) {
                int x = cells[k].x + (p % 2) * s + s / 2;
                int y = cells[k].y + (p / 2) * s + s / 2;
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                int g = expected[k][p];
                assertEquals((g << 16) | (g << 8) | g, rgb, "image " + k + " pixel " + p);
            }
        }
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new ImageGrid("g", 1, 2).image(new float[] {0, Float.NaN}, "noisy"));
        assertTrue(nan.getMessage().contains("'noisy'") && nan.getMessage().contains("pixel 1"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ImageGrid("g", 1, 2).image(new float[3], "x"));
        assertThrows(IllegalArgumentException.class, () -> new ImageGrid("g", 1, 2).render());
    }
}
