package org.thousandbrains.graph.csv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Node ids of an edge list numbered by first appearance, in an open-addressing table looked up straight from
 * the bytes of a line: an id seen before costs a hash and a compare, no {@code String} (a connectome edge list
 * names each node thousands of times). Ids given as text (quoted or non-ASCII fields) share the table: an ASCII
 * id hashes alike as bytes and as characters.
 */
final class NodeIndex {
    private int[] table = new int[1 << 12];
    private int[] hashes = new int[1024];
    private String[] ids = new String[1024];
    private int size;

    int size() {
        return size;
    }

    String[] ids() {
        return Arrays.copyOf(ids, size);
    }

    /** The index of the id held in the ASCII bytes {@code b[from, to)}. */
    int index(byte[] b, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) h = 31 * h + b[i];
        int mask = table.length - 1;
        for (int slot = mix(h) & mask; ; slot = (slot + 1) & mask) {
            int v = table[slot] - 1;
            if (v < 0) return add(new String(b, from, to - from, StandardCharsets.ISO_8859_1), h, slot);
            if (hashes[v] == h && same(ids[v], b, from, to)) return v;
        }
    }

    /** The index of an id given as text. */
    int index(String id) {
        int h = id.hashCode();
        int mask = table.length - 1;
        for (int slot = mix(h) & mask; ; slot = (slot + 1) & mask) {
            int v = table[slot] - 1;
            if (v < 0) return add(id, h, slot);
            if (hashes[v] == h && ids[v].equals(id)) return v;
        }
    }

    private static boolean same(String id, byte[] b, int from, int to) {
        if (id.length() != to - from) return false;
        for (int i = 0; i < id.length(); i++) if (id.charAt(i) != b[from + i]) return false;
        return true;
    }

    private int add(String id, int h, int slot) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        ids[size] = id;
        hashes[size] = h;
        table[slot] = size + 1;
        size++;
        if (size * 2 > table.length) rehash();
        return size - 1;
    }

    private static int mix(int h) {
        h *= 0x9E3779B1;
        return h ^ (h >>> 15);
    }

    private void rehash() {
        table = new int[table.length * 2];
        int mask = table.length - 1;
        for (int v = 0; v < size; v++) {
            int slot = mix(hashes[v]) & mask;
            while (table[slot] != 0) slot = (slot + 1) & mask;
            table[slot] = v + 1;
        }
    }
}
