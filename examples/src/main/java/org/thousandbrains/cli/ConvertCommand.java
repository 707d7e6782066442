package org.thousandbrains.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.thousandbrains.api.Topologies;
import org.thousandbrains.graph.graphml.ImportResult;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Synapse;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tb convert IN OUT [--map weight=ATTR[*SCALE]]}: converts between GraphML
 * ({@code .graphml}, {@code .xml}) and edge-list CSV ({@code .csv}) in either direction, or
 * GraphML to GraphML (normalized to the thousandBrains schema). Says what a CSV cannot keep.
 */
@Command(name = "convert", description = "Convert a network between GraphML and edge-list CSV (by file extension).")
public final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "the network to read: .graphml, .xml or .csv")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "the file to write: .graphml, .xml or .csv")
    Path out;

    @Option(names = "--map", paramLabel = "weight=ATTR[*SCALE]", description = "take a parameter from a GraphML attribute (repeatable)")
    List<String> maps = new ArrayList<>();

    @Override
    public Integer call() {
        Topologies.Format outFormat = NetworkFiles.format(out);
        ImportResult r = NetworkFiles.read(in, NetworkFiles.mappings(maps));
        for (String w : r.report().warnings()) System.err.println("tb convert: warning: " + in + ": " + w);
        Network net = r.network();
        NetworkFiles.write(net, out);
        System.out.println("wrote " + out + ": " + net.nodeCount() + " nodes, " + net.synapseCount() + " synapses");
        if (outFormat == Topologies.Format.CSV) {
            String lost = csvLosses(net);
            if (!lost.isEmpty()) System.out.println("note: an edge-list CSV keeps only src,dst,weight,delay,leak; not kept: " + lost);
        }
        return 0;
    }

    /** What of this network an edge-list CSV cannot hold, or "" when nothing is lost. */
    static String csvLosses(Network net) {
        List<String> lost = new ArrayList<>();
        int isolated = 0;
        boolean nodeSettings = false;
        for (Neuron n : net.nodes()) {
            if (net.graph().degreeOf(n) == 0) isolated++;
            Activation dflt = n.kind() == NodeKind.NEURON ? Activation.RELU : Activation.IDENTITY;
            nodeSettings |= n.kind() != NodeKind.NEURON || n.activation() != dflt || n.bias() != 0 || n.threshold() != 0
                    || n.group() != null || n.unit() != null || !n.metadata().isEmpty();
        }
        boolean edgeExtras = false;
        for (Synapse s : net.synapses()) {
            edgeExtras |= s.id() != null || !s.metadata().isEmpty() || s.learnable() != Learnable.ALL;
        }
        if (isolated > 0) lost.add(isolated + " node(s) without synapses");
        if (nodeSettings) lost.add("node kinds, parameters and attributes");
        if (edgeExtras) lost.add("edge ids, learnable flags and attributes");
        if (!net.groups().isEmpty() || !net.units().isEmpty()) lost.add("groups and units");
        if (!net.metadata().isEmpty()) lost.add("graph attributes");
        return String.join("; ", lost);
    }
}
