package org.thousandbrains.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One or more histograms in one image (e.g. weights, delays and leaks of a network side by side):
 * one XChart chart per panel, its bars drawn as a filled outline over a numeric axis, the panels
 * laid out in a near-square {@link ChartGrid} under the common title.
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

    /** One XChart chart per panel, in the order they were added, each of the given size. */
    List<XYChart> xcharts(int width, int height) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("histogram '" + title + "' has no panels");
        }
        List<XYChart> out = new ArrayList<>();
        for (Panel p : panels) {
            XYChart chart = new XYChartBuilder().width(width).height(height).title(p.name).xAxisTitle("")
                    .yAxisTitle("count").build();
            XYStyler st = chart.getStyler();
            Style.apply(st, false);
            st.setXAxisTitleVisible(false);
            st.setYAxisMin(0.0);
            st.setXAxisDecimalPattern("0.###");
            double[] range = axisRange(p.bins);
            st.setXAxisMin(range[0]).setXAxisMax(range[1]);
            st.setyAxisTickLabelsFormattingFunction(Histogram::countLabel);
            st.setChartTitleFont(st.getAxisTitleFont());
            XYSeries s = chart.addSeries(p.name, outlineX(p.bins), outlineY(p.bins));
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
            s.setMarker(SeriesMarkers.NONE);
            out.add(chart);
        }
        return out;
    }

    /**
     * The bins' range widened to whole tenths of its order of magnitude ([1.0000089, 1.999997] to [1, 2]):
     * XChart's ticks over a range with ragged ends come out too dense and run into each other.
     */
    static double[] axisRange(Bins b) {
        double step = Math.pow(10, Math.floor(Math.log10(b.max - b.min)) - 1);
        double lo = Math.floor(b.min / step) * step;
        double hi = Math.ceil(b.max / step) * step;
        return new double[] {lo, hi};
    }

    /** Label of a count tick: whole counts only (ticks between them stay unlabelled). */
    static String countLabel(double v) {
        return v == Math.rint(v) ? Long.toString(Math.round(v)) : "";
    }

    /** x of the bars' outline: up at each bin's lower edge, across to its upper edge, down after the last. */
    static double[] outlineX(Bins b) {
        int n = b.counts.length;
        double[] x = new double[2 * n + 2];
        x[0] = b.lower(0);
        for (int i = 0; i < n; i++) {
            x[1 + 2 * i] = b.lower(i);
            x[2 + 2 * i] = b.upper(i);
        }
        x[2 * n + 1] = b.max;
        return x;
    }

    /** y of the outline of {@link #outlineX}: 0, then each bin's count twice, then 0. */
    static double[] outlineY(Bins b) {
        int n = b.counts.length;
        double[] y = new double[2 * n + 2];
        for (int i = 0; i < n; i++) {
            y[1 + 2 * i] = b.counts[i];
            y[2 + 2 * i] = b.counts[i];
        }
        return y;
    }

    @Override
    BufferedImage render(int width, int height) {
        int n = panels.size();
        if (n == 0) {
            throw new IllegalArgumentException("histogram '" + title + "' has no panels");
        }
        int cols = (int) Math.ceil(Math.sqrt(n));
        ChartGrid.Cells cells = ChartGrid.cells(title, width, height, n, cols);
        List<XYChart> charts = xcharts(cells.width(), cells.height());
        return cells.compose(k -> Style.image(charts.get(k)));
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
