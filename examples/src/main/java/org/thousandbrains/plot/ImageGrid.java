package org.thousandbrains.plot;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.thousandbrains.data.Dataset;

/**
 * A grid of greyscale images with captions (dataset samples, clean or corrupted). Pixel values in
 * [0, 1] are drawn dark on white (1 = black), values outside are clamped; each image is scaled by
 * a whole factor so pixels stay crisp.
 */
public final class ImageGrid extends Chart<ImageGrid> {
    static final int CAPTION = 20;

    private record Tile(float[] pixels, String caption) {
    }

    private final int imageHeight;
    private final int imageWidth;
    private final List<Tile> tiles = new ArrayList<>();

    public ImageGrid(String title, int imageHeight, int imageWidth) {
        super(title);
        if (imageHeight <= 0 || imageWidth <= 0) {
            throw new IllegalArgumentException("image shape " + imageHeight + "x" + imageWidth + " must be positive");
        }
        this.imageHeight = imageHeight;
        this.imageWidth = imageWidth;
    }

    /** The samples at {@code indices} of {@code data}, captioned with their labels. */
    public static ImageGrid of(String title, Dataset data, int[] indices) {
        ImageGrid grid = new ImageGrid(title, data.height(), data.width());
        for (int i : indices) {
            grid.image(data.row(i), "#" + i + "  label " + data.labels()[i]);
        }
        return grid;
    }

    /** Adds an image, row-major {@code [height][width]}; NaN is refused. */
    public ImageGrid image(float[] pixels, String caption) {
        if (pixels.length != imageHeight * imageWidth) {
            throw new IllegalArgumentException("image '" + caption + "' has " + pixels.length + " pixels, expected "
                    + imageHeight + "x" + imageWidth);
        }
        for (int i = 0; i < pixels.length; i++) {
            if (Float.isNaN(pixels[i])) {
                throw new IllegalArgumentException("image '" + caption + "' has NaN at pixel " + i);
            }
        }
        tiles.add(new Tile(pixels.clone(), caption));
        return this;
    }

    /** Where each image goes (without its caption), choosing the column count that maximises the scale. */
    Rectangle[] layout(Canvas c) {
        if (tiles.isEmpty()) {
            throw new IllegalArgumentException("image grid '" + title + "' has no images");
        }
        int n = tiles.size();
        int top = 50;
        int availW = c.width - 20;
        int availH = c.height - top - 10;
        int bestCols = 1;
        int bestScale = 0;
        for (int cols = 1; cols <= n; cols++) {
            int rows = (n + cols - 1) / cols;
            int scale = Math.min((availW / cols - 10) / imageWidth, (availH / rows - CAPTION - 10) / imageHeight);
            if (scale > bestScale) {
                bestScale = scale;
                bestCols = cols;
            }
        }
        if (bestScale < 1) {
            throw new IllegalArgumentException("image grid '" + title + "': " + n + " images of " + imageHeight + "x"
                    + imageWidth + " do not fit in " + c.width + "x" + c.height);
        }
        int cellW = availW / bestCols;
        int rows = (n + bestCols - 1) / bestCols;
        int cellH = availH / rows;
        int w = bestScale * imageWidth;
        int h = bestScale * imageHeight;
        Rectangle[] out = new Rectangle[n];
        for (int k = 0; k < n; k++) {
            int x = 10 + (k % bestCols) * cellW + (cellW - w) / 2;
            int y = top + (k / bestCols) * cellH + (cellH - h - CAPTION) / 2;
            out[k] = new Rectangle(x, y, w, h);
        }
        return out;
    }

    @Override
    public BufferedImage render() {
        Canvas c = new Canvas(width, height);
        Rectangle[] cells = layout(c);
        c.title(title);
        for (int k = 0; k < tiles.size(); k++) {
            Rectangle r = cells[k];
            float[] px = tiles.get(k).pixels;
            int scale = r.width / imageWidth;
            for (int i = 0; i < imageHeight; i++) {
                for (int j = 0; j < imageWidth; j++) {
                    float v = Math.max(0f, Math.min(1f, px[i * imageWidth + j]));
                    int grey = Math.round((1 - v) * 255);
                    c.g.setColor(new Color(grey, grey, grey));
                    c.g.fillRect(r.x + j * scale, r.y + i * scale, scale, scale);
                }
            }
            c.g.setColor(Canvas.AXIS);
            c.g.drawRect(r.x - 1, r.y - 1, r.width + 1, r.height + 1);
            c.text(tiles.get(k).caption, Canvas.TICK, Canvas.TEXT, r.x + r.width / 2.0, r.y + r.height + CAPTION - 4,
                    Canvas.Align.CENTER);
        }
        return c.finish();
    }
}
