package org.thousandbrains.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Grouped bars for comparing models: one group per category (a dataset, a noise level), one bar
 * per series (a model) in each group, optional ± error bars (e.g. the spread over seeds) and the
 * value printed above bars wide enough to hold it.
 *
 * <pre>{@code
 * new BarChart("Test accuracy", "accuracy", "clean", "noise 0.2")
 *     .series("dense", new double[] {0.889, 0.627}).series("sparse", new double[] {0.879, 0.708})
 *     .write(Path.of("compare.png"));
 * }</pre>
 */
public final class BarChart extends Chart<BarChart> {
    private record Series(String name, double[] values, double[] errors) {
    }

    private final String yLabel;
    private final List<String> categories;
    private final List<Series> series = new ArrayList<>();
    private double yLo = Double.NaN;
    private double yHi = Double.NaN;

    public BarChart(String title, String yLabel, String... categories) {
        super(title);
        if (categories.length == 0) {
            throw new IllegalArgumentException("bar chart '" + title + "' needs at least one category");
        }
        this.yLabel = yLabel;
        this.categories = List.of(categories);
    }

    /** Adds a series with one value per category. */
    public BarChart series(String name, double[] values) {
        return series(name, values, new double[values.length]);
    }

    /** Adds a series with one value and one non-negative error (drawn as ± bar) per category. */
    public BarChart series(String name, double[] values, double[] errors) {
        if (values.length != categories.size() || errors.length != categories.size()) {
            throw new IllegalArgumentException("series '" + name + "' has " + values.length + " values and "
                    + errors.length + " errors for " + categories.size() + " categories " + categories);
        }
        checkFinite("series '" + name + "' values", values);
        checkFinite("series '" + name + "' errors", errors);
        for (int i = 0; i < errors.length; i++) {
            if (errors[i] < 0) {
                throw new IllegalArgumentException("series '" + name + "' has negative error " + errors[i]
                        + " at index " + i);
            }
        }
        series.add(new Series(name, values.clone(), errors.clone()));
        return this;
    }

    /** Fixes the y axis instead of fitting it to the data (which always includes 0). */
    public BarChart yRange(double lo, double hi) {
        if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("y range [" + lo + ", " + hi + "] must be finite with lo < hi");
        }
        yLo = lo;
        yHi = hi;
        return this;
    }

    Axes layout(Canvas c) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("bar chart '" + title + "' has no series");
        }
        double lo = 0;
        double hi = 0;
        for (Series s : series) {
            for (int i = 0; i < s.values.length; i++) {
                lo = Math.min(lo, s.values[i] - s.errors[i]);
                hi = Math.max(hi, s.values[i] + s.errors[i]);
            }
        }
        Ticks yt = Double.isNaN(yLo) ? Ticks.nice(lo, hi, 6) : new Ticks(yLo, yHi, Ticks.nice(yLo, yHi, 6).step());
        int legend = Legend.width(c, series.stream().map(Series::name).toList());
        Rectangle area = new Rectangle(90, 55, c.width - 90 - Math.max(25, legend), c.height - 55 - 75);
        return new Axes(area, new Ticks(0, categories.size(), 1), yt);
    }

    /** The bar of {@code series} {@code k} in category {@code j}, in pixels. */
    Rectangle2D bar(Axes axes, int j, int k) {
        double groupWidth = 0.8 / series.size();
        double left = axes.px(j + 0.1 + k * groupWidth);
        double right = axes.px(j + 0.1 + (k + 1) * groupWidth);
        double v = series.get(k).values[j];
        double base = axes.py(Math.max(axes.y.min(), Math.min(0, axes.y.max())));
        double top = axes.py(v);
        return new Rectangle2D.Double(left + 1, Math.min(top, base), right - left - 2, Math.abs(base - top));
    }

    @Override
    public BufferedImage render() {
        Canvas c = new Canvas(width, height);
        Axes axes = layout(c);
        axes.draw(c, "", yLabel, false);
        c.title(title);
        int labelY = axes.area.y + axes.area.height + 8 + c.lineHeight(Canvas.LABEL) - 3;
        for (int j = 0; j < categories.size(); j++) {
            c.text(categories.get(j), Canvas.LABEL, Canvas.TEXT, axes.px(j + 0.5), labelY, Canvas.Align.CENTER);
        }
        Shape clip = c.g.getClip();
        c.g.setClip(axes.area);
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            for (int j = 0; j < categories.size(); j++) {
                Rectangle2D r = bar(axes, j, k);
                c.g.setColor(Palette.color(k));
                c.g.fill(r);
                double cx = r.getCenterX();
                if (s.errors[j] > 0) {
                    c.g.setColor(Canvas.TEXT);
                    c.g.setStroke(new BasicStroke(1.5f));
                    double y0 = axes.py(s.values[j] - s.errors[j]);
                    double y1 = axes.py(s.values[j] + s.errors[j]);
                    c.g.draw(new Line2D.Double(cx, y0, cx, y1));
                    c.g.draw(new Line2D.Double(cx - 5, y0, cx + 5, y0));
                    c.g.draw(new Line2D.Double(cx - 5, y1, cx + 5, y1));
                }
                String label = String.format(Locale.ROOT, "%.3g", s.values[j]);
                if (r.getWidth() >= c.textWidth(Canvas.TICK, label) + 4) {
                    double above = axes.py(s.values[j] + s.errors[j]) - 6;
                    boolean fits = above >= axes.area.y + 14;
                    // no room above the bar: print inside its top, in white
                    c.text(label, Canvas.TICK, fits ? Canvas.TEXT : Color.WHITE, cx, fits ? above : r.getY() + 18,
                            Canvas.Align.CENTER);
                }
            }
        }
        c.g.setClip(clip);
        Legend.draw(c, axes.area, series.stream().map(Series::name).toList(), true);
        return c.finish();
    }

    /** Writes the data as CSV ({@code category,series,value,error}). */
    public Path writeCsv(Path csv) throws IOException {
        CsvWriter w = new CsvWriter("category", "series", "value", "error");
        for (int j = 0; j < categories.size(); j++) {
            for (Series s : series) {
                w.row(categories.get(j), s.name, s.values[j], s.errors[j]);
            }
        }
        return w.write(csv);
    }
}
