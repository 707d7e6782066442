package org.thousandbrains.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A firing raster: one row per node (node 0 at the bottom), one column per time step, the steps
 * of consecutive samples side by side, and a square mark where the node fired. Column {@code c}
 * and row {@code n} are centred on x = c and y = n. With {@link #stepsPerSample} a thin vertical
 * line separates the samples. Drawn by XChart as a scatter series holding exactly the fired
 * cells; a raster where nothing fired shows empty axes.
 *
 * <pre>{@code
 * new Raster("Layer 1 spikes", "sample x step", "node").fired(masks).stepsPerSample(T).write(Path.of("raster.png"));
 * }</pre>
 */
public final class Raster extends Chart<Raster> {
    /** Name of the scatter series of the fired cells. */
    public static final String SERIES = "fired";
    /** Largest mark side in pixels; smaller cells get marks of 80% of the cell (at least 2 px). */
    static final int MAX_MARK = 10;
    static final Color MARK = Style.SERIES[0];
    static final Color SEPARATOR = new Color(0xBB, 0xBB, 0xBB);

    private final String xLabel;
    private final String yLabel;
    private boolean[][] fired;
    private int stepsPerSample;

    public Raster(String title, String xLabel, String yLabel) {
        super(title);
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Firing as {@code fired[column][node]} (column = sample·T + step); all rows of the same, non-zero length. */
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
        if (steps <= 0 || nodes <= 0 || (long) steps * nodes != mask.length) {
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

    /** Marks the sample boundaries: every {@code steps} columns are one sample (1, the default, draws no lines). */
    public Raster stepsPerSample(int steps) {
        if (steps <= 0) {
            throw new IllegalArgumentException("raster '" + title + "': steps per sample " + steps
                    + " must be positive");
        }
        stepsPerSample = steps;
        return this;
    }

    /** The XChart chart at this chart's size, to restyle or show in a notebook. */
    public XYChart xchart() {
        return xchart(width(), height());
    }

    XYChart xchart(int width, int height) {
        if (fired == null) {
            throw new IllegalArgumentException("raster '" + title + "' has no firing data");
        }
        int columns = fired.length;
        int nodes = fired[0].length;
        if (stepsPerSample > 1 && columns % stepsPerSample != 0) {
            throw new IllegalArgumentException("raster '" + title + "': " + columns + " columns are not whole samples of "
                    + stepsPerSample + " steps");
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        XYStyler st = chart.getStyler();
        Style.apply(st, false);
        st.setPlotGridLinesVisible(false);
        st.setXAxisMin(-0.5).setXAxisMax(columns - 0.5).setYAxisMin(-0.5).setYAxisMax(nodes - 0.5);
        // an estimate of the plot area (the chart less its titles, tick labels and padding) sizes the marks
        double cell = Math.min((width - 110.0) / columns, (height - 120.0) / nodes);
        st.setMarkerSize((int) Math.max(2, Math.min(MAX_MARK, Math.floor(cell * 0.8))));
        st.setAnnotationLineColor(SEPARATOR);
        for (int c = stepsPerSample; stepsPerSample > 1 && c < columns; c += stepsPerSample) {
            chart.addAnnotation(new AnnotationLine(c - 0.5, true, false));
        }
        List<Integer> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            for (int n = 0; n < nodes; n++) {
                if (fired[c][n]) {
                    xs.add(c);
                    ys.add(n);
                }
            }
        }
        // XChart needs a series to draw axes: nothing fired gives one invisible point, not listed as fired
        boolean none = xs.isEmpty();
        XYSeries s = none ? chart.addSeries(SERIES, new double[] {0}, new double[] {0})
                : chart.addSeries(SERIES, xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.SQUARE);
        s.setMarkerColor(MARK);
        s.setEnabled(!none);
        return chart;
    }

    @Override
    BufferedImage render(int width, int height) {
        return Style.image(xchart(width, height));
    }
}
