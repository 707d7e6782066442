package org.thousandbrains.graph.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.thousandbrains.graph.build.LayeredNetwork;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Network;

/** {@code toString()} of a network and of its compiled graph: one line a notebook cell shows, with the counts of the graph. */
class SummaryStringTest {
    @Test
    void networkAndCompiledGraphSayWhatTheyHold() {
        Network net = LayeredNetwork.builder().inputs(4).dense(6, Activation.RELU).kWinners(0.5).outputs(3).delay(1.0).build();
        net.settings().readout(5, 2).inputSteps(2);
        // 4 + 6 + 3 nodes; 4·6 + 6·3 synapses; groups input, h1, output
        assertEquals("Network[13 nodes (4 input, 3 output), 42 synapses, 3 group(s), T=5, input sequence of 2 steps]", net.toString());
        // every node its own SCC (feed-forward); delay-1 edges only: the k-WTA block and the 7 other nodes in one wave
        CompiledGraph g = GraphCompiler.compile(net);
        assertEquals("CompiledGraph[13 nodes (4 in, 3 out), 42 edges, 1 k-WTA group(s), 13 SCCs, " + g.waveCount()
                + " instant waves, delays [1, 8], T=5, readout mean of last 2, input sequence of 2 steps]", g.toString());
        assertEquals(1, g.waveCount(), "no instant edge: one wave");
    }
}
