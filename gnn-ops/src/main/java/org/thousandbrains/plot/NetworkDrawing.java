package org.thousandbrains.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Synapse;

/**
 * A drawing of a small network in layers, left to right: inputs in column 0, every other node in the column
 * of its shortest path from an input (nodes no input reaches after the deepest), outputs in a last column of
 * their own; within a column nodes keep their order, top to bottom. A synapse is a grey line (a self-loop is
 * not drawn), a node a dot coloured by kind (the legend names them), labelled with its id up to
 * {@value #LABEL_LIMIT} nodes. Drawn by XChart. A network above {@value #MAX_NODES} nodes or
 * {@value #MAX_EDGES} synapses is refused: export it as Graphviz DOT instead.
 */
public final class NetworkDrawing extends Chart<NetworkDrawing> {
    /** Most nodes drawn. */
    public static final int MAX_NODES = 150;
    /** Most synapses drawn. */
    public static final int MAX_EDGES = 600;
    /** Most nodes whose ids are written beside them. */
    static final int LABEL_LIMIT = 40;
    static final Color EDGE = new Color(0xB0, 0xB0, 0xB0);

    private final Network net;

    public NetworkDrawing(String title, Network net) {
        super(title);
        if (net.nodeCount() > MAX_NODES || net.synapseCount() > MAX_EDGES) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s has %,d nodes and %,d synapses: a drawing holds"
                    + " at most %d nodes and %d synapses; export Graphviz DOT (Plots.dot) and render it with 'dot -Tsvg'",
                    net, net.nodeCount(), net.synapseCount(), MAX_NODES, MAX_EDGES));
        }
        if (net.nodeCount() == 0) throw new IllegalArgumentException("drawing '" + title + "': the network has no nodes");
        this.net = net;
    }

    /** Column of every node, as described above. */
    static Map<Neuron, Integer> columns(Network net) {
        Map<Neuron, Integer> depth = new HashMap<>();
        Deque<Neuron> queue = new ArrayDeque<>();
        for (Neuron v : net.nodes()) {
            if (v.kind() == NodeKind.INPUT) {
                depth.put(v, 0);
                queue.add(v);
            }
        }
        while (!queue.isEmpty()) {
            Neuron u = queue.poll();
            for (Synapse s : net.graph().outgoingEdgesOf(u)) {
                Neuron v = net.target(s);
                if (!depth.containsKey(v)) {
                    depth.put(v, depth.get(u) + 1);
                    queue.add(v);
                }
            }
        }
        int deepest = 0;
        for (Neuron v : net.nodes()) if (v.kind() != NodeKind.OUTPUT && depth.containsKey(v)) deepest = Math.max(deepest, depth.get(v));
        boolean unreached = false;
        for (Neuron v : net.nodes()) unreached |= v.kind() != NodeKind.OUTPUT && !depth.containsKey(v);
        int last = deepest + (unreached ? 2 : 1);
        Map<Neuron, Integer> col = new HashMap<>();
        for (Neuron v : net.nodes()) {
            if (v.kind() == NodeKind.OUTPUT) col.put(v, last);
            else col.put(v, depth.getOrDefault(v, deepest + 1));
        }
        return col;
    }

    /** Node positions: x = column, y spread evenly over [0, 1] within the column (one node: 0.5). */
    static Map<Neuron, double[]> layout(Network net) {
        Map<Neuron, Integer> col = columns(net);
        Map<Integer, List<Neuron>> byColumn = new HashMap<>();
        for (Neuron v : net.nodes()) byColumn.computeIfAbsent(col.get(v), c -> new ArrayList<>()).add(v);
        Map<Neuron, double[]> at = new HashMap<>();
        for (Map.Entry<Integer, List<Neuron>> e : byColumn.entrySet()) {
            List<Neuron> vs = e.getValue();
            for (int i = 0; i < vs.size(); i++) {
                double y = vs.size() == 1 ? 0.5 : 1.0 - (double) i / (vs.size() - 1);
                at.put(vs.get(i), new double[] {e.getKey(), y});
            }
        }
        return at;
    }

    /** The XChart chart at this chart's size. */
    public XYChart xchart() {
        return xchart(width(), height());
    }

    XYChart xchart(int width, int height) {
        Map<Neuron, double[]> at = layout(net);
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).build();
        XYStyler st = chart.getStyler();
        Style.apply(st, true);
        st.setPlotGridLinesVisible(false);
        st.setAxisTicksVisible(false);
        st.setPlotBorderVisible(false);
        st.setMarkerSize(12);
        double maxX = at.values().stream().mapToDouble(p -> p[0]).max().orElse(0);
        st.setXAxisMin(-0.3).setXAxisMax(maxX + 0.3).setYAxisMin(-0.1).setYAxisMax(1.1);
        int e = 0;
        for (Synapse s : net.synapses()) {
            double[] a = at.get(net.source(s));
            double[] b = at.get(net.target(s));
            if (net.source(s) == net.target(s)) continue;
            XYSeries line = chart.addSeries("e" + e++, new double[] {a[0], b[0]}, new double[] {a[1], b[1]});
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(EDGE);
            line.setLineStyle(new BasicStroke(1f));
            line.setShowInLegend(false);
        }
        Map<NodeKind, List<double[]>> byKind = new EnumMap<>(NodeKind.class);
        for (Neuron v : net.nodes()) byKind.computeIfAbsent(v.kind(), k -> new ArrayList<>()).add(at.get(v));
        for (NodeKind k : NodeKind.values()) {
            List<double[]> ps = byKind.get(k);
            if (ps == null) continue;
            XYSeries dots = chart.addSeries(k.name().toLowerCase(java.util.Locale.ROOT), ps.stream().mapToDouble(p -> p[0]).toArray(),
                    ps.stream().mapToDouble(p -> p[1]).toArray());
            dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            dots.setMarker(SeriesMarkers.CIRCLE);
            dots.setMarkerColor(colour(k));
        }
        if (net.nodeCount() <= LABEL_LIMIT) {
            for (Neuron v : net.nodes()) {
                double[] p = at.get(v);
                chart.addAnnotation(new AnnotationText(v.id(), p[0], p[1] + 0.045, false));
            }
        }
        return chart;
    }

    /** The fixed colour of a node kind. */
    static Color colour(NodeKind k) {
        return Style.SERIES[k.ordinal()];
    }

    @Override
    BufferedImage render(int width, int height) {
        return Style.image(xchart(width, height));
    }
}
