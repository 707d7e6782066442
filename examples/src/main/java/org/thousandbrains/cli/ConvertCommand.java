package org.thousandbrains.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.thousandbrains.graph.graphml.AttributeMapping;
import org.thousandbrains.graph.graphml.ImportResult;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Synapse;

/**
 * {@code tb convert IN OUT [--map weight=ATTR[*SCALE]]}: converts between GraphML
 * ({@code .graphml}, {@code .xml}) and edge-list CSV ({@code .csv}) in either direction, or
 * GraphML to GraphML (normalized to the thousandBrains schema). Says what a CSV cannot keep.
 */
public final class ConvertCommand implements Command {
    private static final String USAGE = "usage: tb convert IN OUT [--map weight=ATTR[*SCALE]]...  (.graphml/.xml or .csv)";

    @Override
    public String name() {
        return "convert";
    }

    @Override
    public String summary() {
        return "convert a network between GraphML and edge-list CSV";
    }

    @Override
    public int run(String[] args) {
        List<String> files = new ArrayList<>();
        List<AttributeMapping> mappings = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.println(USAGE);
                return 0;
            } else if (args[i].equals("--map")) {
                if (++i >= args.length) throw new CliException("--map needs a value such as weight=synapses*0.001");
                mappings.add(NetworkFiles.mapping(args[i]));
            } else if (args[i].startsWith("--map=")) {
                mappings.add(NetworkFiles.mapping(args[i].substring(6)));
            } else if (args[i].startsWith("-")) {
                throw new CliException("unknown option '" + args[i] + "' (" + USAGE + ")");
            } else {
                files.add(args[i]);
            }
        }
        if (files.size() != 2) throw new CliException(USAGE);
        Path in = Path.of(files.get(0));
        Path out = Path.of(files.get(1));
        NetworkFiles.Format outFormat = NetworkFiles.format(out);
        ImportResult r = NetworkFiles.read(in, mappings);
        for (String w : r.report().warnings()) System.err.println("tb convert: warning: " + in + ": " + w);
        Network net = r.network();
        NetworkFiles.write(net, out);
        System.out.println("wrote " + out + ": " + net.nodeCount() + " nodes, " + net.synapseCount() + " synapses");
        if (outFormat == NetworkFiles.Format.CSV) {
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
