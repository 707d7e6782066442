package org.thousandbrains.plot;

import java.awt.BasicStroke;
import java.awt.Rectangle;
import java.awt.geom.Line2D;

/**
 * A plot area in pixels and the data ranges it shows: maps data to pixels and draws the grid,
 * frame, tick labels and axis labels.
 */
final class Axes {
    final Rectangle area;
    final Ticks x;
    final Ticks y;

    Axes(Rectangle area, Ticks x, Ticks y) {
        if (area.width < 20 || area.height < 20) {
            throw new IllegalArgumentException("plot area " + area.width + "x" + area.height
                    + " too small; make the image larger");
        }
        this.area = area;
        this.x = x;
        this.y = y;
    }

    double px(double v) {
        return area.x + (v - x.min()) / (x.max() - x.min()) * area.width;
    }

    double py(double v) {
        return area.y + area.height - (v - y.min()) / (y.max() - y.min()) * area.height;
    }

    /** Grid, frame and labels; {@code xTicks == false} leaves the x axis to the caller (bar charts). */
    void draw(Canvas c, String xLabel, String yLabel, boolean xTicks) {
        var g = c.g;
        g.setStroke(new BasicStroke(1f));
        int tickBaseline = area.y + area.height + 8 + c.lineHeight(Canvas.TICK) - 3;
        for (double v : y.values()) {
            double p = py(v);
            g.setColor(Canvas.GRID);
            g.draw(new Line2D.Double(area.x, p, area.x + area.width, p));
            c.text(y.label(v), Canvas.TICK, Canvas.TEXT, area.x - 8, p + 5, Canvas.Align.RIGHT);
        }
        if (xTicks) {
            for (double v : x.values()) {
                double p = px(v);
                g.setColor(Canvas.GRID);
                g.draw(new Line2D.Double(p, area.y, p, area.y + area.height));
                c.text(x.label(v), Canvas.TICK, Canvas.TEXT, p, tickBaseline, Canvas.Align.CENTER);
            }
        }
        g.setColor(Canvas.AXIS);
        g.draw(new Rectangle(area.x, area.y, area.width, area.height));
        if (!xLabel.isEmpty()) {
            c.text(xLabel, Canvas.LABEL, Canvas.TEXT, area.x + area.width / 2.0,
                    tickBaseline + c.lineHeight(Canvas.LABEL) + 4, Canvas.Align.CENTER);
        }
        if (!yLabel.isEmpty()) {
            c.verticalText(yLabel, Canvas.LABEL, Canvas.TEXT, area.x - 62, area.y + area.height / 2.0);
        }
    }
}
