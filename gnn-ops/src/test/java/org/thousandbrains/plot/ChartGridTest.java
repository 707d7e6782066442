package org.thousandbrains.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartGridTest {
    @TempDir
    Path dir;

    private static LineChart curve(String name) {
        return new LineChart(name, "epoch", "accuracy").series(name, new double[] {0.2, 0.6, 0.7});
    }

    private static BarChart bars() {
        return new BarChart("bars", "seconds", "dense", "sparse").series("s", new double[] {3, 1});
    }

    @Test
    void eachChartIsDrawnInItsCellUnderTheTitle() throws IOException {
        LineChart left = curve("left");
        BarChart right = bars();
        ChartGrid grid = new ChartGrid("Two charts", 2).add(left).add(right).size(800, 440);
        BufferedImage img = Pixels.decode(grid.write(dir.resolve("grid.png")));
        assertEquals(800, img.getWidth());
        assertEquals(440, img.getHeight());
        int top = ChartGrid.TITLE_HEIGHT;
        assertSame(left.render(400, 400), img, 0, top);
        assertSame(right.render(400, 400), img, 400, top);
        int dark = 0;
        for (int y = 0; y < top; y++) {
            for (int x = 0; x < 800; x++) {
                dark += Pixels.luminance(img.getRGB(x, y)) < 100 ? 1 : 0;
            }
        }
        assertTrue(dark > 50, "title strip holds no text");
        // the charts keep their own size for their own rendering
        assertEquals(900, left.render().getWidth());
    }

    @Test
    void anEmptyTitleLeavesNoStripAndRowsFill() {
        ChartGrid grid = new ChartGrid("", 2).add(curve("a")).add(curve("b")).add(curve("c")).size(600, 400);
        BufferedImage img = grid.render();
        assertSame(curve("c").render(300, 200), img, 0, 200);
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> new ChartGrid("empty", 2).render());
        assertTrue(none.getMessage().contains("'empty' has no charts"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ChartGrid("g", 0));
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> new ChartGrid("tiny", 3).add(curve("a")).add(curve("b")).add(curve("c")).size(2, 100).render());
        assertTrue(small.getMessage().contains("do not fit in 2x100"), small.getMessage());
    }

    private static void assertSame(BufferedImage cell, BufferedImage img, int x0, int y0) {
        for (int y = 0; y < cell.getHeight(); y += 3) {
            for (int x = 0; x < cell.getWidth(); x += 3) {
                assertEquals(cell.getRGB(x, y) & 0xFFFFFF, img.getRGB(x0 + x, y0 + y) & 0xFFFFFF,
                        "pixel " + x + "," + y + " of the cell at " + x0 + "," + y0);
            }
        }
    }
}
