package org.thousandbrains.graph.graphml;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A reusable copy of some ASCII bytes, read as characters: a value's text kept without a String. */
final class AsciiChars implements CharSequence {
    private byte[] bytes = new byte[64];
    private int length;

    /** Holds a copy of {@code b[from, to)} (ASCII). */
    void set(byte[] b, int from, int to) {
        int n = to - from;
        if (n > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(n, 2 * bytes.length));
        System.arraycopy(b, from, bytes, 0, n);
        length = n;
    }

    void clear() {
        length = 0;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        return (char) bytes[index];
    }

    @Override
    public CharSequence subSequence(int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }
}
