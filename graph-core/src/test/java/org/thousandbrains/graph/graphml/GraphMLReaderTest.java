package org.thousandbrains.graph.graphml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Attribute;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Synapse;

/** Import rules on small hand-written files whose expected result is worked out by hand. */
class GraphMLReaderTest {
    private static final String ROOT = "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n";

    static ImportResult read(String xml, AttributeMapping... maps) throws IOException {
        GraphMLReader r = new GraphMLReader();
        for (AttributeMapping m : maps) r.map(m);
        return r.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "t.graphml");
    }

    static GraphMLException fails(String xml, AttributeMapping... maps) {
        return assertThrows(GraphMLException.class, () -> read(xml, maps));
    }

    private static List<String> edges(Network net) {
        List<String> out = new ArrayList<>();
        for (Synapse s : net.synapses()) out.add(net.source(s).id() + ">" + net.target(s).id());
        return out;
    }

    @Test
    void schemaValuesAndDefaults() throws IOException {
        Network net = read(ROOT
                + "<key id=\"k\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"
                + "<key id=\"b\" for=\"node\" attr.name=\"bias\" attr.type=\"double\"/>\n"
                + "<key id=\"a\" for=\"node\" attr.name=\"activation\" attr.type=\"string\"/>\n"
                + "<key id=\"g\" for=\"node\" attr.name=\"group\" attr.type=\"string\"/>\n"
                + "<key id=\"u\" for=\"node\" attr.name=\"unit\" attr.type=\"string\"/>\n"
                + "<key id=\"t\" for=\"node\" attr.name=\"threshold\" attr.type=\"double\"/>\n"
                + "<key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
                + "<key id=\"d\" for=\"edge\" attr.name=\"delay\" attr.type=\"double\"/>\n"
                + "<key id=\"l\" for=\"edge\" attr.name=\"leak\" attr.type=\"double\"/>\n"
                + "<key id=\"L\" for=\"edge\" attr.name=\"learnable\" attr.type=\"string\"/>\n"
                + "<key id=\"lo\" for=\"graph\" attr.name=\"d_min\" attr.type=\"double\"/>\n"
                + "<key id=\"hi\" for=\"graph\" attr.name=\"d_max\" attr.type=\"double\"/>\n"
                + "<key id=\"G\" for=\"graph\" attr.name=\"groups\" attr.type=\"string\"/>\n"
                + "<key id=\"U\" for=\"graph\" attr.name=\"units\" attr.type=\"string\"/>\n"
                + "<graph edgedefault=\"directed\">\n"
                + "<data key=\"lo\">0.5</data><data key=\"hi\"> 12 </data>\n"
                + "<data key=\"G\">h1 k=3 boost=2.5 unitK=0;h2 k=0 boost=1.5 unitK=2</data><data key=\"U\">u0 rec=3</data>\n"
                + "<node id=\"in\"><data key=\"k\">input</data></node>\n"
                + "<node id=\"h\"><data key=\"b\">-0.25</data><data key=\"a\">TANH</data><data key=\"g\">h1</data>"
                + "<data key=\"u\">u0</data><data key=\"t\">0.5</data></node>\n"
                + "<node id=\"out\"><data key=\"k\"> Output </data><data key=\"g\">h3</data></node>\n"
                + "<edge source=\"in\" target=\"h\"><data key=\"w\">0.5</data><data key=\"d\">2.5</data>"
                + "<data key=\"l\">0.1</data><data key=\"L\">weight,leak</data></edge>\n"
                + "<edge source=\"h\" target=\"out\"/>\n"
                + "</graph></graphml>\n").network();
        assertEquals(0.5, net.settings().dMin());
        assertEquals(12.0, net.settings().dMax());
        assertEquals(List.of("h1", "h2", "h3"), new ArrayList<>(net.groups().keySet()));
        assertEquals(3, net.groups().get("h1").kWinners());
        assertEquals(2.5, net.groups().get("h1").boost());
        assertEquals(2, net.groups().get("h2").unitWinners());
        assertEquals(3, net.units().get("u0").rec());
        Neuron in = net.node("in");
        assertEquals(NodeKind.INPUT, in.kind());
        assertEquals(Activation.IDENTITY, in.activation(), "non-neurons default to identity");
        Neuron h = net.node("h");
        assertEquals(NodeKind.NEURON, h.kind());
        assertEquals(Activation.TANH, h.activation());
        assertEquals(-0.25, h.bias());
        assertEquals(0.5, h.threshold());
        assertEquals("h1", h.group());
        assertEquals("u0", h.unit());
        assertEquals(NodeKind.OUTPUT, net.node("out").kind());
        List<Synapse> syn = new ArrayList<>(net.synapses());
        assertEquals(0.5, syn.get(0).weight());
        assertEquals(2.5, syn.get(0).delay());
        assertEquals(0.1, syn.get(0).leak());
        assertEquals(Learnable.WEIGHT | Learnable.LEAK, syn.get(0).learnable());
        assertEquals(Network.DEFAULT_WEIGHT, syn.get(1).weight());
        assertEquals(Network.DEFAULT_DELAY, syn.get(1).delay());
        assertEquals(Network.DEFAULT_LEAK, syn.get(1).leak());
        assertEquals(Learnable.ALL, syn.get(1).learnable());
        Neuron plain = read(ROOT + "<graph><node id=\"x\"/></graph></graphml>").network().node("x");
        assertEquals(NodeKind.NEURON, plain.kind());
        assertEquals(Activation.RELU, plain.activation(), "neurons default to relu");
    }

    @Test
    void undirectedEdgesBecomeTwoSynapsesAndLoopsOne() throws IOException {
        ImportResult r = read(ROOT + "<graph>\n<node id=\"a\"/><node id=\"b\"/>\n"
                + "<edge source=\"a\" target=\"b\"/>\n<edge source=\"b\" target=\"a\"/>\n<edge source=\"a\" target=\"a\"/>\n"
                + "<edge source=\"a\" target=\"b\" directed=\"TRUE\"/>\n</graph></graphml>");
        assertEquals(List.of("a>b", "b>a", "b>a", "a>b", "a>a", "a>b"), edges(r.network()));
        ImportReport rep = r.report();
        assertEquals(4, rep.edges());
        assertEquals(3, rep.undirectedEdges(), "no edgedefault means undirected");
        assertEquals(1, rep.selfLoops());
        assertEquals(1, rep.parallelEdges(), "{a,b} twice undirected; the directed a>b is its own pair");
        assertEquals(6, rep.synapses());
    }

    @Test
    void allDirectedReadsEveryEdgeSourceToTargetAndStillReportsTheFile() throws IOException {
        String xml = ROOT + "<graph edgedefault=\"undirected\">\n<node id=\"a\"/><node id=\"b\"/>\n"
                + "<edge source=\"a\" target=\"b\"/>\n<edge source=\"b\" target=\"a\"/>\n<edge source=\"a\" target=\"a\"/>\n"
                + "<edge source=\"a\" target=\"b\" directed=\"false\"/>\n</graph></graphml>";
        ImportResult r = new GraphMLReader().allDirected(true).read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "t.graphml");
        assertEquals(List.of("a>b", "b>a", "a>a", "a>b"), edges(r.network()));
        assertEquals(4, r.report().undirectedEdges(), "the report describes the file");
        assertEquals(4, r.report().synapses());
    }

    @Test
    void directedAttributeOverridesEdgeDefault() throws IOException {
        ImportResult r = read(ROOT + "<graph edgedefault=\"directed\"><node id=\"a\"/><node id=\"b\"/>"
                + "<edge source=\"a\" target=\"b\" directed=\" false \"/><edge source=\"a\" target=\"b\"/><edge source=\"a\" target=\"b\"/>"
                + "</graph></graphml>");
        assertEquals(List.of("a>b", "b>a", "a>b", "a>b"), edges(r.network()));
        assertEquals(1, r.report().parallelEdges());
        assertEquals(1, r.report().undirectedEdges());
    }

    @Test
    void nestedGraphsAreFlattenedAndEdgesMayPrecedeNodes() throws IOException {
        ImportResult r = read(ROOT + "<graph edgedefault=\"directed\">\n<edge source=\"g\" target=\"g::x\"/>\n"
                + "<node id=\"g\"><graph edgedefault=\"undirected\"><node id=\"g::x\"/><node id=\"g::y\"/>"
                + "<edge source=\"g::x\" target=\"g::y\"/></graph></node>\n</graph>\n<graph><node id=\"second\"/></graph></graphml>");
        assertEquals(List.of("g", "g::x", "g::y", "second"), r.network().nodes().stream().map(Neuron::id).toList());
        assertEquals(List.of("g>g::x", "g::x>g::y", "g::y>g::x"), edges(r.network()));
    }

    @Test
    void hyperedgesAndPortsAreSkippedAndCounted() throws IOException {
        ImportResult r = read(ROOT + "<graph edgedefault=\"directed\"><node id=\"a\"><port name=\"p\"><port name=\"q\"/></port></node>"
                + "<node id=\"b\"/><hyperedge><endpoint node=\"a\"/><endpoint node=\"b\"/></hyperedge>"
                + "<edge source=\"a\" target=\"b\" sourceport=\"p\"/></graph></graphml>");
        assertEquals(1, r.report().hyperedgesSkipped());
        assertEquals(2, r.report().portsSkipped());
        assertEquals(1, r.report().synapses());
        assertTrue(r.report().warnings().contains("skipped 1 <hyperedge> element(s): hyperedges are not synapses"), r.report().warnings().toString());
    }

    @Test
    void keysAnywhereDefaultsUnknownTypesAndMetadata() throws IOException {
        Network net = read(ROOT + "<graph edgedefault=\"directed\">\n"
                + "<node id=\"a\"><data key=\"c\">AVA</data><data key=\"pos\">1.5, 2</data><data key=\"n\"> 339.0 </data></node>\n"
                + "<node id=\"b\"/>\n<edge id=\"0\" source=\"a\" target=\"b\"><data key=\"syn\">E</data></edge>\n"
                + "<edge id=\"0\" source=\"b\" target=\"a\"/>\n"
                + "<key id=\"c\" for=\"node\" attr.name=\"cell class\" attr.type=\"string\"><default>unknown</default></key>\n"
                + "<key id=\"pos\" for=\"node\" attr.name=\"pos\" attr.type=\"vector_float\"/>\n"
                + "<key id=\"n\" for=\"node\" attr.name=\"count\" attr.type=\"int\"/>\n"
                + "<key id=\"syn\" for=\"edge\" attr.name=\"synapse_type\" attr.type=\"string\"><default>C</default></key>\n"
                + "<key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"long\"><default>3</default></key>\n"
                + "</graph></graphml>").network();
        Neuron a = net.node("a");
        assertEquals(new Attribute("cell class", "string", "AVA"), a.metadata().get("cell class"));
        assertEquals(new Attribute("pos", "vector_float", "1.5, 2"), a.metadata().get("pos"));
        assertEquals(new Attribute("count", "int", " 339.0 "), a.metadata().get("count"), "kept verbatim");
        assertEquals(new Attribute("cell class", "string", "unknown"), net.node("b").metadata().get("cell class"));
        List<Synapse> syn = new ArrayList<>(net.synapses());
        assertEquals("E", syn.get(0).metadata().get("synapse_type").value());
        assertEquals("C", syn.get(1).metadata().get("synapse_type").value(), "key default");
        assertEquals(3.0, syn.get(0).weight(), "weight from a key declared after the edges, via its default");
        assertEquals("0", syn.get(0).id());
        assertEquals("0", syn.get(1).id(), "duplicate edge ids are tolerated");
    }

    @Test
    void mappingReadsAScaledAttributeAndKeepsTheOriginalWeightAsMetadata() throws IOException {
        String xml = ROOT + "<key id=\"s\" for=\"edge\" attr.name=\"synapses\" attr.type=\"int\"><default>10</default></key>\n"
                + "<key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
                + "<key id=\"t\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n"
                + "<graph edgedefault=\"directed\"><node id=\"a\"/><node id=\"b\"/>\n"
                + "<edge source=\"a\" target=\"b\"><data key=\"s\">250</data><data key=\"w\">7</data></edge>\n"
                + "<edge source=\"b\" target=\"a\"/>\n</graph></graphml>";
        List<Synapse> syn = new ArrayList<>(read(xml, AttributeMapping.parse("weight=synapses*0.001")).network().synapses());
        assertEquals(250 * 0.001, syn.get(0).weight());
        assertEquals(10 * 0.001, syn.get(1).weight(), "the key default is scaled too");
        assertEquals(new Attribute("weight", "double", "7"), syn.get(0).metadata().get("weight"));
        assertTrue(fails(xml, AttributeMapping.parse("weight=synapse")).problem().contains("no edge attribute named 'synapse'"));
        GraphMLException e = fails(xml, AttributeMapping.parse("weight=type"));
        assertEquals(4, e.line(), "the declaration of the non-numeric key");
    }

    @Test
    void valuesAreTrimmedAndBooleansCaseInsensitive() throws IOException {
        Network net = read(ROOT + "<key id=\"f\" for=\"node\" attr.name=\"flag\" attr.type=\"boolean\"><default> FaLsE </default></key>\n"
                + "<key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"int\"/>\n"
                + "<graph edgedefault=\"directed\"><node id=\"a\"><data key=\"f\">\n TRUE \n</data></node><node id=\"b\"/>"
                + "<edge source=\"a\" target=\"b\"><data key=\"w\"> 339.0 </data></edge></graph></graphml>").network();
        assertEquals(339.0, net.synapses().iterator().next().weight());
        assertEquals(" FaLsE ", net.node("b").metadata().get("flag").value());
        GraphMLException e = fails(ROOT + "<key id=\"n\" for=\"node\" attr.name=\"n\" attr.type=\"int\"/>\n"
                + "<graph><node id=\"a\"><data key=\"n\">339.5</data></node></graph></graphml>");
        assertEquals(3, e.line());
        assertTrue(e.problem().contains("'339.5' is not an integer"), e.problem());
    }

    @Test
    void undeclaredDataKeysAreKeptAsTextWithAWarning() throws IOException {
        ImportResult r = read(ROOT + "<graph><node id=\"a\"><data key=\"labels\">:Person</data></node></graph></graphml>");
        assertEquals(new Attribute("labels", "string", ":Person"), r.network().node("a").metadata().get("labels"));
        assertEquals(1, r.report().warnings().size());
    }

    @Test
    void encodingsFromByteOrderMarkOrDeclaration() throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n" + ROOT + "<graph><node id=\"\u00e9\u4e2d\"/></graph></graphml>";
        byte[] utf16 = xml.getBytes(StandardCharsets.UTF_16);
        byte[] utf16le = ("\uFEFF" + xml).getBytes(StandardCharsets.UTF_16LE);
        byte[] utf8bom = ("\uFEFF" + xml.replace("UTF-16", "UTF-8")).getBytes(StandardCharsets.UTF_8);
        for (byte[] bytes : new byte[][] {utf16, utf16le, utf8bom}) {
            ImportResult r = new GraphMLReader().read(new ByteArrayInputStream(bytes), "enc.graphml");
            assertEquals("\u00e9\u4e2d", r.network().nodes().iterator().next().id());
        }
        byte[] lying = xml.getBytes(StandardCharsets.UTF_8);
        assertThrows(GraphMLException.class, () -> new GraphMLReader().read(new ByteArrayInputStream(lying), "enc.graphml"));
    }

    @Test
    void filesWithoutNamespaceAreRead() throws IOException {
        ImportResult r = read("<graphml><graph edgedefault=\"directed\"><node id=\"a\"/><edge source=\"a\" target=\"a\"/></graph></graphml>");
        assertEquals(1, r.report().selfLoops());
        assertEquals(1, r.report().synapses());
    }

    @Test
    void badDeclarationsAndSchemaValuesNameTheirLine() {
        assertEquals(2, fails(ROOT + "<key id=\"d\" for=\"vertex\"/>\n<graph/></graphml>").line());
        assertEquals(3, fails(ROOT + "<key id=\"d\" for=\"node\" attr.type=\"int\"/>\n<key id=\"d\" for=\"node\" attr.type=\"string\"/>\n"
                + "<graph/></graphml>").line());
        assertEquals(2, fails(ROOT + "<key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"boolean\"/>\n<graph/></graphml>").line());
        GraphMLException kind = fails(ROOT + "<key id=\"k\" for=\"node\" attr.name=\"kind\"/>\n<graph>\n<node id=\"a\"><data key=\"k\">glia</data></node>\n"
                + "</graph></graphml>");
        assertEquals(4, kind.line());
        assertTrue(kind.problem().startsWith("node 'a': key 'k' ('kind'): unknown node kind 'glia'"), kind.problem());
        GraphMLException group = fails(ROOT + "<key id=\"g\" for=\"node\" attr.name=\"group\"/>\n<graph>\n"
                + "<node id=\"a\"><data key=\"g\">Night's Watch</data></node>\n</graph></graphml>");
        assertEquals(4, group.line());
        GraphMLException range = fails(ROOT + "<key id=\"lo\" for=\"graph\" attr.name=\"d_min\"/>\n<graph>\n<data key=\"lo\">9</data>\n</graph></graphml>");
        assertEquals(4, range.line());
        GraphMLException inf = fails(ROOT + "<key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n<graph><node id=\"a\"/>\n"
                + "<edge source=\"a\" target=\"a\"><data key=\"w\">inf</data></edge></graph></graphml>");
        assertTrue(inf.problem().contains("weight must be finite"), inf.problem());
    }
}
