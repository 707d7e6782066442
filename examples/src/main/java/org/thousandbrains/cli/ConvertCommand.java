package org.thousandbrains.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.thousandbrains.api.Topologies;
import org.thousandbrains.graph.graphml.ImportResult;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.SparseNetwork;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tb convert IN OUT [--map weight=ATTR[*SCALE]]}: converts between GraphML ({@code .graphml},
 * {@code .xml}), edge-list CSV ({@code .csv}) and the binary edge format ({@code .tbg}) in any direction, or
 * GraphML to GraphML (normalized to the thousandBrains schema). CSV and .tbg go through the arrays (no object
 * per synapse), so a connectome-size graph converts in seconds. Says what the output format cannot keep.
 */
@Command(name = "convert", description = "Convert a network between GraphML, edge-list CSV and the binary .tbg format (by file extension).")
public final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "the network to read: .graphml, .xml, .csv or .tbg")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "the file to write: .graphml, .xml, .csv or .tbg")
    Path out;

    @Option(names = "--map", paramLabel = "weight=ATTR[*SCALE]", description = "take a parameter from a GraphML attribute (repeatable)")
    List<String> maps = new ArrayList<>();

    @Override
    public Integer call() {
        Topologies.Format outFormat = NetworkFiles.format(out);
        ImportResult r = outFormat == Topologies.Format.GRAPHML ? NetworkFiles.read(in, NetworkFiles.mappings(maps))
                : NetworkFiles.readArrays(in, NetworkFiles.mappings(maps));
        for (String w : r.report().warnings()) System.err.println("tb convert: warning: " + in + ": " + w);
        NetworkFiles.write(r, out);
        SparseNetwork net = r.sparse();
        System.out.println("wrote " + out + ": " + net.nodeCount() + " nodes, " + net.edgeCount() + " synapses");
        String lost = outFormat == Topologies.Format.CSV ? csvLosses(net) : outFormat == Topologies.Format.TBG ? tbgLosses(net) : "";
        if (!lost.isEmpty()) {
            String keeps = outFormat == Topologies.Format.CSV ? "an edge-list CSV keeps only src,dst,weight,delay,leak"
                    : "a .tbg keeps nodes, synapses, groups, units and settings";
            System.out.println("note: " + keeps + "; not kept: " + lost);
        }
        return 0;
    }

    /** What of this network an edge-list CSV cannot hold, or "" when nothing is lost. */
    static String csvLosses(SparseNetwork net) {
        List<String> lost = new ArrayList<>();
        SparseNetwork.Nodes n = net.nodes();
        SparseNetwork.Edges e = net.edges();
        boolean[] touched = new boolean[n.count()];
        for (int k = 0; k < e.count(); k++) touched[e.src()[k]] = touched[e.dst()[k]] = true;
        int isolated = 0;
        boolean nodeSettings = !n.attributes().isEmpty();
        for (int v = 0; v < n.count(); v++) {
            if (!touched[v]) isolated++;
            Activation dflt = n.kind()[v] == NodeKind.NEURON ? Activation.RELU : Activation.IDENTITY;
            nodeSettings |= n.kind()[v] != NodeKind.NEURON || n.activation()[v] != dflt || n.bias()[v] != 0
                    || n.threshold()[v] != 0 || n.group()[v] != null || n.unit()[v] != null;
        }
        boolean learnable = false;
        for (byte b : e.learnable()) learnable |= b != Learnable.ALL;
        if (isolated > 0) lost.add(isolated + " node(s) without synapses");
        if (nodeSettings) lost.add("node kinds, parameters and attributes");
        if (edgeIds(e) || !e.attributes().isEmpty() || learnable) lost.add("edge ids, learnable flags and attributes");
        if (!net.groups().isEmpty() || !net.units().isEmpty()) lost.add("groups and units");
        if (!net.metadata().isEmpty()) lost.add("graph attributes");
        return String.join("; ", lost);
    }

    /** What of this network a .tbg file cannot hold (uninterpreted attributes and edge ids), or "". */
    static String tbgLosses(SparseNetwork net) {
        List<String> lost = new ArrayList<>();
        if (!net.nodes().attributes().isEmpty()) lost.add("node attributes");
        if (edgeIds(net.edges()) || !net.edges().attributes().isEmpty()) lost.add("edge ids and attributes");
        if (!net.metadata().isEmpty()) lost.add("graph attributes");
        return String.join("; ", lost);
    }

    private static boolean edgeIds(SparseNetwork.Edges e) {
        if (e.id() == null) return false;
        for (String id : e.id()) if (id != null) return true;
        return false;
    }
}
