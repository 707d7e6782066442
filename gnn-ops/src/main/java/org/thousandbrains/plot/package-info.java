/**
 * Charts drawn by XChart into images (AWT headless, no display needed): each chart builder can be
 * {@code render()}ed to a {@link java.awt.image.BufferedImage} (a notebook cell shows it), handed
 * over as its XChart chart ({@code xchart()}) to restyle, or written atomically as a PNG
 * (temporary file, then rename, {@link org.thousandbrains.graph.io.AtomicFile}); default 900×600.
 *
 * <ul>
 *   <li>{@link org.thousandbrains.plot.LineChart}: named series with ticks, axis titles and legend — learning
 *       curves, noise-robustness curves.</li>
 *   <li>{@link org.thousandbrains.plot.BarChart}: grouped bars with optional error bars — model comparison.</li>
 *   <li>{@link org.thousandbrains.plot.Histogram}: several histogram panels in one image — weights, delays,
 *       leaks.</li>
 *   <li>{@link org.thousandbrains.plot.Raster}: firing raster, one row per node, one column per step of each
 *       sample.</li>
 *   <li>{@link org.thousandbrains.plot.ChartGrid}: several charts composed into one image under a common
 *       title.</li>
 *   <li>{@link org.thousandbrains.plot.CsvWriter}: a small RFC 4180 table, for the data beside a plot.</li>
 * </ul>
 * Bad input (no data, NaN or infinite values, mismatched lengths, a repeated series name) is refused
 * with an {@link java.lang.IllegalArgumentException} naming the series and index; nothing is
 * silently skipped.
 */
package org.thousandbrains.plot;
