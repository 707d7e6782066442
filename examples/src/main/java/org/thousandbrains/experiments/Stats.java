package org.thousandbrains.experiments;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One figure over the seeds of an experiment: mean, sample standard deviation (0 for one seed) and the values. */
record Stats(double mean, double std, double[] values) {
    static Stats of(double[] values) {
        if (values.length == 0) throw new IllegalArgumentException("no values");
        double mean = 0;
        for (double v : values) mean += v;
        mean /= values.length;
        double ss = 0;
        for (double v : values) ss += (v - mean) * (v - mean);
        double std = values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : 0;
        return new Stats(mean, std, values.clone());
    }

    /** The figure {@code f} of each run. */
    static <R> Stats over(java.util.List<R> runs, java.util.function.ToDoubleFunction<R> f) {
        return of(runs.stream().mapToDouble(f).toArray());
    }

    /** Per seed, {@code f} of {@code a}'s run minus {@code f} of {@code b}'s (the lists paired by seed, in the same order). */
    static <R> Stats paired(java.util.List<R> a, java.util.List<R> b, java.util.function.ToDoubleFunction<R> f) {
        if (a.size() != b.size()) throw new IllegalArgumentException(a.size() + " runs paired with " + b.size());
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) d[i] = f.applyAsDouble(a.get(i)) - f.applyAsDouble(b.get(i));
        return of(d);
    }

    /** {@code {"mean": .., "std": .., "values": [..]}}. */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", mean);
        m.put("std", std);
        m.put("values", values.clone());
        return m;
    }

    /** {@code mean ± std} with {@code digits} decimals. */
    String format(int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f ± %." + digits + "f", mean, std);
    }

    /**
     * Verdict on paired differences (one value per seed, first minus second): consistent only when every
     * seed has the same sign and the mean exceeds the spread over seeds.
     */
    String pairedVerdict() {
        if (values.length < 2) return "one seed: no verdict";
        boolean sameSign = java.util.Arrays.stream(values).allMatch(x -> x > 0) || java.util.Arrays.stream(values).allMatch(x -> x < 0);
        return sameSign && Math.abs(mean) > std ? (mean > 0 ? "consistently better" : "consistently worse")
                : "no consistent difference";
    }
}
