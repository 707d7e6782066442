package org.thousandbrains.plot;

import java.util.Locale;

/**
 * "Nice" axis ticks (Heckbert, Graphics Gems 1990): a step of 1, 2 or 5 × 10^k and bounds that
 * are multiples of it, enclosing the data range with about {@code target} ticks.
 */
record Ticks(double min, double max, double step) {
    static Ticks nice(double lo, double hi, int target) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) {
            throw new IllegalArgumentException("axis range [" + lo + ", " + hi + "] is not a finite interval");
        }
        if (lo == hi) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        double step = niceNumber(niceNumber(hi - lo, false) / Math.max(1, target - 1), true);
        double min = Math.floor(lo / step + 1e-9) * step;
        double max = Math.ceil(hi / step - 1e-9) * step;
        return new Ticks(min, max, step);
    }

    /** The nice number nearest to (round) or not below (ceiling) {@code x}. */
    static double niceNumber(double x, boolean round) {
        double exp = Math.floor(Math.log10(x));
        double f = x / Math.pow(10, exp);
        double nf;
        if (round) {
            nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        } else {
            nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        }
        return nf * Math.pow(10, exp);
    }

    /** The tick positions from {@code min} to {@code max}. */
    double[] values() {
        int n = (int) Math.round((max - min) / step) + 1;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = min + i * step;
            if (Math.abs(v[i]) < step * 1e-9) {
                v[i] = 0;
            }
        }
        return v;
    }

    /** A label with as many decimals as the step needs (scientific for very large or small steps). */
    String label(double v) {
        if (step >= 1e6 || step < 1e-4) {
            return String.format(Locale.ROOT, "%.2g", v);
        }
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
