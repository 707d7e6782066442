package org.thousandbrains.plot;

import java.awt.BasicStroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Named series of (x, y) points joined by lines — learning curves (accuracy per epoch) and noise
 * curves (accuracy per noise fraction) — with ticks, axis titles, a legend (more than one series)
 * and a title, drawn by XChart.
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

    /**
     * Adds a series; {@code x} and {@code y} must have the same, non-zero length and be finite (NaN or
     * infinity is refused, naming the series and index), and the name must be new.
     */
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
        if (series.stream().anyMatch(s -> s.name.equals(name))) {
            throw new IllegalArgumentException("line chart '" + title + "' already has a series '" + name + "'");
        }
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

    /** The XChart chart at this chart's size, to restyle or show in a notebook. */
    public XYChart xchart() {
        return xchart(width(), height());
    }

    XYChart xchart(int width, int height) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("line chart '" + title + "' has no series");
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        Style.apply(chart.getStyler(), series.size() > 1);
        if (!Double.isNaN(yLo)) {
            chart.getStyler().setYAxisMin(yLo).setYAxisMax(yHi);
        }
        for (Series s : series) {
            XYSeries xy = chart.addSeries(s.name, s.x, s.y);
            xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            xy.setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            xy.setMarker(s.x.length <= MARKER_LIMIT ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        return chart;
    }

    @Override
    BufferedImage render(int width, int height) {
        return Style.image(xchart(width, height));
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
}
