package org.thousandbrains.graph.topology;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

import org.jgrapht.GraphType;
import org.jgrapht.graph.AbstractGraph;
import org.jgrapht.graph.DefaultGraphType;

/**
 * The JGraphT view of a {@link SparseNetwork}: vertices are the node indices {@code 0..N-1}, edges the edge
 * indices {@code 0..E-1}, incidence held in two CSR index arrays (out-edges by source, in-edges by target) built
 * once, as JGraphT's {@code opt.graph.sparse} graphs do, so JGraphT's algorithms run without a vertex or edge
 * object per element. A directed, weighted, unmodifiable pseudograph; the weight of an edge is its
 * <em>delay</em> (positive, the time a signal takes), so shortest paths are earliest arrivals.
 */
final class SparseGraph extends AbstractGraph<Integer, Integer> {
    private static final GraphType TYPE = DefaultGraphType.directedPseudograph().asWeighted().asUnmodifiable();

    private final int n;
    private final int[] src;
    private final int[] dst;
    private final double[] delay;
    private final int[] outPtr;
    private final int[] outEdge;
    private final int[] inPtr;
    private final int[] inEdge;

    SparseGraph(int n, int[] src, int[] dst, double[] delay) {
        this.n = n;
        this.src = src;
        this.dst = dst;
        this.delay = delay;
        this.outPtr = new int[n + 1];
        this.inPtr = new int[n + 1];
        this.outEdge = new int[src.length];
        this.inEdge = new int[src.length];
        incidence(src, outPtr, outEdge);
        incidence(dst, inPtr, inEdge);
    }

    /** Counting sort of the edge indices by {@code end[e]}: stable, so each slice lists edges in index order. */
    private static void incidence(int[] end, int[] ptr, int[] edges) {
        for (int v : end) ptr[v + 1]++;
        for (int v = 0; v < ptr.length - 1; v++) ptr[v + 1] += ptr[v];
        int[] fill = ptr.clone();
        for (int e = 0; e < end.length; e++) edges[fill[end[e]]++] = e;
    }

    private boolean isVertex(Integer v) {
        return v != null && v >= 0 && v < n;
    }

    private int vertex(Integer v) {
        if (!isVertex(v)) throw new IllegalArgumentException("no such vertex in graph: " + v);
        return v;
    }

    private int edge(Integer e) {
        if (e == null || e < 0 || e >= src.length) throw new IllegalArgumentException("no such edge in graph: " + e);
        return e;
    }

    @Override
    public Set<Integer> getAllEdges(Integer u, Integer v) {
        if (!isVertex(u) || !isVertex(v)) return null;
        Set<Integer> out = new LinkedHashSet<>();
        for (int i = outPtr[u]; i < outPtr[u + 1]; i++) if (dst[outEdge[i]] == v) out.add(outEdge[i]);
        return out;
    }

    @Override
    public Integer getEdge(Integer u, Integer v) {
        if (!isVertex(u) || !isVertex(v)) return null;
        for (int i = outPtr[u]; i < outPtr[u + 1]; i++) if (dst[outEdge[i]] == v) return outEdge[i];
        return null;
    }

    @Override
    public Supplier<Integer> getVertexSupplier() {
        return null;
    }

    @Override
    public Supplier<Integer> getEdgeSupplier() {
        return null;
    }

    @Override
    public Integer addEdge(Integer u, Integer v) {
        throw unmodifiable();
    }

    @Override
    public boolean addEdge(Integer u, Integer v, Integer e) {
        throw unmodifiable();
    }

    @Override
    public Integer addVertex() {
        throw unmodifiable();
    }

    @Override
    public boolean addVertex(Integer v) {
        throw unmodifiable();
    }

    @Override
    public boolean containsEdge(Integer e) {
        return e != null && e >= 0 && e < src.length;
    }

    @Override
    public boolean containsVertex(Integer v) {
        return isVertex(v);
    }

    @Override
    public Set<Integer> edgeSet() {
        return IntSliceSet.range(src.length);
    }

    @Override
    public int degreeOf(Integer v) {
        return inDegreeOf(v) + outDegreeOf(v);
    }

    /** Out-edges, then in-edges that are not self-loops (a self-loop is listed once). */
    @Override
    public Set<Integer> edgesOf(Integer v) {
        int x = vertex(v);
        int outs = outPtr[x + 1] - outPtr[x];
        int[] all = new int[outs + inPtr[x + 1] - inPtr[x]];
        System.arraycopy(outEdge, outPtr[x], all, 0, outs);
        int k = outs;
        for (int i = inPtr[x]; i < inPtr[x + 1]; i++) if (src[inEdge[i]] != x) all[k++] = inEdge[i];
        return new IntSliceSet(all, 0, k);
    }

    @Override
    public int inDegreeOf(Integer v) {
        int x = vertex(v);
        return inPtr[x + 1] - inPtr[x];
    }

    @Override
    public Set<Integer> incomingEdgesOf(Integer v) {
        int x = vertex(v);
        return new IntSliceSet(inEdge, inPtr[x], inPtr[x + 1]);
    }

    @Override
    public int outDegreeOf(Integer v) {
        int x = vertex(v);
        return outPtr[x + 1] - outPtr[x];
    }

    @Override
    public Set<Integer> outgoingEdgesOf(Integer v) {
        int x = vertex(v);
        return new IntSliceSet(outEdge, outPtr[x], outPtr[x + 1]);
    }

    @Override
    public Integer removeEdge(Integer u, Integer v) {
        throw unmodifiable();
    }

    @Override
    public boolean removeEdge(Integer e) {
        throw unmodifiable();
    }

    @Override
    public boolean removeVertex(Integer v) {
        throw unmodifiable();
    }

    @Override
    public Set<Integer> vertexSet() {
        return IntSliceSet.range(n);
    }

    @Override
    public Integer getEdgeSource(Integer e) {
        return src[edge(e)];
    }

    @Override
    public Integer getEdgeTarget(Integer e) {
        return dst[edge(e)];
    }

    @Override
    public GraphType getType() {
        return TYPE;
    }

    @Override
    public double getEdgeWeight(Integer e) {
        return delay[edge(e)];
    }

    @Override
    public void setEdgeWeight(Integer e, double weight) {
        throw unmodifiable();
    }

    private static UnsupportedOperationException unmodifiable() {
        return new UnsupportedOperationException("the array-backed graph view is read-only; build a Network to edit");
    }
}
