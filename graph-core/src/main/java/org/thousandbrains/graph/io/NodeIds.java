package org.thousandbrains.graph.io;

import java.util.Arrays;

/**
 * Node ids numbered by first appearance, for readers that meet each id many times (a connectome's edge list
 * names every node thousands of times, in no order a cache likes). An open-addressing table holds each slot's
 * number, hash and, for ids that fit, the id itself packed into a long — up to 7 ASCII characters, or a decimal
 * number of up to 18 digits without leading zeros (FlyWire's root ids) — so that most lookups touch one place in
 * memory; longer ids are compared with their characters, kept in one array. No {@code String} object is touched:
 * ids can be looked up straight from a line's ASCII bytes, or given as text (quoted or non-ASCII fields, XML
 * attributes); an ASCII id hashes and packs alike both ways.
 */
public final class NodeIds {
    /** Ints per slot: number + 1 (0: empty), hash, packed id (two ints; {@link #NOT_PACKED} when it does not fit). */
    private static final int SLOT = 4;
    private static final long NOT_PACKED = -1L;
    private int[] table = new int[SLOT << 12];
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
        int h = hash(b, from, to);
        long key = packed(b, from, to);
        int o = slot(h, key, b, from, to, null);
        if (table[o] != 0) return table[o] - 1;
        int at = reserve(to - from);
        for (int i = from; i < to; i++) chars[at++] = (char) b[i];
        return add(h, key, o);
    }

    /** The number of an id given as text, numbering it if new. */
    public int index(String id) {
        int h = id.hashCode();
        long key = packed(id);
        int o = slot(h, key, null, 0, 0, id);
        if (table[o] != 0) return table[o] - 1;
        int at = reserve(id.length());
        id.getChars(0, id.length(), chars, at);
        return add(h, key, o);
    }

    /**
     * The number of the id in {@code b[from, to)}, or -1 when it has none; never changes the table, so readers on
     * other threads may look ids up while no thread numbers new ones.
     */
    public int find(byte[] b, int from, int to) {
        return table[slot(hash(b, from, to), packed(b, from, to), b, from, to, null)] - 1;
    }

    /** As {@link #find(byte[], int, int)} for an id given as text. */
    public int find(String id) {
        return table[slot(id.hashCode(), packed(id), null, 0, 0, id)] - 1;
    }

    /** String's hash of the ASCII bytes, so that bytes and text hash alike. */
    private static int hash(byte[] b, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) h = 31 * h + b[i];
        return h;
    }

    /** Offset of the slot holding the id (given as bytes, or as text when {@code id} is not null), or of the empty slot it would take. */
    private int slot(int h, long key, byte[] b, int from, int to, String id) {
        int mask = table.length / SLOT - 1;
        for (int slot = mix(h) & mask; ; slot = (slot + 1) & mask) {
            int o = slot * SLOT;
            int v = table[o] - 1;
            if (v < 0) return o;
            if (table[o + 1] == h && key(o) == key && (key != NOT_PACKED || (id != null ? same(v, id) : same(v, b, from, to)))) return o;
        }
    }

    private long key(int o) {
        return ((long) table[o + 2] << 32) | (table[o + 3] & 0xFFFFFFFFL);
    }

    /**
     * The id as one long when it fits: up to 7 characters below 128 with the length in the top byte, or a decimal
     * number of up to 18 digits without leading zeros with the top bit set; else {@link #NOT_PACKED}.
     */
    private static long packed(byte[] b, int from, int to) {
        int len = to - from;
        if (len == 0) return 0;
        if (len <= 7) {
            long k = (long) len << 56;
            for (int i = 0; i < len; i++) {
                if (b[from + i] < 0) return NOT_PACKED;
                k |= (long) b[from + i] << (8 * i);
            }
            return k;
        }
        if (len > 18 || b[from] == '0') return NOT_PACKED;
        long value = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) return NOT_PACKED;
            value = value * 10 + d;
        }
        return Long.MIN_VALUE | value;
    }

    private static long packed(String id) {
        int len = id.length();
        if (len == 0) return 0;
        if (len <= 7) {
            long k = (long) len << 56;
            for (int i = 0; i < len; i++) {
                char c = id.charAt(i);
                if (c >= 128) return NOT_PACKED;
                k |= (long) c << (8 * i);
            }
            return k;
        }
        if (len > 18 || id.charAt(0) == '0') return NOT_PACKED;
        long value = 0;
        for (int i = 0; i < len; i++) {
            int d = id.charAt(i) - '0';
            if (d < 0 || d > 9) return NOT_PACKED;
            value = value * 10 + d;
        }
        return Long.MIN_VALUE | value;
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

    private int add(int h, long key, int o) {
        table[o] = size + 1;
        table[o + 1] = h;
        table[o + 2] = (int) (key >>> 32);
        table[o + 3] = (int) key;
        size++;
        if (size * 2 > table.length / SLOT) rehash();
        return size - 1;
    }

    private static int mix(int h) {
        h *= 0x9E3779B1;
        return h ^ (h >>> 15);
    }

    private void rehash() {
        int[] old = table;
        table = new int[old.length * 2];
        int mask = table.length / SLOT - 1;
        for (int o = 0; o < old.length; o += SLOT) {
            if (old[o] == 0) continue;
            int slot = mix(old[o + 1]) & mask;
            while (table[slot * SLOT] != 0) slot = (slot + 1) & mask;
            System.arraycopy(old, o, table, slot * SLOT, SLOT);
        }
    }
}
