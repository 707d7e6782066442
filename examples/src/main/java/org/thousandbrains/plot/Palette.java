package org.thousandbrains.plot;

import java.awt.Color;

/** Series colours: the Okabe–Ito colour-blind-safe set (without black and yellow), then tab10 brown. */
final class Palette {
    private static final Color[] COLORS = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xE69F00),
        new Color(0xCC79A7), new Color(0x56B4E9), new Color(0x8C564B),
    };

    private Palette() {
    }

    static Color color(int i) {
        return COLORS[i % COLORS.length];
    }
}
