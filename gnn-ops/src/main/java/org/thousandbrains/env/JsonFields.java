package org.thousandbrains.env;

import java.util.List;
import java.util.Map;

/** Typed reads of the fields of a parsed JSON object; errors name the field (dotted path) and what was expected. */
final class JsonFields {
    private final Map<?, ?> m;
    private final String prefix;

    JsonFields(Map<?, ?> m, String prefix) {
        this.m = m;
        this.prefix = prefix;
    }

    private Object get(String key) {
        if (!m.containsKey(key)) throw error(key, "is missing");
        return m.get(key);
    }

    IllegalArgumentException error(String key, String what) {
        return new IllegalArgumentException("field '" + prefix + key + "' " + what);
    }

    JsonFields object(String key) {
        Object o = get(key);
        if (!(o instanceof Map)) throw error(key, "is not an object");
        return new JsonFields((Map<?, ?>) o, prefix + key + ".");
    }

    String string(String key) {
        Object o = get(key);
        if (!(o instanceof String)) throw error(key, "is not a string");
        return (String) o;
    }

    double number(String key) {
        Object o = get(key);
        if (!(o instanceof Double)) throw error(key, "is not a number");
        return (Double) o;
    }

    int integer(String key) {
        double v = number(key);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) throw error(key, "is not an integer: " + v);
        return (int) v;
    }

    boolean bool(String key) {
        Object o = get(key);
        if (!(o instanceof Boolean)) throw error(key, "is not a boolean");
        return (Boolean) o;
    }

    /** The array {@code key}, which must have {@code length} entries ({@code -1}: any non-empty length). */
    List<?> list(String key, int length) {
        Object o = get(key);
        if (!(o instanceof List)) throw error(key, "is not an array");
        List<?> l = (List<?>) o;
        if (length >= 0 && l.size() != length) throw error(key, "has " + l.size() + " entries, expected " + length);
        if (length < 0 && l.isEmpty()) throw error(key, "is empty");
        return l;
    }

    double[] numbers(String key, int length) {
        return numbers(list(key, length), key);
    }

    double[] numbers(List<?> l, String key) {
        double[] d = new double[l.size()];
        for (int i = 0; i < d.length; i++) {
            if (!(l.get(i) instanceof Double)) throw error(key + "[" + i + "]", "is not a number: " + l.get(i));
            d[i] = (Double) l.get(i);
        }
        return d;
    }

    boolean[] bools(String key, int length) {
        List<?> l = list(key, length);
        boolean[] b = new boolean[l.size()];
        for (int i = 0; i < b.length; i++) {
            if (!(l.get(i) instanceof Boolean)) throw error(key + "[" + i + "]", "is not a boolean: " + l.get(i));
            b[i] = (Boolean) l.get(i);
        }
        return b;
    }

    /** A {@code rows × cols} array of arrays of numbers. */
    double[][] matrix(String key, int rows, int cols) {
        List<?> l = list(key, rows);
        double[][] out = new double[rows][];
        for (int r = 0; r < rows; r++) {
            if (!(l.get(r) instanceof List)) throw error(key + "[" + r + "]", "is not an array");
            List<?> row = (List<?>) l.get(r);
            if (row.size() != cols) throw error(key + "[" + r + "]", "has " + row.size() + " entries, expected " + cols);
            out[r] = numbers(row, key + "[" + r + "]");
        }
        return out;
    }
}
