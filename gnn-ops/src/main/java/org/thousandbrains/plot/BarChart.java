package org.thousandbrains.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;

/**
 * Grouped bars for comparing models: one group per category (a dataset, a noise level), one bar
 * per series (a model) in each group, optional ± error bars (e.g. the spread over seeds) and the
 * value printed on each bar, drawn by XChart; the legend is shown for more than one series.
 *
 * <pre>{@code
 * new BarChart("Test accuracy", "accuracy", "clean", "noise 0.2")
 *     .series("dense", new double[] {0.889, 0.627}).series("sparse", new double[] {0.879, 0.708})
 *     .write(Path.of("compare.png"));
 * }</pre>
 */
public final class BarChart extends Chart<BarChart> {
    /** Where a bar's value is printed, as a fraction of its height from the base: clear of the error bar at its top. */
    static final double LABEL_POSITION = 0.5;
    /** How a bar's value is printed. */
    static final String LABEL_PATTERN = "0.###";

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
        if (series.stream().anyMatch(s -> s.name.equals(name))) {
            throw new IllegalArgumentException("bar chart '" + title + "' already has a series '" + name + "'");
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

    /** The XChart chart at this chart's size, to restyle or show in a notebook. */
    public CategoryChart xchart() {
        return xchart(width(), height());
    }

    CategoryChart xchart(int width, int height) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("bar chart '" + title + "' has no series");
        }
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height).title(title).xAxisTitle("")
                .yAxisTitle(yLabel).build();
        CategoryStyler st = chart.getStyler();
        Style.apply(st, series.size() > 1);
        st.setXAxisTitleVisible(false);
        st.setPlotGridVerticalLinesVisible(false);
        st.setLabelsVisible(true);
        st.setLabelsPosition(LABEL_POSITION);
        st.setDecimalPattern(LABEL_PATTERN);
        st.setLabelsFontColorAutomaticEnabled(false);
        st.setLabelsFontColor(Color.DARK_GRAY);
        st.setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        st.setErrorBarsColor(Color.DARK_GRAY);
        if (!Double.isNaN(yLo)) {
            st.setYAxisMin(yLo).setYAxisMax(yHi);
        }
        for (Series s : series) {
            boolean errors = Arrays.stream(s.errors).anyMatch(e -> e > 0);
            chart.addSeries(s.name, categories, box(s.values), errors ? box(s.errors) : null);
        }
        return chart;
    }

    private static List<Double> box(double[] v) {
        return Arrays.stream(v).boxed().toList();
    }

    @Override
    BufferedImage render(int width, int height) {
        return Style.image(xchart(width, height));
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
