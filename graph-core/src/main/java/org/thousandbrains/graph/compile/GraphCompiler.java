package org.thousandbrains.graph.compile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.SparseNetwork;

/**
 * Compiles a network into a {@link CompiledGraph} in O(N + E) time and memory: checks every
 * parameter, sorts edges by target (CSR) and by source (CSC) with counting sorts, finds the
 * strongly connected components (iterative Tarjan, so deep graphs do not overflow the stack),
 * checks that no edge below delay 1 lies inside a component (which also makes the instant
 * edges acyclic), builds and checks the groups, units and evaluation blocks ({@link GroupStructure})
 * and orders the blocks into instant waves ({@link BlockSchedule}). This is the one place where a
 * topology is validated; {@code Validator} adds warnings on top. (Named {@code GraphCompiler}, not {@code Compiler},
 * so that wildcard imports in a notebook do not collide with {@code java.lang.Compiler}.)
 */
public final class GraphCompiler {
    private GraphCompiler() {
    }

    public static CompiledGraph compile(Network net) {
        return compile(EdgeTable.of(net));
    }

    /** Compiles an array-backed network straight from its columns (no per-edge objects). */
    public static CompiledGraph compile(SparseNetwork net) {
        return compile(EdgeTable.of(net));
    }

    public static CompiledGraph compile(EdgeTable t) {
        int n = t.nodeCount;
        int e = t.edgeCount;
        checkParameters(t);

        // CSR by target: a stable counting sort that scatters every per-edge array in one sequential read pass.
        int[] rowPtr = new int[n + 1];
        for (int k = 0; k < e; k++) rowPtr[t.dst[k] + 1]++;
        for (int v = 0; v < n; v++) rowPtr[v + 1] += rowPtr[v];
        int[] fill = Arrays.copyOf(rowPtr, n);
        int[] order = new int[e];
        int[] src = new int[e];
        double[] w = new double[e];
        double[] d = new double[e];
        double[] lam = new double[e];
        byte[] learn = new byte[e];
        for (int k = 0; k < e; k++) {
            int p = fill[t.dst[k]]++;
            order[p] = k;
            src[p] = t.src[k];
            w[p] = t.weight[k];
            d[p] = t.delay[k];
            lam[p] = t.leak[k];
            learn[p] = t.learnable[k];
        }
        fill = null;
        int[] dst = new int[e];
        for (int v = 0; v < n; v++) Arrays.fill(dst, rowPtr[v], rowPtr[v + 1], v);

        // CSC by source, listing CSR positions.
        int[] colPtr = new int[n + 1];
        for (int p = 0; p < e; p++) colPtr[src[p] + 1]++;
        for (int u = 0; u < n; u++) colPtr[u + 1] += colPtr[u];
        int[] cfill = Arrays.copyOf(colPtr, n);
        int[] cscEdge = new int[e];
        for (int p = 0; p < e; p++) cscEdge[cfill[src[p]]++] = p;
        cfill = null;
        // Targets in CSC order, gathered once so that the graph walks below read them sequentially.
        int[] outDst = new int[e];
        for (int j = 0; j < e; j++) outDst[j] = dst[cscEdge[j]];

        int[] scc = new int[n];
        int sccCount = tarjan(n, colPtr, outDst, scc);
        int instantCount = 0;
        for (int p = 0; p < e; p++) {
            if (d[p] >= 1.0) continue;
            int unitOfSrc = t.unit[src[p]];
            if (unitOfSrc >= 0 && unitOfSrc == t.unit[dst[p]]) continue; // unit-internal: no delay
            instantCount++;
            if (scc[src[p]] == scc[dst[p]]) {
                throw new TopologyException(instantCycleMessage(t, p, src, dst, d, colPtr, outDst, scc));
            }
        }
        GroupStructure groups = GroupStructure.of(t, src, dst, d, scc);
        checkReadout(t);

        boolean[] instant = new boolean[e];
        if (instantCount > 0) for (int p = 0; p < e; p++) instant[p] = d[p] < 1.0;
        BlockSchedule waves = BlockSchedule.of(groups.blockCount(), groups.blockOf(), src, dst, instant, groups.internalEdges());
        int[] outputs = nodesOfKind(t, NodeKind.OUTPUT);
        int[] inputs = nodesOfKind(t, NodeKind.INPUT);
        return new CompiledGraph(n, e, t.nodeIds, t.kind, t.activation, t.bias, t.threshold, t.group, t.groupNames,
                t.unit, t.unitNames, rowPtr, src, dst, w, d, lam, learn, order, colPtr, cscEdge, scc, sccCount,
                waves.wavePtr, waves.order, inputs, outputs, t.dMin, t.dMax, groups, t.steps, t.readoutWindow, t.inputSteps);
    }

    private static void checkReadout(EdgeTable t) {
        if (t.steps < 1 || t.readoutWindow < 1 || t.readoutWindow > t.steps) {
            throw new TopologyException("readout needs 1 <= K <= T, got T=" + t.steps + ", K=" + t.readoutWindow);
        }
        if (t.inputSteps < 0 || t.inputSteps > t.steps) {
            throw new TopologyException("input steps L=" + t.inputSteps + " must lie in [0, T=" + t.steps
                    + "] (a sequence of L steps needs L <= T; 0 holds the input constant)");
        }
    }

    private static void checkParameters(EdgeTable t) {
        for (int v = 0; v < t.nodeCount; v++) {
            if (!Double.isFinite(t.bias[v])) {
                throw new TopologyException("node '" + t.nodeIds[v] + "': bias is " + t.bias[v] + " (must be finite)");
            }
        }
        for (int k = 0; k < t.edgeCount; k++) {
            int u = t.src[k];
            int v = t.dst[k];
            if (u < 0 || u >= t.nodeCount || v < 0 || v >= t.nodeCount) {
                throw new TopologyException("edge #" + k + ": endpoint index out of range [0, " + t.nodeCount + ")");
            }
            String where = null;
            if (!Double.isFinite(t.weight[k])) where = "weight is " + t.weight[k] + " (must be finite)";
            else if (!Double.isFinite(t.delay[k])) where = "delay is " + t.delay[k] + " (must be finite)";
            else if (!Double.isFinite(t.leak[k])) where = "leak is " + t.leak[k] + " (must be finite)";
            else if (t.delay[k] < t.dMin || t.delay[k] > t.dMax) {
                where = "delay " + t.delay[k] + " outside [d_min, d_max] = [" + t.dMin + ", " + t.dMax + "]";
            } else if (t.leak[k] < 0 || t.leak[k] >= 1) where = "leak " + t.leak[k] + " outside [0, 1)";
            if (where != null) {
                throw new TopologyException("edge #" + k + " '" + t.nodeIds[u] + "' -> '" + t.nodeIds[v] + "': " + where);
            }
        }
    }

    /** Iterative Tarjan over the out-adjacency (targets of u: outDst[colPtr[u] .. colPtr[u+1]-1]); returns the component count. */
    static int tarjan(int n, int[] colPtr, int[] outDst, int[] comp) {
        int[] index = new int[n];
        int[] low = new int[n];
        boolean[] onStack = new boolean[n];
        Arrays.fill(index, -1);
        int[] stack = new int[n];
        int sp = 0;
        int[] callNode = new int[n];
        int[] callPos = new int[n];
        int counter = 0;
        int count = 0;
        for (int root = 0; root < n; root++) {
            if (index[root] >= 0) continue;
            int depth = 0;
            callNode[0] = root;
            callPos[0] = colPtr[root];
            index[root] = low[root] = counter++;
            stack[sp++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int v = callNode[depth];
                int pos = callPos[depth];
                if (pos < colPtr[v + 1]) {
                    callPos[depth] = pos + 1;
                    int w = outDst[pos];
                    if (index[w] < 0) {
                        index[w] = low[w] = counter++;
                        stack[sp++] = w;
                        onStack[w] = true;
                        depth++;
                        callNode[depth] = w;
                        callPos[depth] = colPtr[w];
                    } else if (onStack[w] && index[w] < low[v]) {
                        low[v] = index[w];
                    }
                } else {
                    if (low[v] == index[v]) {
                        int w;
                        do {
                            w = stack[--sp];
                            onStack[w] = false;
                            comp[w] = count;
                        } while (w != v);
                        count++;
                    }
                    depth--;
                    if (depth >= 0) {
                        int parent = callNode[depth];
                        if (low[v] < low[parent]) low[parent] = low[v];
                    }
                }
            }
        }
        return count;
    }

    private static int[] nodesOfKind(EdgeTable t, NodeKind kind) {
        int count = 0;
        for (NodeKind k : t.kind) if (k == kind) count++;
        int[] out = new int[count];
        int i = 0;
        for (int v = 0; v < t.nodeCount; v++) if (t.kind[v] == kind) out[i++] = v;
        return out;
    }

    /** Names the offending edge and a cycle through it: a shortest path back from its target to its source. */
    private static String instantCycleMessage(EdgeTable t, int p, int[] src, int[] dst, double[] d, int[] colPtr,
                                              int[] outDst, int[] scc) {
        int u = src[p];
        int v = dst[p];
        List<Integer> path = new ArrayList<>();
        if (u == v) {
            path.add(u);
        } else {
            int[] prev = new int[t.nodeCount];
            Arrays.fill(prev, -2);
            ArrayDeque<Integer> q = new ArrayDeque<>();
            q.add(v);
            prev[v] = -1;
            while (!q.isEmpty() && prev[u] == -2) {
                int a = q.poll();
                for (int j = colPtr[a]; j < colPtr[a + 1]; j++) {
                    int b = outDst[j];
                    if (prev[b] == -2 && scc[b] == scc[u]) {
                        prev[b] = a;
                        q.add(b);
                    }
                }
            }
            for (int x = u; x != -1; x = prev[x]) path.add(0, x);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("edge '").append(t.nodeIds[u]).append("' -> '").append(t.nodeIds[v]).append("' has delay ")
                .append(d[p]).append(" < 1 but lies on a cycle: ");
        sb.append(t.nodeIds[u]);
        for (int x : path) sb.append(" -> ").append(t.nodeIds[x]);
        sb.append(" (edges inside a strongly connected component need delay >= 1)");
        return sb.toString();
    }
}
