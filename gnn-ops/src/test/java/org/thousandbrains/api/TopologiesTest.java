package org.thousandbrains.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.NodeKind;

/** Reading and writing through the facade: format by extension, mappings, and the errors a user sees. */
class TopologiesTest {
    @Test
    void graphmlAndCsvRoundTripsKeepTheSynapses(@TempDir Path dir) {
        Network net = PlotsApiTest.small();
        Network g = Topologies.read(Topologies.write(net, dir.resolve("small.graphml")));
        assertEquals(6, g.nodeCount());
        assertEquals(5, g.synapseCount());
        assertEquals(-1.0, g.graph().getAllEdges(g.node("a"), g.node("h2")).iterator().next().weight());
        Network c = Topologies.read(Topologies.write(net, dir.resolve("small.csv")).toString());
        assertEquals(5, c.synapseCount());
        assertEquals(0.5, c.graph().getAllEdges(c.node("b"), c.node("h2")).iterator().next().weight());
    }

    @Test
    void aMappingScalesAnAttributeIntoTheWeights(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("counts.graphml");
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
                  <key id="s" for="edge" attr.name="synapses" attr.type="int"/>
                  <graph edgedefault="directed">
                    <node id="u"/><node id="v"/>
                    <edge source="u" target="v"><data key="s">7</data></edge>
                  </graph>
                </graphml>
                """);
        Network net = Topologies.read(file, "weight=synapses*0.5");
        assertEquals(3.5, net.synapses().iterator().next().weight());
    }

    @Test
    void anEdgeListGetsInputsAndOutputsFromItsSourcesAndSinks(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("chain.csv");
        Files.writeString(file, "src,dst\nx,y\ny,z\n");
        Network net = Topologies.markSourcesAndSinks(Topologies.read(file));
        assertEquals(NodeKind.INPUT, net.node("x").kind());
        assertEquals(NodeKind.NEURON, net.node("y").kind());
        assertEquals(NodeKind.OUTPUT, net.node("z").kind());
    }

    @Test
    void fileProblemsNameTheFile(@TempDir Path dir) {
        IllegalArgumentException ext = assertThrows(IllegalArgumentException.class, () -> Topologies.read(dir.resolve("net.txt")));
        assertEquals("cannot tell the format of '" + dir.resolve("net.txt") + "' from its extension (use .graphml, .xml, .csv or .tbg)",
                ext.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> Topologies.read(dir.resolve("no.graphml")));
        assertEquals("cannot read '" + dir.resolve("no.graphml") + "': no such file", missing.getMessage());
        Path csv = Topologies.write(PlotsApiTest.small(), dir.resolve("s.csv"));
        assertThrows(IllegalArgumentException.class, () -> Topologies.read(csv, "weight=w"), "--map applies to GraphML input only");
    }
}
