package org.thousandbrains.graph.graphml;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Parses GraphML literal values: surrounding whitespace is ignored, booleans are
 * case-insensitive ({@code true/false/1/0}), integers may be written as integral decimals
 * ({@code 339.0}), doubles follow the XML Schema lexical form (also {@code nan}, {@code inf},
 * {@code INF} as written by NetworkX and Java, and C99 hexadecimal floats such as
 * {@code 0x1.8p+1}, which graph-tool writes to keep values exact). Errors are {@link IllegalArgumentException}s
 * with a short description for the caller to place.
 */
final class Values {
    private Values() {
    }

    static double parseDouble(String raw) {
        String t = raw.trim();
        double fast = FastDecimal.parse(t);
        if (!Double.isNaN(fast)) return fast;
        if (isDecimal(t) || isHexFloat(t)) return Double.parseDouble(t);
        switch (t.toLowerCase(Locale.ROOT)) {
            case "nan": case "+nan": case "-nan": return Double.NaN;
            case "inf": case "+inf": case "infinity": case "+infinity": return Double.POSITIVE_INFINITY;
            case "-inf": case "-infinity": return Double.NEGATIVE_INFINITY;
            default: throw new IllegalArgumentException(describe(raw) + " is not a number");
        }
    }

    static long parseInteger(String raw, boolean intRange) {
        String t = raw.trim();
        long v;
        try {
            v = Long.parseLong(t);
        } catch (NumberFormatException e) {
            if (!isDecimal(t)) throw new IllegalArgumentException(describe(raw) + " is not an integer");
            BigDecimal d = new BigDecimal(t);
            if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
                throw new IllegalArgumentException(describe(raw) + " is not an integer");
            }
            try {
                v = d.longValueExact();
            } catch (ArithmeticException ae) {
                throw new IllegalArgumentException(describe(raw) + " is out of the long range");
            }
        }
        if (intRange && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException(describe(raw) + " is out of the int range");
        }
        return v;
    }

    static boolean parseBoolean(String raw) {
        switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true": case "1": return true;
            case "false": case "0": return false;
            default: throw new IllegalArgumentException(describe(raw) + " is not a boolean (true, false, 1 or 0)");
        }
    }

    /** A finite double, e.g. a synapse weight. */
    static double parseFinite(String raw, String what) {
        double v = parseDouble(raw);
        if (!Double.isFinite(v)) throw new IllegalArgumentException(what + " must be finite, got " + describe(raw));
        return v;
    }

    /** Checks a value against a declared attr.type; unknown types accept any text. */
    static void check(ValueType type, String raw) {
        switch (type) {
            case BOOLEAN: parseBoolean(raw); break;
            case INT: parseInteger(raw, true); break;
            case LONG: parseInteger(raw, false); break;
            case FLOAT: case DOUBLE: parseDouble(raw); break;
            default: break;
        }
    }

    /** Quotes a value for an error message, shortened to 40 characters. */
    static String describe(String raw) {
        String s = raw.length() > 40 ? raw.substring(0, 37) + "..." : raw;
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < ' ' ? ' ' : c);
        }
        return sb.append('\'').toString();
    }

    /** {@code [+-]? (digits [. digits*] | . digits) ([eE][+-]?digits)?} */
    static boolean isDecimal(String t) {
        int n = t.length();
        int i = 0;
        if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) i++;
        int intDigits = 0;
        while (i < n && isDigit(t.charAt(i))) { i++; intDigits++; }
        int fracDigits = 0;
        if (i < n && t.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(t.charAt(i))) { i++; fracDigits++; }
        }
        if (intDigits + fracDigits == 0) return false;
        if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) i++;
            int expDigits = 0;
            while (i < n && isDigit(t.charAt(i))) { i++; expDigits++; }
            if (expDigits == 0) return false;
        }
        return i == n;
    }

    /** {@code [+-]? 0x hexdigits [. hexdigits*] p [+-]? digits}, the form of C's %a. */
    static boolean isHexFloat(String t) {
        int n = t.length();
        int i = 0;
        if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) i++;
        if (i + 1 >= n || t.charAt(i) != '0' || (t.charAt(i + 1) != 'x' && t.charAt(i + 1) != 'X')) return false;
        i += 2;
        int digits = 0;
        while (i < n && Character.digit(t.charAt(i), 16) >= 0) { i++; digits++; }
        if (i < n && t.charAt(i) == '.') {
            i++;
            while (i < n && Character.digit(t.charAt(i), 16) >= 0) { i++; digits++; }
        }
        if (digits == 0 || i >= n || (t.charAt(i) != 'p' && t.charAt(i) != 'P')) return false;
        i++;
        if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) i++;
        int expDigits = 0;
        while (i < n && isDigit(t.charAt(i))) { i++; expDigits++; }
        return expDigits > 0 && i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
