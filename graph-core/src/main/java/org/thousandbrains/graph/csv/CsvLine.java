package org.thousandbrains.graph.csv;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.thousandbrains.graph.graphml.FastDecimal;
import org.thousandbrains.graph.io.AsciiChars;

/**
 * The fields of one plain ASCII CSV line as byte ranges, split in place (no quotes: those lines go through
 * {@link CsvFields}); fields trimmed as {@link String#trim()} trims. Also the number parsing both paths share.
 */
final class CsvLine {
    private byte[] bytes;
    /** The line's bytes as characters for the number parser, absolute positions: a field is {@code chars[start, end)}. */
    private final AsciiChars chars = new AsciiChars();
    private int[] start = new int[8];
    private int[] end = new int[8];
    private int count;
    private boolean blank;

    /** Splits {@code b[from, to)}; false (nothing split) when the line holds a quote or a non-ASCII byte. */
    boolean splitAscii(byte[] b, int from, int to) {
        bytes = b;
        chars.view(b);
        count = 0;
        blank = true;
        int fieldStart = from;
        for (int i = from; i <= to; i++) {
            byte c = i < to ? b[i] : (byte) ',';
            if (c < 0 || c == '"') return false;
            if (i < to && !Character.isWhitespace(c)) blank = false;
            if (c != ',') continue;
            int s = fieldStart;
            int e = i;
            while (s < e && (b[s] & 0xff) <= ' ') s++;
            while (e > s && (b[e - 1] & 0xff) <= ' ') e--;
            if (count == start.length) {
                start = java.util.Arrays.copyOf(start, count * 2);
                end = java.util.Arrays.copyOf(end, count * 2);
            }
            start[count] = s;
            end[count++] = e;
            fieldStart = i + 1;
        }
        return true;
    }

    boolean blank() {
        return blank;
    }

    int count() {
        return count;
    }

    int start(int i) {
        return start[i];
    }

    int end(int i) {
        return end[i];
    }

    boolean empty(int i) {
        return start[i] == end[i];
    }

    List<String> strings() {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(new String(bytes, start[i], end[i] - start[i], StandardCharsets.ISO_8859_1));
        return out;
    }

    /** Field {@code col} as a number, {@code dflt} when the column is absent or the field empty. */
    double number(byte[] b, int col, String what, double dflt) {
        if (col < 0 || empty(col)) return dflt;
        double fast = FastDecimal.parse(chars, start[col], end[col]);
        if (!Double.isNaN(fast)) return fast;
        return parse(new String(b, start[col], end[col] - start[col], StandardCharsets.ISO_8859_1), what);
    }

    /** As {@link #number(byte[], int, String, double)} for fields split as strings. */
    static double number(List<String> f, int col, String what, double dflt) {
        if (col < 0 || f.get(col).isEmpty()) return dflt;
        String t = f.get(col).trim();
        double fast = FastDecimal.parse(t);
        return Double.isNaN(fast) ? parse(t, what) : fast;
    }

    /** A finite decimal as {@link Double#parseDouble} reads it (no trailing {@code d}/{@code f} suffix, no NaN or infinity). */
    private static double parse(String t, String what) {
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        double v;
        try {
            if (!(Character.isDigit(last) || last == '.')) throw new NumberFormatException();
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + t + "' is not a number");
        }
        if (!Double.isFinite(v)) throw new IllegalArgumentException(what + " '" + t + "' is not finite");
        return v;
    }
}
