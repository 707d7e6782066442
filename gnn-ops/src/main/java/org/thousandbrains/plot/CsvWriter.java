package org.thousandbrains.plot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.thousandbrains.graph.io.AtomicFile;

/**
 * A small table written as RFC 4180 CSV (comma separated, fields with commas, quotes or line
 * breaks quoted, quotes doubled; {@code \n} line ends; UTF-8), atomically. Numbers are written in
 * Java's shortest round-trip form.
 */
public final class CsvWriter {
    private final List<String> header;
    private final List<String[]> rows = new ArrayList<>();

    public CsvWriter(String... header) {
        if (header.length == 0) {
            throw new IllegalArgumentException("a CSV table needs at least one column");
        }
        this.header = List.of(header);
    }

    /** Appends a row; it must have one value per column. */
    public CsvWriter row(Object... values) {
        if (values.length != header.size()) {
            throw new IllegalArgumentException("row " + (rows.size() + 1) + " has " + values.length
                    + " values but the header " + header + " has " + header.size() + " columns");
        }
        String[] cells = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            cells[i] = String.valueOf(values[i]);
        }
        rows.add(cells);
        return this;
    }

    /** Number of data rows. */
    public int size() {
        return rows.size();
    }

    /** The whole table as CSV text. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        line(sb, header.toArray(new String[0]));
        for (String[] r : rows) {
            line(sb, r);
        }
        return sb.toString();
    }

    /** Writes the table atomically (temporary file, then rename); creates missing folders. */
    public Path write(Path csv) throws IOException {
        byte[] bytes = toString().getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(csv, out -> out.write(bytes));
        return csv;
    }

    private static void line(StringBuilder sb, String[] cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(quote(cells[i]));
        }
        sb.append('\n');
    }

    static String quote(String s) {
        boolean needs = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
