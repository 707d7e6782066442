package org.thousandbrains.plot;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One or more histograms in one PNG (e.g. weights, delays and leaks of a network side by side),
 * panels laid out in a near-square grid.
 *
 * <p>Binning follows NumPy's {@code histogram}: {@code bins} equal bins spanning [min, max] of the
 * values, each half-open except the last, which includes max. All-equal values get the range
 * [v − 0.5, v + 0.5].
 */
public final class Histogram extends Chart<Histogram> {
    /** Bin counts over [min, max] in equal-width bins. */
    public record Bins(double min, double max, long[] counts) {
        public double binWidth() {
            return (max - min) / counts.length;
        }

        /** Lower edge of bin {@code i}. */
        public double lower(int i) {
            return min + i * binWidth();
        }

        /** Upper edge of bin {@code i}. */
        public double upper(int i) {
            return i == counts.length - 1 ? max : min + (i + 1) * binWidth();
        }
    }

    private record Panel(String name, Bins bins) {
    }

    private final List<Panel> panels = new ArrayList<>();

    public Histogram(String title) {
        super(title);
    }

    /** Counts finite {@code values} into {@code bins} equal bins over their range. */
    public static Bins bin(double[] values, int bins) {
        if (bins <= 0) {
            throw new IllegalArgumentException("bin count " + bins + " must be positive");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (min == max) {
            min -= 0.5;
            max += 0.5;
        }
        long[] counts = new long[bins];
        double scale = bins / (max - min);
        for (double v : values) {
            int i = (int) ((v - min) * scale);
            counts[Math.min(i, bins - 1)]++;
        }
        return new Bins(min, max, counts);
    }

    /** Adds a panel; values must be non-empty and finite. */
    public Histogram panel(String name, double[] values, int bins) {
        if (values.length == 0) {
            throw new IllegalArgumentException("histogram panel '" + name + "' has no values");
        }
        checkFinite("histogram panel '" + name + "'", values);
        panels.add(new Panel(name, bin(values, bins)));
        return this;
    }

    /** Adds a panel of float values (weights, delays and leaks are stored as floats). */
    public Histogram panel(String name, float[] values, int bins) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return panel(name, d, bins);
    }

    /** Plot areas and scales of the panels, in the order they were added. */
    List<Axes> layout(Canvas c) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("histogram '" + title + "' has no panels");
        }
        int cols = (int) Math.ceil(Math.sqrt(panels.size()));
        int rows = (panels.size() + cols - 1) / cols;
        int top = 50;
        int cellW = c.width / cols;
        int cellH = (c.height - top) / rows;
        List<Axes> out = new ArrayList<>();
        for (int k = 0; k < panels.size(); k++) {
            Bins b = panels.get(k).bins;
            long maxCount = 0;
            for (long n : b.counts) {
                maxCount = Math.max(maxCount, n);
            }
            int x0 = (k % cols) * cellW;
            int y0 = top + (k / cols) * cellH;
            Rectangle area = new Rectangle(x0 + 85, y0 + 32, cellW - 85 - 20, cellH - 32 - 45);
            out.add(new Axes(area, Ticks.nice(b.min, b.max, 6), Ticks.nice(0, maxCount, 5)));
        }
        return out;
    }

    @Override
    public BufferedImage render() {
        Canvas c = new Canvas(width, height);
        List<Axes> layout = layout(c);
        c.title(title);
        for (int k = 0; k < panels.size(); k++) {
            Panel p = panels.get(k);
            Axes axes = layout.get(k);
            axes.draw(c, "", "count", true);
            c.text(p.name, Canvas.LABEL, Canvas.TEXT, axes.area.x + axes.area.width / 2.0, axes.area.y - 10,
                    Canvas.Align.CENTER);
            Color color = Palette.color(k);
            for (int i = 0; i < p.bins.counts.length; i++) {
                if (p.bins.counts[i] == 0) {
                    continue;
                }
                double left = axes.px(p.bins.lower(i));
                double right = axes.px(p.bins.upper(i));
                double top = axes.py(p.bins.counts[i]);
                Rectangle2D bar = new Rectangle2D.Double(left, top, right - left, axes.py(0) - top);
                c.g.setColor(color);
                c.g.fill(bar);
                if (right - left >= 6) {
                    c.g.setColor(Color.WHITE);
                    c.g.draw(bar);
                }
            }
        }
        return c.finish();
    }

    /** Writes the counts as CSV ({@code panel,lower,upper,count}, one row per bin). */
    public Path writeCsv(Path csv) throws IOException {
        CsvWriter w = new CsvWriter("panel", "lower", "upper", "count");
        for (Panel p : panels) {
            for (int i = 0; i < p.bins.counts.length; i++) {
                w.row(p.name, p.bins.lower(i), p.bins.upper(i), p.bins.counts[i]);
            }
        }
        return w.write(csv);
    }
}
