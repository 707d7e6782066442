package org.thousandbrains.graph.graphml;

import java.util.Arrays;

import org.thousandbrains.graph.topology.Learnable;

/**
 * The {@code <edge>} elements of a document in parallel arrays (no per-edge objects except an
 * optional id and metadata), endpoints as node reference numbers of {@link NodeRecords}.
 */
final class EdgeRecords {
    int size;
    int[] src = new int[256];
    int[] dst = new int[256];
    int[] line = new int[256];
    boolean[] directed = new boolean[256];
    String[] id = new String[256];
    double[] weight = new double[256];
    double[] delay = new double[256];
    double[] leak = new double[256];
    byte[] learnable = new byte[256];
    byte[] given = new byte[256];
    Object[][] meta = new Object[256][];

    int add(int srcRef, int dstRef, boolean isDirected, String edgeId, int atLine) {
        if (size == src.length) grow();
        int e = size++;
        src[e] = srcRef;
        dst[e] = dstRef;
        directed[e] = isDirected;
        id[e] = edgeId;
        line[e] = atLine;
        return e;
    }

    /** Applies one {@code <data>} value of key k to edge e. */
    void set(int e, Key k, String raw) {
        Field f = k.field;
        if (f == null) {
            Values.check(k.valueType, raw);
            meta[e] = Meta.put(meta[e], k, raw);
            return;
        }
        switch (f) {
            case WEIGHT: weight[e] = k.number(raw); break;
            case DELAY: delay[e] = k.number(raw); break;
            case LEAK: leak[e] = k.number(raw); break;
            case LEARNABLE: learnable[e] = (byte) Learnable.parse(raw); break;
            default: throw new IllegalStateException(f + " is not an edge field");
        }
        given[e] |= (byte) f.bit;
    }

    /** Whether the field is one of an edge's numbers (weight, delay, leak). */
    static boolean isNumber(Field f) {
        return f == Field.WEIGHT || f == Field.DELAY || f == Field.LEAK;
    }

    /**
     * Sets a number field of edge e to {@code v} (already parsed, finite) times the key's scale; false, with
     * nothing set, when the scaled value is not finite (the text path then reports it).
     */
    boolean setNumber(int e, Key k, double v) {
        double x = k.scaled(v);
        if (!Double.isFinite(x)) return false;
        switch (k.field) {
            case WEIGHT: weight[e] = x; break;
            case DELAY: delay[e] = x; break;
            default: leak[e] = x; break;
        }
        given[e] |= (byte) k.field.bit;
        return true;
    }

    boolean has(int e, Key k) {
        return k.field != null ? (given[e] & k.field.bit) != 0 : Meta.has(meta[e], k);
    }

    /** Appends the edges of {@code o} (read from a later part of the same document), their lines shifted by {@code lineShift}. */
    void append(EdgeRecords o, int lineShift) {
        if ((long) size + o.size > Growth.MAX) Growth.next(Growth.MAX, "edges"); // throws the usual refusal
        if (size + o.size > src.length) grow(Math.max(size + o.size, Growth.next(src.length, "edges")));
        int n = o.size;
        System.arraycopy(o.src, 0, src, size, n);
        System.arraycopy(o.dst, 0, dst, size, n);
        for (int e = 0; e < n; e++) line[size + e] = o.line[e] + lineShift;
        System.arraycopy(o.directed, 0, directed, size, n);
        System.arraycopy(o.id, 0, id, size, n);
        System.arraycopy(o.weight, 0, weight, size, n);
        System.arraycopy(o.delay, 0, delay, size, n);
        System.arraycopy(o.leak, 0, leak, size, n);
        System.arraycopy(o.learnable, 0, learnable, size, n);
        System.arraycopy(o.given, 0, given, size, n);
        System.arraycopy(o.meta, 0, meta, size, n);
        size += n;
    }

    private void grow() {
        grow(Growth.next(src.length, "edges"));
    }

    private void grow(int cap) {
        src = Arrays.copyOf(src, cap);
        dst = Arrays.copyOf(dst, cap);
        line = Arrays.copyOf(line, cap);
        directed = Arrays.copyOf(directed, cap);
        id = Arrays.copyOf(id, cap);
        weight = Arrays.copyOf(weight, cap);
        delay = Arrays.copyOf(delay, cap);
        leak = Arrays.copyOf(leak, cap);
        learnable = Arrays.copyOf(learnable, cap);
        given = Arrays.copyOf(given, cap);
        meta = Arrays.copyOf(meta, cap);
    }
}
