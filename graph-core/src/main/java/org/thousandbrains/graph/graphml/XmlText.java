package org.thousandbrains.graph.graphml;

import java.io.IOException;
import java.io.Writer;

/**
 * Escapes text for XML 1.0 so that a parser gives back exactly the same characters: markup
 * characters become entities, and carriage returns (and in attributes tabs and newlines,
 * which attribute normalization would turn into spaces) become character references.
 * Characters XML 1.0 cannot carry at all are refused.
 */
final class XmlText {
    private XmlText() {
    }

    static void text(Writer w, String s, String what) throws IOException {
        escape(w, s, false, what);
    }

    static void attribute(Writer w, String s, String what) throws IOException {
        escape(w, s, true, what);
    }

    private static void escape(Writer w, String s, boolean attr, String what) throws IOException {
        int n = s.length();
        int start = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String rep = null;
            switch (c) {
                case '&': rep = "&amp;"; break;
                case '<': rep = "&lt;"; break;
                case '>': rep = "&gt;"; break;
                case '"': if (attr) rep = "&quot;"; break;
                case '\r': rep = "&#13;"; break;
                case '\n': if (attr) rep = "&#10;"; break;
                case '\t': if (attr) rep = "&#9;"; break;
                default:
                    if (!allowed(s, i, c)) {
                        throw new IllegalArgumentException(what + " holds character U+" + String.format("%04X", (int) c)
                                + ", which XML 1.0 cannot represent");
                    }
            }
            if (rep != null) {
                w.write(s, start, i - start);
                w.write(rep);
                start = i + 1;
            }
        }
        w.write(s, start, n - start);
    }

    private static boolean allowed(String s, int i, char c) {
        if (c < 0x20) return c == '\t' || c == '\n' || c == '\r';
        if (c == 0xFFFE || c == 0xFFFF) return false;
        if (Character.isHighSurrogate(c)) return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        if (Character.isLowSurrogate(c)) return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
        return true;
    }
}
