package org.thousandbrains.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Test helpers: decode a PNG from disk and look for exact colours around a pixel. */
final class Pixels {
    private Pixels() {
    }

    static BufferedImage decode(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        if (img == null) {
            throw new IOException(png + " is not a decodable image");
        }
        return img;
    }

    /** True if a pixel of exactly {@code color} lies within {@code radius} of (x, y). */
    static boolean near(BufferedImage img, double x, double y, Color color, int radius) {
        int cx = (int) Math.floor(x);
        int cy = (int) Math.floor(y);
        for (int j = cy - radius; j <= cy + radius; j++) {
            for (int i = cx - radius; i <= cx + radius; i++) {
                if (i >= 0 && j >= 0 && i < img.getWidth() && j < img.getHeight()
                        && (img.getRGB(i, j) & 0xFFFFFF) == (color.getRGB() & 0xFFFFFF)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Number of pixels of exactly {@code color} in the image. */
    static int count(BufferedImage img, Color color) {
        int n = 0;
        for (int j = 0; j < img.getHeight(); j++) {
            for (int i = 0; i < img.getWidth(); i++) {
                if ((img.getRGB(i, j) & 0xFFFFFF) == (color.getRGB() & 0xFFFFFF)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Perceived brightness 0..255 of an RGB pixel. */
    static double luminance(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
    }

    /** No temporary files left beside the output. */
    static long leftovers(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
    }
}
