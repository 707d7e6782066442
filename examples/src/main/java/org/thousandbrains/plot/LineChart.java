package org.thousandbrains.plot;

import java.awt.BasicStroke;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Named series of (x, y) points joined by lines — learning curves (accuracy per epoch) and noise
 * curves (accuracy per noise fraction) — with ticks, axis labels, a legend and a title.
 *
 * <pre>{@code
 * new LineChart("Fashion-MNIST", "epoch", "test accuracy")
 *     .series("dense", dense).series("sparse", sparse).yRange(0, 1).write(Path.of("curve.png"));
 * }</pre>
 */
public final class LineChart extends Chart<LineChart> {
    /** Series with at most this many points also get a dot per point. */
    static final int MARKER_LIMIT = 60;

    private record Series(String name, double[] x, double[] y) {
    }

    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private double yLo = Double.NaN;
    private double yHi = Double.NaN;

    public LineChart(String title, String xLabel, String yLabel) {
        super(title);
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Adds a series; {@code x} and {@code y} must have the same, non-zero length and be finite. */
    public LineChart series(String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values but "
                    + y.length + " y values");
        }
        if (y.length == 0) {
            throw new IllegalArgumentException("series '" + name + "' is empty");
        }
        checkFinite("series '" + name + "' x", x);
        checkFinite("series '" + name + "' y", y);
        series.add(new Series(name, x.clone(), y.clone()));
        return this;
    }

    /** Adds a series at x = 1, 2, …, n (epochs). */
    public LineChart series(String name, double[] y) {
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        return series(name, x, y);
    }

    /** Fixes the y axis (e.g. 0..1 for accuracies) instead of fitting it to the data. */
    public LineChart yRange(double lo, double hi) {
        if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("y range [" + lo + ", " + hi + "] must be finite with lo < hi");
        }
        yLo = lo;
        yHi = hi;
        return this;
    }

    /** Plot area and scales for this chart on {@code c}. */
    Axes layout(Canvas c) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("line chart '" + title + "' has no series");
        }
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                xMin = Math.min(xMin, s.x[i]);
                xMax = Math.max(xMax, s.x[i]);
                yMin = Math.min(yMin, s.y[i]);
                yMax = Math.max(yMax, s.y[i]);
            }
        }
        Ticks yt = Double.isNaN(yLo) ? Ticks.nice(yMin, yMax, 6) : Ticks.nice(yLo, yHi, 6);
        if (!Double.isNaN(yLo)) {
            yt = new Ticks(yLo, yHi, yt.step());
        }
        int legend = Legend.width(c, names());
        Rectangle area = new Rectangle(90, 55, c.width - 90 - Math.max(25, legend), c.height - 55 - 75);
        return new Axes(area, Ticks.nice(xMin, xMax, 8), yt);
    }

    @Override
    public BufferedImage render() {
        Canvas c = new Canvas(width, height);
        Axes axes = layout(c);
        axes.draw(c, xLabel, yLabel, true);
        c.title(title);
        Shape clip = c.g.getClip();
        c.g.setClip(axes.area.x - 4, axes.area.y - 4, axes.area.width + 9, axes.area.height + 9);
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            c.g.setColor(Palette.color(k));
            c.g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D.Double line = new Path2D.Double();
            for (int i = 0; i < s.x.length; i++) {
                double px = axes.px(s.x[i]);
                double py = axes.py(s.y[i]);
                if (i == 0) {
                    line.moveTo(px, py);
                } else {
                    line.lineTo(px, py);
                }
            }
            c.g.draw(line);
            if (s.x.length <= MARKER_LIMIT) {
                for (int i = 0; i < s.x.length; i++) {
                    c.g.fill(new Ellipse2D.Double(axes.px(s.x[i]) - 4, axes.py(s.y[i]) - 4, 8, 8));
                }
            }
        }
        c.g.setClip(clip);
        Legend.draw(c, axes.area, names(), false);
        return c.finish();
    }

    /** Writes the data as CSV ({@code series,x,y}, one row per point). */
    public Path writeCsv(Path csv) throws IOException {
        CsvWriter w = new CsvWriter("series", "x", "y");
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                w.row(s.name, s.x[i], s.y[i]);
            }
        }
        return w.write(csv);
    }

    private List<String> names() {
        return series.stream().map(Series::name).toList();
    }
}
