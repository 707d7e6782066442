package org.thousandbrains.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.geom.Line2D;
import java.util.List;

/** A legend to the right of the plot area: a colour swatch and the name of each series. */
final class Legend {
    private static final int SWATCH = 26;
    private static final int GAP = 8;
    private static final int MARGIN = 16;

    private Legend() {
    }

    /** Horizontal space the legend needs, 0 without names. */
    static int width(Canvas c, List<String> names) {
        int w = 0;
        for (String n : names) {
            w = Math.max(w, c.textWidth(Canvas.TICK, n));
        }
        return names.isEmpty() ? 0 : MARGIN + SWATCH + GAP + w + MARGIN;
    }

    /** Draws entries top-down beside {@code area}; {@code bars} draws filled squares instead of lines. */
    static void draw(Canvas c, Rectangle area, List<String> names, boolean bars) {
        int x = area.x + area.width + MARGIN;
        int rowHeight = c.lineHeight(Canvas.TICK) + 8;
        for (int i = 0; i < names.size(); i++) {
            int y = area.y + 10 + i * rowHeight;
            Color color = Palette.color(i);
            c.g.setColor(color);
            if (bars) {
                c.g.fillRect(x + 6, y - 7, 14, 14);
            } else {
                c.g.setStroke(new BasicStroke(3f));
                c.g.draw(new Line2D.Double(x, y, x + SWATCH, y));
            }
            c.text(names.get(i), Canvas.TICK, Canvas.TEXT, x + SWATCH + GAP, y + 5, Canvas.Align.LEFT);
        }
    }
}
