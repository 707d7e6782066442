package org.thousandbrains.graph.io;

import java.util.Arrays;

/**
 * Node ids numbered by first appearance, for readers that meet each id many times (a connectome's edge list
 * names every node thousands of times). An open-addressing table holds each slot's number and hash side by side,
 * and the ids' characters lie in one array, so a lookup touches two places in memory and never a {@code String}
 * object: ids can be looked up straight from a line's ASCII bytes, or given as text (quoted or non-ASCII fields,
 * XML attributes), and an ASCII id hashes alike both ways ({@link String#hashCode}).
 */
public final class NodeIds {
    /** Per slot: number + 1 (0: empty), then the hash. */
    private int[] table = new int[2 << 12];
    private char[] chars = new char[1 << 14];
    /** Id v's characters are {@code chars[start[v], start[v + 1])}. */
    private int[] start = new int[1025];
    private int size;

    public int size() {
        return size;
    }

    /** The id numbered {@code v}. */
    public String id(int v) {
        return new String(chars, start[v], start[v + 1] - start[v]);
    }

    /** Every id, in number order. */
    public String[] ids() {
        String[] out = new String[size];
        for (int v = 0; v < size; v++) out[v] = id(v);
        return out;
    }

    /** The number of the id held in the ASCII bytes {@code b[from, to)}, numbering it if new. */
    public int index(byte[] b, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) h = 31 * h + b[i];
        int mask = table.length / 2 - 1;
        for (int slot = mix(h) & mask; ; slot = (slot + 1) & mask) {
            int v = table[2 * slot] - 1;
            if (v < 0) {
                int at = reserve(to - from);
                for (int i = from; i < to; i++) chars[at++] = (char) b[i];
                return add(h, slot);
            }
            if (table[2 * slot + 1] == h && same(v, b, from, to)) return v;
        }
    }

    /** The number of an id given as text, numbering it if new. */
    public int index(String id) {
        int h = id.hashCode();
        int mask = table.length / 2 - 1;
        for (int slot = mix(h) & mask; ; slot = (slot + 1) & mask) {
            int v = table[2 * slot] - 1;
            if (v < 0) {
                int at = reserve(id.length());
                id.getChars(0, id.length(), chars, at);
                return add(h, slot);
            }
            if (table[2 * slot + 1] == h && same(v, id)) return v;
        }
    }

    private boolean same(int v, byte[] b, int from, int to) {
        int s = start[v];
        if (start[v + 1] - s != to - from) return false;
        for (int i = from; i < to; i++) if (chars[s++] != b[i]) return false;
        return true;
    }

    private boolean same(int v, String id) {
        int s = start[v];
        if (start[v + 1] - s != id.length()) return false;
        for (int i = 0; i < id.length(); i++) if (chars[s + i] != id.charAt(i)) return false;
        return true;
    }

    /** Room for the next id's {@code length} characters; returns where they go. */
    private int reserve(int length) {
        int at = start[size];
        if (at + length > chars.length) chars = Arrays.copyOf(chars, Math.max(chars.length * 2, at + length));
        if (size + 2 > start.length) start = Arrays.copyOf(start, start.length * 2);
        start[size + 1] = at + length;
        return at;
    }

    private int add(int h, int slot) {
        table[2 * slot] = size + 1;
        table[2 * slot + 1] = h;
        size++;
        if (size * 2 > table.length / 2) rehash();
        return size - 1;
    }

    private static int mix(int h) {
        h *= 0x9E3779B1;
        return h ^ (h >>> 15);
    }

    private void rehash() {
        int[] old = table;
        table = new int[old.length * 2];
        int mask = table.length / 2 - 1;
        for (int s = 0; s < old.length / 2; s++) {
            if (old[2 * s] == 0) continue;
            int slot = mix(old[2 * s + 1]) & mask;
            while (table[2 * slot] != 0) slot = (slot + 1) & mask;
            table[2 * slot] = old[2 * s];
            table[2 * slot + 1] = old[2 * s + 1];
        }
    }
}
