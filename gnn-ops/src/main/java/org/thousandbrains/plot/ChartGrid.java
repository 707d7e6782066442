package org.thousandbrains.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Several charts in one image: a common title on top, then the charts row by row in
 * {@code columns} columns, each drawn at its cell's size (the charts' own sizes are ignored).
 *
 * <pre>{@code
 * new ChartGrid("Comparison", 3).add(accuracyBars).add(noiseCurves).add(memoryBars).size(1800, 800).write(png);
 * }</pre>
 */
public final class ChartGrid extends Chart<ChartGrid> {
    /** Height of the common title's strip; none when the title is empty. */
    static final int TITLE_HEIGHT = 40;

    private final int columns;
    private final List<Chart<?>> charts = new ArrayList<>();

    /** A grid with an (optionally empty) common title and {@code columns} charts per row. */
    public ChartGrid(String title, int columns) {
        super(title);
        if (columns <= 0) {
            throw new IllegalArgumentException("chart grid '" + title + "': " + columns + " columns must be positive");
        }
        this.columns = columns;
    }

    /** Adds the next chart. */
    public ChartGrid add(Chart<?> chart) {
        charts.add(Objects.requireNonNull(chart, "chart"));
        return this;
    }

    /** Number of charts added so far. */
    public int count() {
        return charts.size();
    }

    @Override
    BufferedImage render(int width, int height) {
        if (charts.isEmpty()) {
            throw new IllegalArgumentException("chart grid '" + title + "' has no charts");
        }
        Cells cells = cells(title, width, height, charts.size(), Math.min(columns, charts.size()));
        return cells.compose(k -> charts.get(k).render(cells.width(), cells.height()));
    }

    /** The layout of {@code n} cells in {@code cols} columns under {@code title} in a {@code width}×{@code height} image. */
    static Cells cells(String title, int width, int height, int n, int cols) {
        int rows = (n + cols - 1) / cols;
        int top = title.isEmpty() ? 0 : TITLE_HEIGHT;
        int w = width / cols;
        int h = (height - top) / rows;
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException("chart grid '" + title + "': " + n + " charts do not fit in "
                    + width + "x" + height);
        }
        return new Cells(title, width, height, n, cols, top, w, h);
    }

    /** Cell geometry; {@link #compose} draws each cell's image in place. */
    record Cells(String title, int imageWidth, int imageHeight, int n, int cols, int top, int width, int height) {
        BufferedImage compose(IntFunction<BufferedImage> cell) {
            BufferedImage img = new BufferedImage(imageWidth, imageHeight, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            try {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, imageWidth, imageHeight);
                if (top > 0) {
                    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
                    g.setColor(Color.BLACK);
                    FontMetrics fm = g.getFontMetrics();
                    g.drawString(title, Math.max(4, (imageWidth - fm.stringWidth(title)) / 2),
                            (top + fm.getAscent() - fm.getDescent()) / 2);
                }
                for (int k = 0; k < n; k++) {
                    g.drawImage(cell.apply(k), (k % cols) * width, top + (k / cols) * height, null);
                }
            } finally {
                g.dispose();
            }
            return img;
        }
    }
}
