package org.thousandbrains.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.thousandbrains.graph.graphml.GraphMLReader;
import org.thousandbrains.graph.graphml.ImportResult;
import org.thousandbrains.graph.topology.Attribute;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.Synapse;

/**
 * Connectomes shipped inside the library (on the classpath, so a notebook finds them from any
 * folder). {@link #celegans()}: the C. elegans hermaphrodite nervous system after Varshney et al.
 * 2011 (NeuroData "c.elegans.herm_pharynx_1": 279 neurons, 2,194 chemical and 1,031 electrical
 * synapse records; GPL-3.0, provenance in {@code CELEGANS-NOTICE.md} beside the file). Node
 * attributes: {@code cell_name}, {@code cell_class}, {@code soma_pos} (0..1 along the body),
 * {@code neurotransmitters}, {@code role} (S sensory, M motor, NA other); edge attributes
 * {@code synapse_type} (C/E) and {@code weight} (the synapse count).
 */
public final class Connectomes {
    /** Classpath resource of the C. elegans file. */
    public static final String CELEGANS_RESOURCE = "/org/thousandbrains/sim/celegans_pharynx.graphml";
    /** Node attribute and value of the sensory neurons in {@link #celegans()}. */
    public static final String ROLE = "role";
    public static final String SENSORY = "S";
    public static final String MOTOR = "M";

    private Connectomes() {
    }

    /**
     * The C. elegans connectome ready to simulate: every edge one synapse from its source to its target
     * (the file lists each chemical synapse once per direction that exists and each gap junction in both
     * directions, under {@code edgedefault="undirected"}), weight = synapse count, and
     * {@link ConnectomeDefaults#standard()} delays and GABA signs. Node ids are the cell names
     * ({@code AVAL}, {@code ASHR}, ...; the file's ids {@code n0..n278} stay in the {@code graphml_id}
     * attribute), in the file's order. All 279 nodes are ordinary ReLU neurons (no input or output
     * nodes): a {@link Simulation} drives the sensory ones.
     */
    public static Network celegans() {
        Network net = celegansImport().network();
        ConnectomeDefaults.standard().apply(net);
        return net;
    }

    /** A copy of the imported file whose node ids are the {@code cell_name} values. */
    private static Network byCellName(Network file) {
        Network net = new Network();
        net.metadata().putAll(file.metadata());
        for (Neuron n : file.nodes()) {
            Neuron copy = net.addNode(n.metadata().get("cell_name").value(), n.kind(), n.activation());
            n.metadata().values().forEach(copy::attribute);
            copy.attribute(new Attribute("graphml_id", "string", n.id()));
        }
        for (Synapse s : file.synapses()) {
            Synapse copy = net.connect(net.node(file.source(s).metadata().get("cell_name").value()),
                    net.node(file.target(s).metadata().get("cell_name").value()), s.weight(), s.delay(), s.leak());
            copy.learnable(s.learnable());
            s.metadata().values().forEach(copy::attribute);
        }
        return net;
    }

    /**
     * The C. elegans file as imported, directed and with cell names as node ids but without
     * {@link ConnectomeDefaults} (delay 1, synapse counts as weights), and its import report.
     */
    public static ImportResult celegansImport() {
        try (InputStream in = Connectomes.class.getResourceAsStream(CELEGANS_RESOURCE)) {
            if (in == null) throw new IllegalStateException("resource " + CELEGANS_RESOURCE + " is missing from the classpath");
            ImportResult file = new GraphMLReader().allDirected(true).read(in, "celegans_pharynx.graphml");
            return new ImportResult(byCellName(file.network()), file.report());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CELEGANS_RESOURCE, e);
        }
    }
}
