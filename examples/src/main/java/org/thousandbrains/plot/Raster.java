package org.thousandbrains.plot;

import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * A firing raster: time step (or sample) on x, node on y, a dot where the node fired. Cell
 * ({@code t}, {@code n}) covers [t, t+1] × [n, n+1] in axis units; node 0 is at the bottom.
 *
 * <pre>{@code
 * new Raster("Layer 1 spikes", "time step", "node").fired(masks).write(Path.of("raster.png"));
 * }</pre>
 */
public final class Raster extends Chart<Raster> {
    /** Largest dot side in pixels; smaller cells get dots of 80% of the cell (at least 1.5 px). */
    static final double MAX_DOT = 10;

    private final String xLabel;
    private final String yLabel;
    private boolean[][] fired;

    public Raster(String title, String xLabel, String yLabel) {
        super(title);
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Firing as {@code fired[step][node]}; all rows must have the same, non-zero length. */
    public Raster fired(boolean[][] fired) {
        if (fired.length == 0 || fired[0].length == 0) {
            throw new IllegalArgumentException("raster '" + title + "' needs at least one step and one node");
        }
        for (int t = 0; t < fired.length; t++) {
            if (fired[t].length != fired[0].length) {
                throw new IllegalArgumentException("raster '" + title + "': step " + t + " has " + fired[t].length
                        + " nodes, step 0 has " + fired[0].length);
            }
        }
        this.fired = new boolean[fired.length][];
        for (int t = 0; t < fired.length; t++) {
            this.fired[t] = fired[t].clone();
        }
        return this;
    }

    /** Firing from a row-major mask {@code [steps][nodes]}: non-zero means fired; NaN is refused. */
    public Raster fired(float[] mask, int steps, int nodes) {
        if ((long) steps * nodes != mask.length) {
            throw new IllegalArgumentException("raster '" + title + "': mask of " + mask.length + " values is not "
                    + steps + " steps x " + nodes + " nodes");
        }
        boolean[][] f = new boolean[steps][nodes];
        for (int t = 0; t < steps; t++) {
            for (int n = 0; n < nodes; n++) {
                float v = mask[t * nodes + n];
                if (Float.isNaN(v)) {
                    throw new IllegalArgumentException("raster '" + title + "': mask has NaN at step " + t
                            + ", node " + n);
                }
                f[t][n] = v != 0;
            }
        }
        return fired(f);
    }

    Axes layout(Canvas c) {
        if (fired == null) {
            throw new IllegalArgumentException("raster '" + title + "' has no firing data");
        }
        Rectangle area = new Rectangle(90, 55, c.width - 90 - 25, c.height - 55 - 75);
        int steps = fired.length;
        int nodes = fired[0].length;
        Ticks xt = Ticks.nice(0, steps, 8);
        Ticks yt = Ticks.nice(0, nodes, 6);
        return new Axes(area, new Ticks(0, steps, xt.step()), new Ticks(0, nodes, yt.step()));
    }

    @Override
    public BufferedImage render() {
        Canvas c = new Canvas(width, height);
        Axes axes = layout(c);
        axes.draw(c, xLabel, yLabel, true);
        c.title(title);
        double cellW = axes.px(1) - axes.px(0);
        double cellH = axes.py(0) - axes.py(1);
        double w = Math.max(1.5, Math.min(MAX_DOT, cellW * 0.8));
        double h = Math.max(1.5, Math.min(MAX_DOT, cellH * 0.8));
        c.g.setColor(Palette.color(0));
        for (int t = 0; t < fired.length; t++) {
            for (int n = 0; n < fired[t].length; n++) {
                if (fired[t][n]) {
                    double cx = axes.px(t + 0.5);
                    double cy = axes.py(n + 0.5);
                    c.g.fill(new Rectangle2D.Double(cx - w / 2, cy - h / 2, w, h));
                }
            }
        }
        return c.finish();
    }
}
