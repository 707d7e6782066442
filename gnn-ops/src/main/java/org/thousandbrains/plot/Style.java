package org.thousandbrains.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** The look shared by every chart (white background, light grid, legend outside on the right) and the image step. */
final class Style {
    static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    static final Color BORDER = new Color(0x99, 0x99, 0x99);
    /** Opaque series colours (matplotlib's "tab10"), so that a series' pixels have exactly its colour. */
    static final Color[] SERIES = {
        new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0xD62728), new Color(0x9467BD),
        new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F), new Color(0xBCBD22), new Color(0x17BECF),
    };

    private Style() {
    }

    /** Applies the shared look; the legend is shown when there is more than one series. */
    static void apply(AxesChartStyler s, boolean legend) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(BORDER);
        s.setPlotGridLinesColor(GRID);
        s.setSeriesColors(SERIES);
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendVisible(legend);
        s.setAxisTitlePadding(8);
        s.setChartPadding(12);
        s.setAntiAlias(true);
    }

    /** The chart drawn into an image of its size. */
    static BufferedImage image(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }
}
