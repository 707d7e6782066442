package org.thousandbrains.graph.io;

import java.nio.charset.StandardCharsets;

/**
 * ASCII bytes read as characters, without a String: a view of a reader's buffer ({@link #view}) or a copy of a few
 * of its bytes ({@link #copy}), reused from one value to the next. Readers hand it to the number parser.
 */
public final class AsciiChars implements CharSequence {
    private byte[] bytes = new byte[64];
    private int length;
    private boolean own = true;

    /** Reads {@code b[0, b.length)} in place; valid while the caller keeps those bytes. */
    public void view(byte[] b) {
        bytes = b;
        length = b.length;
        own = false;
    }

    /** Holds a copy of {@code b[from, to)}. */
    public void copy(byte[] b, int from, int to) {
        int n = to - from;
        if (!own) bytes = new byte[Math.max(64, n)];
        else if (n > bytes.length) bytes = new byte[Math.max(n, 2 * bytes.length)];
        own = true;
        System.arraycopy(b, from, bytes, 0, n);
        length = n;
    }

    public void clear() {
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
