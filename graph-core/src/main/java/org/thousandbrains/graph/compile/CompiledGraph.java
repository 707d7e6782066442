package org.thousandbrains.graph.compile;

import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.NodeKind;

/**
 * The immutable, array-only form of a network that the engine runs: dense node index,
 * edges sorted by target (CSR) with the permutation back to the input order, the same edges
 * grouped by source (CSC), per-edge parameters, the wave schedule of instant edges and the
 * per-edge delay floors implied by the strongly connected components. O(N + E) memory and no
 * per-edge objects.
 *
 * <p>Edge index {@code e} below always means the CSR position. The accessors return the
 * internal arrays without copying, for the kernels' sake: callers must not modify them.
 */
public final class CompiledGraph {
    final int n;
    final int e;
    final String[] nodeIds;
    final NodeKind[] kind;
    final Activation[] activation;
    final double[] bias;
    final double[] threshold;
    final int[] group;
    final String[] groupNames;
    final int[] unit;
    final String[] unitNames;
    final int[] rowPtr;
    final int[] src;
    final int[] dst;
    final double[] weight;
    final double[] delay;
    final double[] leak;
    final byte[] learnable;
    final int[] inputOrder;
    final int[] colPtr;
    final int[] cscEdge;
    final int[] scc;
    final int sccCount;
    final int[] wavePtr;
    final int[] waveNodes;
    final int[] inputs;
    final int[] outputs;
    final double dMin;
    final double dMax;
    final GroupStructure groupStructure;
    final int steps;
    final int readoutWindow;
    final int inputSteps;

    CompiledGraph(int n, int e, String[] nodeIds, NodeKind[] kind, Activation[] activation, double[] bias,
                  double[] threshold, int[] group, String[] groupNames, int[] unit, String[] unitNames,
                  int[] rowPtr, int[] src, int[] dst, double[] weight, double[] delay, double[] leak,
                  byte[] learnable, int[] inputOrder, int[] colPtr, int[] cscEdge, int[] scc, int sccCount,
                  int[] wavePtr, int[] waveNodes, int[] inputs, int[] outputs, double dMin, double dMax,
                  GroupStructure groupStructure, int steps, int readoutWindow, int inputSteps) {
        this.n = n;
        this.e = e;
        this.nodeIds = nodeIds;
        this.kind = kind;
        this.activation = activation;
        this.bias = bias;
        this.threshold = threshold;
        this.group = group;
        this.groupNames = groupNames;
        this.unit = unit;
        this.unitNames = unitNames;
        this.rowPtr = rowPtr;
        this.src = src;
        this.dst = dst;
        this.weight = weight;
        this.delay = delay;
        this.leak = leak;
        this.learnable = learnable;
        this.inputOrder = inputOrder;
        this.colPtr = colPtr;
        this.cscEdge = cscEdge;
        this.scc = scc;
        this.sccCount = sccCount;
        this.wavePtr = wavePtr;
        this.waveNodes = waveNodes;
        this.inputs = inputs;
        this.outputs = outputs;
        this.dMin = dMin;
        this.dMax = dMax;
        this.groupStructure = groupStructure;
        this.steps = steps;
        this.readoutWindow = readoutWindow;
        this.inputSteps = inputSteps;
    }

    public int nodeCount() { return n; }
    public int edgeCount() { return e; }
    public String nodeId(int v) { return nodeIds[v]; }
    public String[] nodeIds() { return nodeIds; }
    public NodeKind kind(int v) { return kind[v]; }
    public boolean isInput(int v) { return kind[v] == NodeKind.INPUT; }
    public Activation[] activations() { return activation; }
    public double[] bias() { return bias; }
    public double[] thresholds() { return threshold; }
    /** Group index per node (-1 for none) and the group names. */
    public int[] groups() { return group; }
    public String[] groupNames() { return groupNames; }
    public int[] units() { return unit; }
    public String[] unitNames() { return unitNames; }

    /** CSR by target: edges into v are {@code rowPtr[v] .. rowPtr[v+1]-1}. */
    public int[] rowPtr() { return rowPtr; }
    /** Source node of each edge (CSR order). */
    public int[] src() { return src; }
    /** Target node of each edge (CSR order). */
    public int[] dst() { return dst; }
    public double[] weight() { return weight; }
    public double[] delay() { return delay; }
    public double[] leak() { return leak; }
    public byte[] learnable() { return learnable; }
    /** Permutation: {@code inputOrder[e]} is the index in the {@link EdgeTable} of CSR edge e. */
    public int[] inputOrder() { return inputOrder; }
    /** CSC by source: {@code cscEdge[colPtr[u] .. colPtr[u+1]-1]} are the CSR indices of u's out-edges. */
    public int[] colPtr() { return colPtr; }
    public int[] cscEdge() { return cscEdge; }
    /** Strongly connected component of each node (Tarjan numbering) and their count. */
    public int[] scc() { return scc; }
    public int sccCount() { return sccCount; }

    /**
     * True when edge e lies on a cycle of evaluation blocks (both ends in one strongly connected
     * component of the block graph, which includes edges inside one k-WTA or unit group): it must
     * keep delay &gt;= 1. Unit-internal edges ignore delays and are never recurrent in this sense.
     */
    public boolean isRecurrent(int edge) {
        if (groupStructure.internal(edge)) return false;
        int[] blockOf = groupStructure.blockOf;
        int[] bScc = groupStructure.blockScc;
        return bScc[blockOf[src[edge]]] == bScc[blockOf[dst[edge]]];
    }

    /**
     * Smallest delay edge e may take: 1 (or d_min if larger) on a cycle of blocks or out of an overseer
     * node (others read the group's mean a step later at the earliest), d_min otherwise.
     */
    public double delayFloor(int edge) {
        return isRecurrent(edge) || groupStructure.isOverseer(src[edge]) ? Math.max(1.0, dMin) : dMin;
    }

    /** True when edge e reads the current step (⌊d⌋ = 0); unit-internal edges never do. */
    public boolean isInstant(int edge) { return delay[edge] < 1.0 && !groupStructure.internal(edge); }

    /** Instant waves of evaluation blocks ({@link BlockSchedule}): nodes of wave k are {@code waveNodes[wavePtr[k] .. wavePtr[k+1]-1]}; every node is in one wave. */
    public int waveCount() { return wavePtr.length - 1; }
    public int[] wavePtr() { return wavePtr; }
    public int[] waveNodes() { return waveNodes; }

    /** Input (clamped) nodes in node order. */
    public int[] inputs() { return inputs; }
    /** Output nodes in readout order (node order of kind OUTPUT). */
    public int[] outputs() { return outputs; }
    /** k-WTA groups, units, unit groups and evaluation blocks. */
    public GroupStructure groupStructure() { return groupStructure; }
    /** Readout: steps T per pass (model setting, default 1). */
    public int steps() { return steps; }
    /** Readout: mean of the output states over the last K steps (default 1: the state at T). */
    public int readoutWindow() { return readoutWindow; }
    /**
     * Input steps L (model setting, default 0: a sample's features are held constant over the T steps;
     * L &gt; 0: a sample is {@code L·inputs().length} values, step-major, and the steps after L get input 0).
     */
    public int inputSteps() { return inputSteps; }
    public double dMin() { return dMin; }
    public double dMax() { return dMax; }
    /** History ring depth ⌈d_max⌉ + 1. */
    public int historyDepth() { return (int) Math.ceil(dMax) + 1; }

    /**
     * One line for a notebook cell, e.g. {@code CompiledGraph[330 nodes (64 in, 10 out), 29,952 edges, 2 unit group(s)
     * of 16 units, 330 SCCs, 5 instant waves, delays [1, 8], T=6, readout mean of last 2]}.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CompiledGraph[");
        sb.append(String.format(java.util.Locale.ROOT, "%,d nodes (%d in, %d out), %,d edges", n, inputs.length, outputs.length, e));
        GroupStructure s = groupStructure;
        if (s.kwtaCount() > 0) sb.append(", ").append(s.kwtaCount()).append(" k-WTA group(s)");
        if (s.unitCount() > 0) {
            sb.append(", ").append(s.unitGroupCount()).append(" unit group(s) of ").append(s.unitCount()).append(" units");
        }
        if (s.normCount() > 0) sb.append(", ").append(s.normCount()).append(" overseen group(s)");
        sb.append(String.format(java.util.Locale.ROOT, ", %,d SCCs, %d instant waves, delays [%s, %s], T=%d", sccCount, waveCount(),
                trim(dMin), trim(dMax), steps));
        if (readoutWindow > 1) sb.append(", readout mean of last ").append(readoutWindow);
        if (inputSteps > 0) sb.append(", input sequence of ").append(inputSteps).append(" steps");
        return sb.append(']').toString();
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Copy with new per-edge parameters (CSR order), e.g. after training; the structure is shared. */
    public CompiledGraph withParameters(double[] newWeight, double[] newDelay, double[] newLeak, double[] newBias) {
        if (newWeight.length != e || newDelay.length != e || newLeak.length != e || newBias.length != n) {
            throw new IllegalArgumentException("parameter arrays must have E=" + e + " and N=" + n + " entries");
        }
        return new CompiledGraph(n, e, nodeIds, kind, activation, newBias, threshold, group, groupNames, unit,
                unitNames, rowPtr, src, dst, newWeight, newDelay, newLeak, learnable, inputOrder, colPtr, cscEdge,
                scc, sccCount, wavePtr, waveNodes, inputs, outputs, dMin, dMax, groupStructure, steps, readoutWindow, inputSteps);
    }
}
