package org.thousandbrains.graph.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Synapse;

/**
 * A network flattened to parallel arrays (nodes by dense index, edges in insertion order):
 * the input of {@link Compiler}. Large random graphs for benchmarks are built here directly,
 * without per-edge objects.
 */
public final class EdgeTable {
    public final int nodeCount;
    public final String[] nodeIds;
    public final NodeKind[] kind;
    public final Activation[] activation;
    public final double[] bias;
    public final double[] threshold;
    /** Group index per node, -1 for none; names in {@link #groupNames}. */
    public final int[] group;
    public final String[] groupNames;
    /** Unit index per node, -1 for none; names in {@link #unitNames}. */
    public final int[] unit;
    public final String[] unitNames;

    public final int edgeCount;
    public final int[] src;
    public final int[] dst;
    public final double[] weight;
    public final double[] delay;
    public final double[] leak;
    /** {@link org.thousandbrains.graph.topology.Learnable} bit set per edge. */
    public final byte[] learnable;
    public final double dMin;
    public final double dMax;

    /** Creates a table; arrays are taken over, not copied. */
    public EdgeTable(String[] nodeIds, NodeKind[] kind, Activation[] activation, double[] bias, double[] threshold,
                     int[] group, String[] groupNames, int[] unit, String[] unitNames,
                     int[] src, int[] dst, double[] weight, double[] delay, double[] leak, byte[] learnable,
                     double dMin, double dMax) {
        this.nodeCount = nodeIds.length;
        this.nodeIds = nodeIds;
        this.kind = kind;
        this.activation = activation;
        this.bias = bias;
        this.threshold = threshold;
        this.group = group;
        this.groupNames = groupNames;
        this.unit = unit;
        this.unitNames = unitNames;
        this.edgeCount = src.length;
        this.src = src;
        this.dst = dst;
        this.weight = weight;
        this.delay = delay;
        this.leak = leak;
        this.learnable = learnable;
        this.dMin = dMin;
        this.dMax = dMax;
        int n = nodeCount;
        requireLength(kind.length, n, "kind");
        requireLength(activation.length, n, "activation");
        requireLength(bias.length, n, "bias");
        requireLength(threshold.length, n, "threshold");
        requireLength(group.length, n, "group");
        requireLength(unit.length, n, "unit");
        requireLength(dst.length, edgeCount, "dst");
        requireLength(weight.length, edgeCount, "weight");
        requireLength(delay.length, edgeCount, "delay");
        requireLength(leak.length, edgeCount, "leak");
        requireLength(learnable.length, edgeCount, "learnable");
    }

    private static void requireLength(int actual, int expected, String what) {
        if (actual != expected) {
            throw new IllegalArgumentException(what + " has length " + actual + ", expected " + expected);
        }
    }

    /** Flattens a network; nodes keep insertion order, edges JGraphT's edge-set order. */
    public static EdgeTable of(Network net) {
        int n = net.nodeCount();
        String[] ids = new String[n];
        NodeKind[] kind = new NodeKind[n];
        Activation[] act = new Activation[n];
        double[] bias = new double[n];
        double[] thr = new double[n];
        int[] group = new int[n];
        int[] unit = new int[n];
        Map<Neuron, Integer> index = new IdentityHashMap<>(n * 2);
        Map<String, Integer> groupIdx = new HashMap<>();
        Map<String, Integer> unitIdx = new HashMap<>();
        List<String> groupNames = new ArrayList<>(net.groups().keySet());
        List<String> unitNames = new ArrayList<>(net.units().keySet());
        for (int i = 0; i < groupNames.size(); i++) groupIdx.put(groupNames.get(i), i);
        for (int i = 0; i < unitNames.size(); i++) unitIdx.put(unitNames.get(i), i);
        int i = 0;
        for (Neuron v : net.nodes()) {
            ids[i] = v.id();
            kind[i] = v.kind();
            act[i] = v.activation();
            bias[i] = v.bias();
            thr[i] = v.threshold();
            group[i] = indexOf(v.group(), groupIdx, groupNames);
            unit[i] = indexOf(v.unit(), unitIdx, unitNames);
            index.put(v, i++);
        }
        int e = net.synapseCount();
        int[] src = new int[e];
        int[] dst = new int[e];
        double[] w = new double[e];
        double[] d = new double[e];
        double[] lam = new double[e];
        byte[] learn = new byte[e];
        int k = 0;
        for (Synapse s : net.synapses()) {
            src[k] = index.get(net.source(s));
            dst[k] = index.get(net.target(s));
            w[k] = s.weight();
            d[k] = s.delay();
            lam[k] = s.leak();
            learn[k] = (byte) s.learnable();
            k++;
        }
        return new EdgeTable(ids, kind, act, bias, thr, group, groupNames.toArray(new String[0]), unit,
                unitNames.toArray(new String[0]), src, dst, w, d, lam, learn,
                net.settings().dMin(), net.settings().dMax());
    }

    private static int indexOf(String name, Map<String, Integer> idx, List<String> names) {
        if (name == null) return -1;
        return idx.computeIfAbsent(name, nm -> {
            names.add(nm);
            return names.size() - 1;
        });
    }
}
