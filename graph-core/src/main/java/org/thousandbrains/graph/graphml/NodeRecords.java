package org.thousandbrains.graph.graphml;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.thousandbrains.graph.io.NodeIds;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Unit;

/**
 * The {@code <node>} elements of a document in parallel arrays, plus the table of node ids
 * referenced anywhere (edges may name a node before it is declared). Values are checked as
 * they arrive; the network is built from these arrays at the end.
 */
final class NodeRecords {
    int size;
    String[] id = new String[64];
    int[] line = new int[64];
    byte[] kind = new byte[64];
    byte[] activation = new byte[64];
    double[] bias = new double[64];
    double[] threshold = new double[64];
    double[] duty = new double[64];
    double[] gain = new double[64];
    double[] shift = new double[64];
    String[] group = new String[64];
    String[] unit = new String[64];
    short[] given = new short[64];
    Object[][] meta = new Object[64][];

    /** Node ids seen anywhere: reference number, the declared node (or -1), the first line naming it. */
    private final NodeIds refs = new NodeIds();
    int refCount;
    String[] refId = new String[64];
    int[] refNode = new int[64];
    int[] refLine = new int[64];

    private final Set<String> validGroupNames = new HashSet<>();
    private final Set<String> validUnitNames = new HashSet<>();

    /** Reference number of a node id, created at its first mention. */
    int ref(String nodeId, int atLine) {
        return ref(refs.index(nodeId), atLine);
    }

    /** Reference number of the node id that attribute {@code i} of the cursor's element holds. */
    int ref(XmlCursor r, int i, int atLine) {
        return ref(r.attributeId(i, refs), atLine);
    }

    /** Reference number of the node id attribute {@code i} holds if that id was seen before, else -1 (nothing changes). */
    int knownRef(XmlCursor r, int i) {
        return r.attributeKnownId(i, refs);
    }

    private int ref(int number, int atLine) {
        if (number < refCount) return number;
        if (refCount == refId.length) {
            int cap = Growth.next(refCount, "node ids");
            refId = Arrays.copyOf(refId, cap);
            refNode = Arrays.copyOf(refNode, cap);
            refLine = Arrays.copyOf(refLine, cap);
        }
        refId[refCount] = refs.id(number);
        refNode[refCount] = -1;
        refLine[refCount] = atLine;
        return refCount++;
    }

    /** Declares a node; throws for a duplicate id. */
    int declare(String nodeId, int atLine) {
        int r = ref(nodeId, atLine);
        if (refNode[r] >= 0) {
            throw new IllegalArgumentException("duplicate node id '" + nodeId + "' (first declared on line " + line[refNode[r]] + ")");
        }
        if (size == id.length) grow();
        int v = size++;
        id[v] = nodeId;
        line[v] = atLine;
        kind[v] = -1;
        activation[v] = -1;
        gain[v] = 1.0;
        refNode[r] = v;
        return v;
    }

    /** Applies one {@code <data>} value of key k to node v. */
    void set(int v, Key k, String raw) {
        Field f = k.field;
        if (f == null) {
            Values.check(k.valueType, raw);
            meta[v] = Meta.put(meta[v], k, raw);
            return;
        }
        switch (f) {
            case KIND: kind[v] = (byte) NodeKind.parse(raw).ordinal(); break;
            case ACTIVATION: activation[v] = (byte) Activation.parse(raw).ordinal(); break;
            case BIAS: bias[v] = k.number(raw); break;
            case THRESHOLD: threshold[v] = k.number(raw); break;
            case DUTY: duty[v] = duty(k.number(raw), raw); break;
            case GAIN: gain[v] = k.number(raw); break;
            case SHIFT: shift[v] = k.number(raw); break;
            case GROUP: group[v] = name(raw, validGroupNames, true); break;
            case UNIT: unit[v] = name(raw, validUnitNames, false); break;
            default: throw new IllegalStateException(f + " is not a node field");
        }
        given[v] |= (short) f.bit;
    }

    boolean has(int v, Key k) {
        return k.field != null ? (given[v] & k.field.bit) != 0 : Meta.has(meta[v], k);
    }

    /** A duty cycle must lie in [0, 1] (-0.0 included, so that it reads back bit for bit). */
    private static double duty(double d, String raw) {
        if (!(d >= 0 && d <= 1)) throw new IllegalArgumentException("duty must lie in [0, 1], got " + Values.describe(raw));
        return d;
    }

    private static String name(String raw, Set<String> valid, boolean isGroup) {
        String t = raw.trim();
        if (t.isEmpty()) return null;
        if (valid.add(t)) {
            try {
                if (isGroup) new NodeGroup(t);
                else new Unit(t);
            } catch (IllegalArgumentException e) {
                valid.remove(t);
                throw e;
            }
        }
        return t;
    }

    private void grow() {
        int cap = Growth.next(id.length, "nodes");
        id = Arrays.copyOf(id, cap);
        line = Arrays.copyOf(line, cap);
        kind = Arrays.copyOf(kind, cap);
        activation = Arrays.copyOf(activation, cap);
        bias = Arrays.copyOf(bias, cap);
        threshold = Arrays.copyOf(threshold, cap);
        duty = Arrays.copyOf(duty, cap);
        gain = Arrays.copyOf(gain, cap);
        shift = Arrays.copyOf(shift, cap);
        group = Arrays.copyOf(group, cap);
        unit = Arrays.copyOf(unit, cap);
        given = Arrays.copyOf(given, cap);
        meta = Arrays.copyOf(meta, cap);
    }
}
