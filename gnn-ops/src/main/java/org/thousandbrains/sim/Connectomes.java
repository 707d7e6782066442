package org.thousandbrains.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.thousandbrains.graph.graphml.GraphMLReader;
import org.thousandbrains.graph.graphml.ImportResult;
import org.thousandbrains.graph.topology.Network;

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
     * {@link ConnectomeDefaults#standard()} delays and GABA signs. All 279 nodes are ordinary ReLU neurons
     * (no input or output nodes): a {@link Simulation} drives the sensory ones.
     */
    public static Network celegans() {
        Network net = celegansImport().network();
        ConnectomeDefaults.standard().apply(net);
        return net;
    }

    /** The C. elegans file as imported (directed, no delays or signs applied) with its import report. */
    public static ImportResult celegansImport() {
        try (InputStream in = Connectomes.class.getResourceAsStream(CELEGANS_RESOURCE)) {
            if (in == null) throw new IllegalStateException("resource " + CELEGANS_RESOURCE + " is missing from the classpath");
            return new GraphMLReader().allDirected(true).read(in, "celegans_pharynx.graphml");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CELEGANS_RESOURCE, e);
        }
    }
}
