package org.thousandbrains.graph.csv;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Node ids of an edge list numbered by first appearance. Ids written as canonical non-negative integers of up
 * to 18 digits (connectome root ids, row numbers) go to an open-addressing long-to-int table without a
 * {@code String} per lookup; other ids to a hash map. The two never collide: an id is in the table only when
 * its text is exactly {@link Long#toString} of its key.
 */
final class NodeIndex {
    private long[] keys = new long[1 << 12];
    private int[] values = new int[1 << 12];
    private int numeric;
    private final Map<String, Integer> named = new HashMap<>();
    private String[] ids = new String[1024];
    private int size;

    int size() {
        return size;
    }

    String[] ids() {
        return Arrays.copyOf(ids, size);
    }

    /** The index of the id held in the ASCII bytes {@code b[from, to)} (non-empty, trimmed). */
    int index(byte[] b, int from, int to) {
        long key = canonicalNumber(b, from, to);
        if (key < 0) return index(new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1));
        int mask = keys.length - 1;
        int slot = (int) (mix(key) & mask);
        while (values[slot] != 0) {
            if (keys[slot] == key) return values[slot] - 1;
            slot = (slot + 1) & mask;
        }
        int v = add(Long.toString(key));
        keys[slot] = key;
        values[slot] = v + 1;
        if (++numeric * 2 > keys.length) rehash();
        return v;
    }

    /** The index of an id given as text (quoted or non-ASCII fields); numeric ids share the table. */
    int index(String id) {
        byte[] ascii = id.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        if (ascii.length == id.length() && canonicalNumber(ascii, 0, ascii.length) >= 0) return index(ascii, 0, ascii.length);
        Integer i = named.get(id);
        if (i != null) return i;
        int v = add(id);
        named.put(id, v);
        return v;
    }

    private int add(String id) {
        if (size == ids.length) ids = Arrays.copyOf(ids, size * 2);
        ids[size] = id;
        return size++;
    }

    /** The value of a canonical decimal (no sign, no leading zero unless "0", at most 18 digits), else -1. */
    private static long canonicalNumber(byte[] b, int from, int to) {
        int n = to - from;
        if (n < 1 || n > 18 || (b[from] == '0' && n > 1)) return -1;
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) return -1;
            v = v * 10 + d;
        }
        return v;
    }

    private static long mix(long x) {
        x *= 0x9E3779B97F4A7C15L;
        return x ^ (x >>> 29);
    }

    private void rehash() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] == 0) continue;
            int slot = (int) (mix(oldKeys[i]) & mask);
            while (values[slot] != 0) slot = (slot + 1) & mask;
            keys[slot] = oldKeys[i];
            values[slot] = oldValues[i];
        }
    }
}
