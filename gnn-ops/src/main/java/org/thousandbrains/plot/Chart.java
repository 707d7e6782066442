package org.thousandbrains.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;

import org.thousandbrains.graph.io.AtomicFile;

/**
 * Common part of all charts: title, image size (default 900×600), rendering to a
 * {@link BufferedImage} (a notebook cell shows it) and atomic PNG output. The charts are drawn
 * by XChart into an image, with AWT headless unless the caller chose otherwise, so no display is
 * needed.
 *
 * @param <C> the concrete chart, so that setters chain
 */
public abstract class Chart<C extends Chart<C>> {
    public static final int DEFAULT_WIDTH = 900;
    public static final int DEFAULT_HEIGHT = 600;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    protected final String title;
    private int width = DEFAULT_WIDTH;
    private int height = DEFAULT_HEIGHT;

    protected Chart(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    /** Image size in pixels, both positive. */
    public C size(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("chart '" + title + "': size " + width + "x" + height
                    + " must be positive");
        }
        this.width = width;
        this.height = height;
        return self();
    }

    /** Image width in pixels. */
    public int width() {
        return width;
    }

    /** Image height in pixels. */
    public int height() {
        return height;
    }

    /** Draws the chart at its size; throws {@link IllegalArgumentException} naming the bad input if there is any. */
    public BufferedImage render() {
        return render(width, height);
    }

    /** Draws the chart at the given size (a panel of a {@link ChartGrid} is drawn at its cell's size). */
    abstract BufferedImage render(int width, int height);

    /** Renders and writes a PNG atomically (temporary file, then rename); creates missing folders. */
    public Path write(Path png) throws IOException {
        return writePng(render(), png);
    }

    /** Writes an image as PNG atomically (temporary file, then rename); creates missing folders. */
    public static Path writePng(BufferedImage image, Path png) throws IOException {
        AtomicFile.write(png, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available in this JDK");
            }
        });
        return png;
    }

    @SuppressWarnings("unchecked")
    private C self() {
        return (C) this;
    }

    /** Throws if {@code v} holds NaN or infinity, naming what and where. */
    static void checkFinite(String what, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(what + " has " + v[i] + " at index " + i);
            }
        }
    }
}
