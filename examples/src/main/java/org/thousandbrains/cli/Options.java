package org.thousandbrains.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} and {@code --flag} options of one command; unknown options, missing values and
 * malformed numbers become a {@link CliException} naming the option.
 */
final class Options {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, List<String>> repeated = new LinkedHashMap<>();

    private Options() {
    }

    /** Parses {@code args}; {@code valued} options take a value, {@code flags} do not. */
    static Options parse(String[] args, Set<String> valued, Set<String> flags, String usage) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length) throw new CliException(name + " needs a value (" + usage + ")");
                    value = args[++i];
                }
                o.values.put(name, value);
                o.repeated.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else if (flags.contains(name) && value == null) {
                o.values.put(name, "");
            } else {
                throw new CliException("unknown option '" + a + "' (" + usage + ")");
            }
        }
        return o;
    }

    boolean has(String name) { return values.containsKey(name); }

    String get(String name, String fallback) { return values.getOrDefault(name, fallback); }

    /** Every value of a valued option given more than once (e.g. {@code --map}), in order; empty when absent. */
    List<String> all(String name) { return List.copyOf(repeated.getOrDefault(name, List.of())); }

    int positiveInt(String name, int fallback) {
        if (!has(name)) return fallback;
        try {
            int v = Integer.parseInt(values.get(name).trim());
            if (v < 1) throw new CliException(name + " must be >= 1, got " + v);
            return v;
        } catch (NumberFormatException e) {
            throw new CliException(name + " expects a whole number, got '" + values.get(name) + "'");
        }
    }

    long integer(String name, long fallback) {
        if (!has(name)) return fallback;
        try {
            return Long.parseLong(values.get(name).trim());
        } catch (NumberFormatException e) {
            throw new CliException(name + " expects a whole number, got '" + values.get(name) + "'");
        }
    }

    double positiveDouble(String name, double fallback) {
        if (!has(name)) return fallback;
        double v = number(name, values.get(name));
        if (!(v > 0) || Double.isInfinite(v)) throw new CliException(name + " must be a positive number, got " + values.get(name));
        return v;
    }

    /** A comma list of positive whole numbers, e.g. {@code 512,512}. */
    int[] sizes(String name, int[] fallback) {
        if (!has(name)) return fallback;
        String[] parts = values.get(name).split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new CliException(name + " expects sizes like 512,512, got '" + values.get(name) + "'");
            }
            if (out[i] < 1) throw new CliException(name + ": layer sizes must be >= 1, got " + out[i]);
        }
        return out;
    }

    /** A comma list of fractions in [0, 1], e.g. noise levels. */
    double[] fractions(String name, double[] fallback) {
        if (!has(name)) return fallback;
        List<Double> out = new ArrayList<>();
        for (String p : values.get(name).split(",")) {
            double v = number(name, p);
            if (!(v >= 0 && v <= 1)) throw new CliException(name + ": levels must lie in [0, 1], got " + p.trim());
            out.add(v);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double number(String name, String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new CliException(name + " expects a number, got '" + s.trim() + "'");
        }
    }
}
