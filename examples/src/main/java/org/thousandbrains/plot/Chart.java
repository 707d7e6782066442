package org.thousandbrains.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * Common part of all charts: title, image size (default 900×600), rendering to an image and
 * atomic PNG output.
 *
 * @param <C> the concrete chart, so that setters chain
 */
public abstract class Chart<C extends Chart<C>> {
    public static final int DEFAULT_WIDTH = 900;
    public static final int DEFAULT_HEIGHT = 600;

    protected final String title;
    protected int width = DEFAULT_WIDTH;
    protected int height = DEFAULT_HEIGHT;

    protected Chart(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    /** Image size in pixels. */
    public C size(int width, int height) {
        this.width = width;
        this.height = height;
        return self();
    }

    /** Draws the chart; throws {@link IllegalArgumentException} naming the bad input if there is any. */
    public abstract BufferedImage render();

    /** Renders and writes a PNG atomically (temporary file, then rename); creates missing folders. */
    public Path write(Path png) throws IOException {
        BufferedImage image = render();
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
