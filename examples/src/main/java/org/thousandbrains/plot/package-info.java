/**
 * PNG charts drawn with Java2D (headless, no native plotting library), each written atomically
 * (temporary file, then rename), default 900×600, with CSV tables of the same data beside them.
 *
 * <ul>
 *   <li>{@link org.thousandbrains.plot.LineChart}: named series with ticks, labels and legend — learning
 *       curves, noise-robustness curves.</li>
 *   <li>{@link org.thousandbrains.plot.Histogram}: several histogram panels in one image — weights, delays,
 *       leaks.</li>
 *   <li>{@link org.thousandbrains.plot.Raster}: firing raster, step × node.</li>
 *   <li>{@link org.thousandbrains.plot.ImageGrid}: a grid of dataset samples, clean or corrupted.</li>
 *   <li>{@link org.thousandbrains.plot.BarChart}: grouped bars with optional error bars — model comparison.</li>
 *   <li>{@link org.thousandbrains.plot.CsvWriter}: a small RFC 4180 table.</li>
 * </ul>
 * Bad input (no data, NaN or infinite values, mismatched lengths) is refused with an
 * {@link java.lang.IllegalArgumentException} naming the series and index.
 */
package org.thousandbrains.plot;
