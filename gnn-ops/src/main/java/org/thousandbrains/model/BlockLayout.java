package org.thousandbrains.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Unit;

/**
 * A compiled graph whose nodes all belong to groups, cut into group→group blocks so that it runs as
 * dense linear algebra: {@link MatrixBlock}s (one GEMM each, masked when incomplete) for edges without
 * leak at a whole delay, {@link EdgeListBlock}s for edges with a trace (leak) or a fractional delay, and
 * the unit-internal blocks of unit groups. Groups are ordered so that every instant (delay 0) block
 * runs after its source group. Values move between the graph's per-edge arrays (CSR order) and the
 * blocks' matrices in both directions, bit for bit.
 *
 * <p>Rejected, with an error naming the node, edge or groups: nodes without a group, groups mixing node
 * kinds or activations, partly-unit groups, units of one group with different {@code rec}, instant edges
 * inside a group, parallel edges in one matrix block, mixed learnable flags in a block, instant cycles
 * between groups, edges into the input group, not exactly one input and one output group.
 */
public final class BlockLayout {
    private final CompiledGraph graph;
    private final List<GroupPlan> groups;
    private final int[] groupPosition;
    private final int[] column;
    private final List<MatrixBlock> matrices;
    private final List<EdgeListBlock> edgeLists;
    private final int input;
    private final int output;

    private BlockLayout(CompiledGraph graph, List<GroupPlan> groups, int[] groupPosition, int[] column,
                        List<MatrixBlock> matrices, List<EdgeListBlock> edgeLists, int input, int output) {
        this.graph = graph;
        this.groups = groups;
        this.groupPosition = groupPosition;
        this.column = column;
        this.matrices = matrices;
        this.edgeLists = edgeLists;
        this.input = input;
        this.output = output;
    }

    /** Cuts {@code graph} (compiled from {@code net}, which supplies the group and unit settings) into blocks. */
    public static BlockLayout of(Network net, CompiledGraph graph) {
        return new Cutter(net, graph).cut();
    }

    public CompiledGraph graph() { return graph; }
    /** Groups in evaluation order. */
    public List<GroupPlan> groups() { return groups; }
    /** The group at this evaluation position. */
    public GroupPlan group(int position) { return groups.get(position); }
    /** Evaluation position of the group with this name; an error when absent. */
    public int position(String groupName) {
        for (int i = 0; i < groups.size(); i++) if (groups.get(i).name().equals(groupName)) return i;
        throw new IllegalArgumentException("no group '" + groupName + "' in the model");
    }
    /** Column of node {@code v} in its group's state. */
    public int column(int v) { return column[v]; }
    /** Evaluation position of node {@code v}'s group. */
    public int positionOfNode(int v) { return groupPosition[graph.groups()[v]]; }
    public List<MatrixBlock> matrices() { return matrices; }
    public List<EdgeListBlock> edgeLists() { return edgeLists; }
    /** Position of the input group. */
    public int input() { return input; }
    /** Position of the output group. */
    public int output() { return output; }

    /** Largest whole delay of any block (0 for a purely instant feed-forward model). */
    public int maxDelay() {
        int d = 0;
        for (MatrixBlock b : matrices) if (b.role() == MatrixBlock.Role.FEED_FORWARD) d = Math.max(d, b.delay());
        for (EdgeListBlock b : edgeLists) d = Math.max(d, (int) Math.ceil(b.delay()));
        return d;
    }

    // ---- values: graph arrays <-> block tensors ------------------------------------------------------------

    /** The block's weights {@code [rows, cols]} taken from per-edge (CSR order) values, 0 where no edge. */
    public static INDArray matrix(MatrixBlock b, double[] perEdge, DataType type) {
        double[] m = new double[b.rows() * b.cols()];
        int[] at = b.edgeAt();
        for (int i = 0; i < m.length; i++) if (at[i] >= 0) m[i] = perEdge[at[i]];
        return Nd4j.create(m, new long[] {b.rows(), b.cols()}, DataType.DOUBLE).castTo(type);
    }

    /** The block's 0/1 mask {@code [rows, cols]} (1 where an edge exists). */
    public static INDArray mask(MatrixBlock b, DataType type) {
        double[] m = new double[b.rows() * b.cols()];
        int[] at = b.edgeAt();
        for (int i = 0; i < m.length; i++) if (at[i] >= 0) m[i] = 1;
        return Nd4j.create(m, new long[] {b.rows(), b.cols()}, DataType.DOUBLE).castTo(type);
    }

    /** Writes the matrix entries of existing edges back into per-edge (CSR order) values. */
    public static void scatter(MatrixBlock b, INDArray matrix, double[] perEdge) {
        requireShape(matrix, b.rows(), b.cols(), "matrix block");
        double[] m = matrix.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int[] at = b.edgeAt();
        for (int i = 0; i < m.length; i++) if (at[i] >= 0) perEdge[at[i]] = m[i];
    }

    /** Per-edge values of an edge-list block as a row {@code [1, size]}. */
    public static INDArray row(EdgeListBlock b, double[] perEdge, DataType type) {
        double[] r = new double[b.size()];
        for (int i = 0; i < r.length; i++) r[i] = perEdge[b.edges()[i]];
        return Nd4j.create(r, new long[] {1, r.length}, DataType.DOUBLE).castTo(type);
    }

    /** Writes a row {@code [1, size]} back into per-edge (CSR order) values. */
    public static void scatter(EdgeListBlock b, INDArray row, double[] perEdge) {
        requireShape(row, 1, b.size(), "edge-list block");
        double[] r = row.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int i = 0; i < r.length; i++) perEdge[b.edges()[i]] = r[i];
    }

    /** The group's node values (e.g. biases, indexed by node) as a row {@code [1, size]}. */
    public static INDArray row(GroupPlan g, double[] perNode, DataType type) {
        double[] r = new double[g.size()];
        for (int j = 0; j < r.length; j++) r[j] = perNode[g.nodes()[j]];
        return Nd4j.create(r, new long[] {1, r.length}, DataType.DOUBLE).castTo(type);
    }

    /** Writes a row {@code [1, size]} back into per-node values. */
    public static void scatter(GroupPlan g, INDArray row, double[] perNode) {
        requireShape(row, 1, g.size(), "group '" + g.name() + "'");
        double[] r = row.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int j = 0; j < r.length; j++) perNode[g.nodes()[j]] = r[j];
    }

    private static void requireShape(INDArray a, int rows, int cols, String what) {
        if (a.rank() != 2 || a.size(0) != rows || a.size(1) != cols) {
            throw new IllegalArgumentException(what + " needs shape [" + rows + ", " + cols + "], got " + Arrays.toString(a.shape()));
        }
    }

    /** Which block an edge belongs to: unit-internal or not, source and target group, delay. */
    private record BlockKey(boolean internal, int source, int target, double delay) {
    }

    /** A growable list of edge indices (no boxing: a block can hold hundreds of thousands). */
    private static final class Edges {
        private int[] items = new int[16];
        private int size;

        void add(int e) {
            if (size == items.length) items = Arrays.copyOf(items, 2 * size);
            items[size++] = e;
        }

        int get(int i) { return items[i]; }
        int size() { return size; }
    }

    /** Builds the layout; one instance per call. */
    private static final class Cutter {
        private final Network net;
        private final CompiledGraph g;
        private final int[] group;
        private final String[] groupNames;
        private final int[] column;
        private final List<int[]> members = new ArrayList<>();

        Cutter(Network net, CompiledGraph g) {
            this.net = net;
            this.g = g;
            this.group = g.groups();
            this.groupNames = g.groupNames();
            this.column = new int[g.nodeCount()];
        }

        BlockLayout cut() {
            int n = g.nodeCount();
            int gc = groupNames.length;
            int[] count = new int[gc];
            for (int v = 0; v < n; v++) {
                if (group[v] < 0) throw new IllegalArgumentException("node '" + g.nodeId(v) + "' has no group; the dense-block path runs group by group");
                column[v] = count[group[v]]++;
            }
            for (int k = 0; k < gc; k++) members.add(new int[count[k]]);
            for (int v = 0; v < n; v++) members.get(group[v])[column[v]] = v;

            Map<BlockKey, Edges> matrixEdges = new LinkedHashMap<>();
            Map<BlockKey, Edges> listEdges = new LinkedHashMap<>();
            classifyEdges(matrixEdges, listEdges);
            List<MatrixBlock> matrices = new ArrayList<>();
            for (Edges edges : matrixEdges.values()) matrices.add(matrixBlock(edges));
            List<EdgeListBlock> lists = new ArrayList<>();
            for (Edges edges : listEdges.values()) lists.add(edgeList(edges));

            int[] order = groupOrder(matrices, lists);
            int[] position = new int[gc];
            for (int p = 0; p < gc; p++) position[order[p]] = p;
            List<GroupPlan> plans = new ArrayList<>();
            int input = -1;
            int output = -1;
            for (int p = 0; p < gc; p++) {
                GroupPlan plan = plan(order[p]);
                plans.add(plan);
                if (plan.isInput()) {
                    if (input >= 0) throw new IllegalArgumentException("two input groups: '" + plans.get(input).name() + "' and '" + plan.name() + "'");
                    input = p;
                }
                if (plan.isOutput()) {
                    if (output >= 0) throw new IllegalArgumentException("two output groups: '" + plans.get(output).name() + "' and '" + plan.name() + "'");
                    output = p;
                }
            }
            if (input < 0) throw new IllegalArgumentException("no group of input nodes");
            if (output < 0) throw new IllegalArgumentException("no group of output nodes");
            List<MatrixBlock> ms = new ArrayList<>();
            for (MatrixBlock b : matrices) {
                ms.add(new MatrixBlock(b.role(), position[b.source()], position[b.target()], b.delay(), b.rows(), b.cols(),
                        b.edgeAt(), b.edgeCount(), b.learnable()));
                if (plans.get(position[b.target()]).isInput()) throw new IllegalArgumentException("edges into the input group '" + groupNames[b.target()] + "': inputs are clamped");
            }
            List<EdgeListBlock> ls = new ArrayList<>();
            for (EdgeListBlock b : lists) {
                ls.add(new EdgeListBlock(position[b.source()], position[b.target()], b.delay(), b.edges(), b.sourceCol(),
                        b.targetCol(), b.weightLearnable(), b.leakLearnable()));
                if (plans.get(position[b.target()]).isInput()) throw new IllegalArgumentException("edges into the input group '" + groupNames[b.target()] + "': inputs are clamped");
            }
            return new BlockLayout(g, List.copyOf(plans), position, column, List.copyOf(ms), List.copyOf(ls), input, output);
        }

        private void classifyEdges(Map<BlockKey, Edges> matrixEdges, Map<BlockKey, Edges> listEdges) {
            int[] src = g.src();
            int[] dst = g.dst();
            int[] unit = g.units();
            double[] delay = g.delay();
            double[] leak = g.leak();
            byte[] learn = g.learnable();
            for (int e = 0; e < g.edgeCount(); e++) {
                int u = src[e];
                int v = dst[e];
                int gu = group[u];
                int gv = group[v];
                if (gu == gv && unit[u] >= 0 && unit[u] == unit[v]) {
                    matrixEdges.computeIfAbsent(new BlockKey(true, gv, gv, 0), k -> new Edges()).add(e);
                } else if (leak[e] == 0 && (learn[e] & Learnable.LEAK) == 0 && delay[e] == Math.floor(delay[e])) {
                    if (gu == gv && delay[e] == 0) {
                        throw new IllegalArgumentException("instant edge inside group '" + groupNames[gv] + "' ('" + g.nodeId(u)
                                + "' -> '" + g.nodeId(v) + "'): the dense-block path evaluates a group at once");
                    }
                    matrixEdges.computeIfAbsent(new BlockKey(false, gu, gv, delay[e]), k -> new Edges()).add(e);
                } else {
                    if (gu == gv && delay[e] < 1) {
                        throw new IllegalArgumentException("edge '" + g.nodeId(u) + "' -> '" + g.nodeId(v) + "' inside group '"
                                + groupNames[gv] + "' has delay " + delay[e] + " < 1: the dense-block path evaluates a group at once");
                    }
                    listEdges.computeIfAbsent(new BlockKey(false, gu, gv, delay[e]), k -> new Edges()).add(e);
                }
            }
        }

        private MatrixBlock matrixBlock(Edges edges) {
            int e0 = edges.get(0);
            int gu = group[g.src()[e0]];
            int gv = group[g.dst()[e0]];
            boolean internal = gu == gv && g.units()[g.src()[e0]] >= 0 && g.units()[g.src()[e0]] == g.units()[g.dst()[e0]];
            int rows = members.get(gu).length;
            int cols = members.get(gv).length;
            int[] at = new int[rows * cols];
            Arrays.fill(at, -1);
            boolean learnable = (g.learnable()[e0] & Learnable.WEIGHT) != 0;
            for (int k = 0; k < edges.size(); k++) {
                int e = edges.get(k);
                int u = g.src()[e];
                int v = g.dst()[e];
                int cell = column[u] * cols + column[v];
                if (at[cell] >= 0) {
                    throw new IllegalArgumentException("parallel edges '" + g.nodeId(u) + "' -> '" + g.nodeId(v) + "' in block '"
                            + groupNames[gu] + "' -> '" + groupNames[gv] + "': a dense block holds at most one edge per pair");
                }
                if (((g.learnable()[e] & Learnable.WEIGHT) != 0) != learnable) {
                    throw new IllegalArgumentException("block '" + groupNames[gu] + "' -> '" + groupNames[gv]
                            + "' mixes learnable and fixed weights (edge '" + g.nodeId(u) + "' -> '" + g.nodeId(v) + "')");
                }
                at[cell] = e;
            }
            MatrixBlock.Role role = internal ? MatrixBlock.Role.UNIT_INTERNAL : MatrixBlock.Role.FEED_FORWARD;
            int d = internal ? 0 : (int) g.delay()[e0];
            return new MatrixBlock(role, gu, gv, d, rows, cols, at, edges.size(), learnable);
        }

        private EdgeListBlock edgeList(Edges edges) {
            int e0 = edges.get(0);
            int gu = group[g.src()[e0]];
            int gv = group[g.dst()[e0]];
            int m = edges.size();
            int[] es = new int[m];
            int[] sc = new int[m];
            int[] tc = new int[m];
            boolean wl = (g.learnable()[e0] & Learnable.WEIGHT) != 0;
            boolean ll = (g.learnable()[e0] & Learnable.LEAK) != 0;
            for (int i = 0; i < m; i++) {
                int e = edges.get(i);
                es[i] = e;
                sc[i] = column[g.src()[e]];
                tc[i] = column[g.dst()[e]];
                byte f = g.learnable()[e];
                if (((f & Learnable.WEIGHT) != 0) != wl || ((f & Learnable.LEAK) != 0) != ll) {
                    throw new IllegalArgumentException("edges '" + groupNames[gu] + "' -> '" + groupNames[gv]
                            + "' with delay " + g.delay()[e0] + " mix learnable flags (edge '" + g.nodeId(g.src()[e]) + "' -> '"
                            + g.nodeId(g.dst()[e]) + "')");
                }
            }
            return new EdgeListBlock(gu, gv, g.delay()[e0], es, sc, tc, wl, ll);
        }

        /** Kahn's algorithm over instant block dependencies; ties keep the graph's group order. */
        private int[] groupOrder(List<MatrixBlock> matrices, List<EdgeListBlock> lists) {
            int gc = groupNames.length;
            boolean[][] before = new boolean[gc][gc];
            for (MatrixBlock b : matrices) {
                if (b.role() == MatrixBlock.Role.FEED_FORWARD && b.delay() == 0) before[b.source()][b.target()] = true;
            }
            for (EdgeListBlock b : lists) if (b.wholeSteps() == 0) before[b.source()][b.target()] = true;
            int[] indeg = new int[gc];
            for (int a = 0; a < gc; a++) for (int b = 0; b < gc; b++) if (before[a][b]) indeg[b]++;
            int[] order = new int[gc];
            boolean[] done = new boolean[gc];
            for (int p = 0; p < gc; p++) {
                int next = -1;
                for (int c = 0; c < gc && next < 0; c++) if (!done[c] && indeg[c] == 0) next = c;
                if (next < 0) {
                    List<String> left = new ArrayList<>();
                    for (int c = 0; c < gc; c++) if (!done[c]) left.add(groupNames[c]);
                    throw new IllegalArgumentException("instant (delay 0) edges form a cycle between groups " + left);
                }
                done[next] = true;
                order[p] = next;
                for (int b = 0; b < gc; b++) if (before[next][b]) indeg[b]--;
            }
            return order;
        }

        private GroupPlan plan(int k) {
            String name = groupNames[k];
            int[] nodes = members.get(k);
            if (nodes.length == 0) throw new IllegalArgumentException("group '" + name + "' has no nodes");
            NodeKind kind = g.kind(nodes[0]);
            Activation act = g.activations()[nodes[0]];
            double[] thr = new double[nodes.length];
            int[] unitIds = g.units();
            boolean units = unitIds[nodes[0]] >= 0;
            for (int j = 0; j < nodes.length; j++) {
                int v = nodes[j];
                if (g.kind(v) != kind) throw new IllegalArgumentException("group '" + name + "' mixes " + kind + " and " + g.kind(v) + " nodes ('" + g.nodeId(v) + "')");
                if (g.activations()[v] != act) throw new IllegalArgumentException("group '" + name + "' mixes activations " + act + " and " + g.activations()[v] + " ('" + g.nodeId(v) + "')");
                if ((unitIds[v] >= 0) != units) throw new IllegalArgumentException("group '" + name + "' has nodes in units and nodes without ('" + g.nodeId(v) + "')");
                thr[j] = g.thresholds()[v];
            }
            if (kind == NodeKind.OVERSEER) throw new IllegalArgumentException("group '" + name + "': overseer nodes are not supported by the dense-block path");
            int[] unitOf = null;
            int rec = 1;
            if (units) {
                unitOf = new int[nodes.length];
                Map<Integer, Integer> local = new LinkedHashMap<>();
                for (int j = 0; j < nodes.length; j++) {
                    int u = unitIds[nodes[j]];
                    Integer l = local.get(u);
                    if (l == null) {
                        l = local.size();
                        local.put(u, l);
                        Unit spec = net.units().get(g.unitNames()[u]);
                        int r = spec == null ? 1 : spec.rec();
                        if (local.size() == 1) rec = r;
                        else if (r != rec) throw new IllegalArgumentException("units of group '" + name + "' differ in rec (" + rec + " and " + r + " for '" + g.unitNames()[u] + "')");
                    }
                    unitOf[j] = l;
                }
            }
            NodeGroup settings = net.groups().get(name);
            int unitWinners = settings == null ? 0 : settings.unitWinners();
            int kWinners = settings == null ? 0 : settings.kWinners();
            double boost = settings == null ? 0 : settings.boost();
            if (unitWinners > 0 && !units) throw new IllegalArgumentException("group '" + name + "' sets unit winners but has no units");
            if (kWinners > nodes.length) throw new IllegalArgumentException("group '" + name + "': k=" + kWinners + " winners of " + nodes.length + " nodes");
            return new GroupPlan(name, nodes, kind, act, thr, unitOf, rec, unitWinners, kWinners, boost);
        }
    }
}
