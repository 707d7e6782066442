package org.thousandbrains.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Synapse;

/**
 * The shipped C. elegans connectome and its simulation defaults. Expected counts come from the file
 * itself (its edge elements, read independently with Python's XML parser): 3,225 edges of which 1,031
 * electrical and 2,194 chemical, 107 chemical ones from GABA neurons, 98 sensory neurons, soma
 * positions 0.07..0.83, in-strength 254 synapses at AVAR (n54), 14 at ADAL (n0), 4 nodes without in-edges.
 */
class ConnectomeTest {
    @Test
    void celegansIsReadDirectedWithTypedDelaysAndInhibition() {
        Network net = Connectomes.celegans();
        assertEquals(279, net.nodeCount());
        assertEquals(3225, net.synapseCount(), "one synapse per edge element");
        int electrical = 0;
        int chemical = 0;
        int negative = 0;
        for (Synapse s : net.synapses()) {
            String type = s.metadata().get("synapse_type").value();
            if (type.equals("E")) {
                electrical++;
                assertEquals(1.0, s.delay());
            } else {
                chemical++;
                assertTrue(s.delay() >= 2 && s.delay() <= 5, "chemical delay " + s.delay());
                if (s.weight() < 0) negative++;
            }
        }
        assertEquals(1031, electrical);
        assertEquals(2194, chemical);
        assertEquals(107, negative);
        // ADAL (n0, soma 0.21) -> AIBL (n12, soma 0.14), chemical: 2 + 3·0.07/0.76
        Synapse adalAibl = net.synapses().stream()
                .filter(s -> net.source(s).id().equals("n0") && net.target(s).id().equals("n12")).findFirst().orElseThrow();
        assertEquals(2 + 3 * 0.07 / 0.76, adalAibl.delay(), 1e-12);
        assertEquals(98, sensoryCount(net));
    }

    private static int sensoryCount(Network net) {
        return (int) net.nodes().stream().filter(n -> n.metadata().get("role").value().equals("S")).count();
    }

    @Test
    void rawSynapseCountsExplodeWhileTheDefaultStaysWithinItsBoundOverAThousandSteps() {
        SimulationResult raw = Simulation.of(Connectomes.celegans()).steps(16).drive("role=S").normalization(Normalization.none()).run();
        assertTrue(raw.meanActivity()[15] > 1e9, "synapse counts as weights amplify: mean " + raw.meanActivity()[15]);
        for (Drive d : new Drive[] {Drive.constant(1), Drive.poisson(1, 0.2, 3)}) {
            SimulationResult r = Simulation.of(Connectomes.celegans()).steps(1000).drive("role=S").pattern(d).run();
            double[] scale = r.weightScale();
            assertEquals(0.9 / 254, scale[54], 1e-15);
            assertEquals(0.9 / 14, scale[0], 1e-15);
            assertEquals(4, java.util.Arrays.stream(scale).filter(f -> f == 1).count(), "nodes without in-edges");
            assertTrue(r.finite(), d.toString());
            // |x| <= A/(1 - g) = 10 at every step (Normalization's bound for relu, zero biases)
            double max = java.util.Arrays.stream(r.maxAbsState()).max().orElseThrow();
            assertTrue(max <= 10 + 1e-4, d + ": max |state| " + max);
            assertTrue(max >= 1, "driven nodes reach the amplitude");
            assertEquals(98, r.driven().length);
            assertEquals(279, r.recordedNodes().length, "a graph below the record limit is recorded whole");
        }
    }
}
