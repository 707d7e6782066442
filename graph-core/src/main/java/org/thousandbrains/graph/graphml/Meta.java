package org.thousandbrains.graph.graphml;

import java.util.Arrays;

/**
 * Compact per-element metadata while parsing: an array of alternating {@link Key} and raw
 * value, null when the element has none (most edges of a large file).
 */
final class Meta {
    private Meta() {
    }

    /** Returns the array with key k set to value (replacing an earlier value for k). */
    static Object[] put(Object[] meta, Key k, String value) {
        if (meta == null) return new Object[] {k, value};
        for (int i = 0; i < meta.length; i += 2) {
            if (meta[i] == k) {
                meta[i + 1] = value;
                return meta;
            }
        }
        Object[] grown = Arrays.copyOf(meta, meta.length + 2);
        grown[meta.length] = k;
        grown[meta.length + 1] = value;
        return grown;
    }

    static boolean has(Object[] meta, Key k) {
        if (meta == null) return false;
        for (int i = 0; i < meta.length; i += 2) if (meta[i] == k) return true;
        return false;
    }
}
