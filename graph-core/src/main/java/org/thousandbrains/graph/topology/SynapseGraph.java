package org.thousandbrains.graph.topology;

import org.jgrapht.graph.AbstractBaseGraph;
import org.jgrapht.graph.DefaultGraphSpecificsStrategy;
import org.jgrapht.graph.DefaultGraphType;

/**
 * The JGraphT graph behind a {@link Network}: a directed pseudograph (self-loops and parallel
 * synapses allowed) without JGraphT's vertex-pair lookup index. The index speeds up
 * {@code getEdge(u, v)}, which the framework never needs, and roughly doubles the cost of adding
 * the hundreds of thousands of synapses of a layered network.
 */
final class SynapseGraph extends AbstractBaseGraph<Neuron, Synapse> {
    private static final long serialVersionUID = 1L;

    SynapseGraph() {
        super(null, null, DefaultGraphType.directedPseudograph(), new DefaultGraphSpecificsStrategy<>());
    }
}
