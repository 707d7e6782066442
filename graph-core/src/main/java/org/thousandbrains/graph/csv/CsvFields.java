package org.thousandbrains.graph.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into fields and quotes fields for writing (RFC 4180 quoting within a
 * line: {@code "a,b"}, {@code "say ""hi"""}). Unquoted fields are trimmed; quoted ones are kept
 * exactly. Line breaks inside fields are not supported.
 */
final class CsvFields {
    private CsvFields() {
    }

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (true) {
            int start = i;
            while (i < n && line.charAt(i) == ' ') i++;
            if (i < n && line.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) throw new IllegalArgumentException("unterminated quoted field starting at column " + (start + 1));
                    char c = line.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && line.charAt(i + 1) == '"') {
                            sb.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    sb.append(c);
                    i++;
                }
                while (i < n && line.charAt(i) == ' ') i++;
                out.add(sb.toString());
                if (i == n) return out;
                if (line.charAt(i) != ',') {
                    throw new IllegalArgumentException("unexpected '" + line.charAt(i) + "' after a quoted field at column " + (i + 1));
                }
                i++;
            } else {
                int j = line.indexOf(',', start);
                if (j < 0) j = n;
                String f = line.substring(start, j).trim();
                if (f.indexOf('"') >= 0) throw new IllegalArgumentException("quote inside an unquoted field at column " + (start + 1));
                out.add(f);
                if (j == n) return out;
                i = j + 1;
            }
        }
    }

    /** The field as written: quoted when it holds a comma, a quote or surrounding spaces, or is empty. */
    static String quote(String s) {
        if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("'" + s.replace('\n', ' ').replace('\r', ' ') + "' holds a line break, which an edge-list CSV cannot carry");
        }
        boolean needs = s.isEmpty() || s.indexOf(',') >= 0 || s.indexOf('"') >= 0
                || s.charAt(0) <= ' ' || s.charAt(s.length() - 1) <= ' ';
        if (!needs) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
