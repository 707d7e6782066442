package org.thousandbrains.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * A white RGB image with antialiased Java2D graphics, the fonts and colours all charts share, and
 * text helpers. Forces headless AWT (no display needed) unless the caller chose otherwise.
 */
final class Canvas {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    static final Color TEXT = new Color(0x222222);
    static final Color AXIS = new Color(0x555555);
    static final Color GRID = new Color(0xE8E8E8);
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 20);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    enum Align { LEFT, CENTER, RIGHT }

    final int width;
    final int height;
    final BufferedImage image;
    final Graphics2D g;

    Canvas(int width, int height) {
        if (width < 100 || height < 100 || width > 20000 || height > 20000) {
            throw new IllegalArgumentException("image size " + width + "x" + height + " outside 100..20000 pixels");
        }
        this.width = width;
        this.height = height;
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
    }

    int textWidth(Font font, String s) {
        return g.getFontMetrics(font).stringWidth(s);
    }

    /** Height of a line of text (ascent + descent). */
    int lineHeight(Font font) {
        FontMetrics m = g.getFontMetrics(font);
        return m.getAscent() + m.getDescent();
    }

    /** Draws {@code s} with its baseline at {@code y}, aligned horizontally on {@code x}. */
    void text(String s, Font font, Color color, double x, double y, Align align) {
        int w = textWidth(font, s);
        double left = switch (align) {
            case LEFT -> x;
            case CENTER -> x - w / 2.0;
            case RIGHT -> x - w;
        };
        g.setFont(font);
        g.setColor(color);
        g.drawString(s, (float) left, (float) y);
    }

    /** Draws {@code s} rotated a quarter turn anticlockwise, centred on ({@code cx}, {@code cy}). */
    void verticalText(String s, Font font, Color color, double cx, double cy) {
        AffineTransform saved = g.getTransform();
        g.translate(cx, cy);
        g.rotate(-Math.PI / 2);
        FontMetrics m = g.getFontMetrics(font);
        text(s, font, color, 0, (m.getAscent() - m.getDescent()) / 2.0, Align.CENTER);
        g.setTransform(saved);
    }

    /** The chart title, centred in the top margin. */
    void title(String s) {
        text(s, TITLE, TEXT, width / 2.0, 32, Align.CENTER);
    }

    BufferedImage finish() {
        g.dispose();
        return image;
    }
}
