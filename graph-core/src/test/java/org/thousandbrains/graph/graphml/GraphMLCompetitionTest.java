package org.thousandbrains.graph.graphml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Unit;

/**
 * GraphML of the competition state and readout settings: k-WTA groups (k, boost, period, kInf,
 * seen), per-node duty cycles, unit groups of units (rec), and the readout {@code steps} /
 * {@code readout_k}; export then import exact, bad values named by line.
 */
class GraphMLCompetitionTest {
    private static final String ROOT = "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n";

    private static String write(Network net) throws IOException {
        StringWriter w = new StringWriter();
        GraphMLWriter.write(net, w);
        return w.toString();
    }

    private static Network read(String xml) throws IOException {
        return new GraphMLReader().read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "t.graphml").network();
    }

    private static GraphMLException fails(String xml) {
        return assertThrows(GraphMLException.class, () -> read(xml));
    }

    private static void assertBits(double want, double got, String what) {
        assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got), what + ": " + want + " vs " + got);
    }

    private static void assertSameGroup(NodeGroup want, NodeGroup got) {
        String at = "group '" + want.name() + "'";
        assertEquals(want.kWinners(), got.kWinners(), at + " k");
        assertBits(want.boost(), got.boost(), at + " boost");
        assertEquals(want.period(), got.period(), at + " period");
        assertBits(want.inferenceFactor(), got.inferenceFactor(), at + " kInf");
        assertEquals(want.observations(), got.observations(), at + " seen");
        assertEquals(want.unitWinners(), got.unitWinners(), at + " unitK");
    }

    /** A k-WTA hidden group with learnt duty cycles, a unit group of 3 units, readout T=12, K=3. */
    static Network competitionNetwork() {
        Network net = new Network();
        net.settings().readout(12, 3);
        net.addGroup(new NodeGroup("h").kWinners(2).boost(0.1 + 0.2).period(64).inferenceFactor(1.5).observations(123_456_789_012L));
        net.addGroup(new NodeGroup("cols").unitWinners(2));
        net.addGroup(new NodeGroup("plain").kWinners(1));
        for (int u = 0; u < 3; u++) net.addUnit(new Unit("c" + u).rec(1 + u));
        Neuron in = net.addNode("in", NodeKind.INPUT);
        double[] duties = {0.0, 1.0 / 3, Double.MIN_VALUE, 1.0, -0.0};
        List<Neuron> hidden = new ArrayList<>();
        for (int i = 0; i < duties.length; i++) {
            Neuron h = net.addNode("h" + i, NodeKind.NEURON).group("h").duty(duties[i]);
            net.connect(in, h, 0.5, 1, 0);
            hidden.add(h);
        }
        for (int u = 0; u < 3; u++) {
            Neuron a = net.addNode("c" + u + "a", NodeKind.NEURON, Activation.TANH).group("cols").unit("c" + u);
            Neuron b = net.addNode("c" + u + "b", NodeKind.NEURON, Activation.TANH).group("cols").unit("c" + u);
            net.connect(a, b, 0.25, 1, 0);
            net.connect(b, a, -0.25, 1, 0);
            for (Neuron h : hidden) net.connect(h, a, 0.1, 2, 0.5);
        }
        Neuron p = net.addNode("p", NodeKind.NEURON).group("plain").duty(0.75);
        net.connect(net.node("c0a"), p);
        Neuron out = net.addNode("out", NodeKind.OUTPUT);
        net.connect(p, out);
        return net;
    }

    @Test
    void competitionStateAndReadoutReadBackExactly() throws IOException {
        Network net = competitionNetwork();
        String xml = write(net);
        Network back = read(xml);

        assertEquals(12, back.settings().steps());
        assertEquals(3, back.settings().readoutWindow());
        assertEquals(new ArrayList<>(net.groups().keySet()), new ArrayList<>(back.groups().keySet()));
        for (NodeGroup g : net.groups().values()) assertSameGroup(g, back.groups().get(g.name()));
        NodeGroup h = back.groups().get("h");
        assertEquals(2, h.kWinners());
        assertEquals(0.1 + 0.2, h.boost());
        assertEquals(64, h.period());
        assertEquals(1.5, h.inferenceFactor());
        assertEquals(123_456_789_012L, h.observations());
        assertEquals(2, back.groups().get("cols").unitWinners());
        assertEquals(NodeGroup.DEFAULT_PERIOD, back.groups().get("plain").period());
        assertEquals(NodeGroup.DEFAULT_BOOST, back.groups().get("plain").boost());
        assertEquals(1.0, back.groups().get("plain").inferenceFactor());
        assertEquals(0L, back.groups().get("plain").observations());

        assertEquals(new ArrayList<>(net.units().keySet()), new ArrayList<>(back.units().keySet()));
        for (Unit u : net.units().values()) assertEquals(u.rec(), back.units().get(u.name()).rec(), "unit " + u.name());

        List<Neuron> want = new ArrayList<>(net.nodes());
        List<Neuron> got = new ArrayList<>(back.nodes());
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
            Neuron a = want.get(i);
            Neuron b = got.get(i);
            assertEquals(a.id(), b.id());
            assertBits(a.duty(), b.duty(), "duty of " + a.id());
            assertEquals(a.group(), b.group(), "group of " + a.id());
            assertEquals(a.unit(), b.unit(), "unit of " + a.id());
            assertEquals(a.activation(), b.activation(), "activation of " + a.id());
        }
        assertEquals(net.synapseCount(), back.synapseCount());

        // keys declared with the right types; duty written only where it is not +0.0
        assertTrue(xml.contains("<key id=\"steps\" for=\"graph\" attr.name=\"steps\" attr.type=\"int\"/>"), xml);
        assertTrue(xml.contains("<key id=\"readout_k\" for=\"graph\" attr.name=\"readout_k\" attr.type=\"int\"/>"), xml);
        assertTrue(xml.contains("<key id=\"duty\" for=\"node\" attr.name=\"duty\" attr.type=\"double\"/>"), xml);
        assertEquals(5, count(xml, "<data key=\"duty\">"), "h1, h2, h3, h4 (-0.0) and p");
        // and a second round trip writes the very same text
        assertEquals(xml, write(back));
    }

    @Test
    void defaultsWhenTheKeysAreMissing() throws IOException {
        Network net = read(ROOT + "<key id=\"G\" for=\"graph\" attr.name=\"groups\"/>\n<graph>\n"
                + "<data key=\"G\">h k=1</data>\n<node id=\"a\"><data key=\"x\">1</data></node>\n</graph></graphml>");
        assertEquals(1, net.settings().steps());
        assertEquals(1, net.settings().readoutWindow());
        NodeGroup h = net.groups().get("h");
        assertEquals(1, h.kWinners());
        assertEquals(NodeGroup.DEFAULT_BOOST, h.boost());
        assertEquals(NodeGroup.DEFAULT_PERIOD, h.period());
        assertEquals(1.0, h.inferenceFactor());
        assertEquals(0L, h.observations());
        assertEquals(0.0, net.node("a").duty());
        assertEquals("1", net.node("a").metadata().get("x").value(), "unknown keys stay metadata");
    }

    @Test
    void readsForeignSpellingsOfTheNewKeys() throws IOException {
        Network net = read(ROOT
                + "<key id=\"T\" for=\"graph\" attr.name=\"steps\" attr.type=\"long\"/>\n"
                + "<key id=\"K\" for=\"graph\" attr.name=\"readout_k\" attr.type=\"double\"/>\n"
                + "<key id=\"d\" for=\"node\" attr.name=\"duty\" attr.type=\"float\"><default>0.125</default></key>\n"
                + "<key id=\"G\" for=\"graph\" attr.name=\"groups\"/>\n"
                + "<graph>\n<data key=\"T\"> 8 </data><data key=\"K\">4.0</data>\n"
                + "<data key=\"G\">h k=1 boost=0 period=10 kInf=2 seen=7; cols unitK=1</data>\n"
                + "<node id=\"a\"/>\n<node id=\"b\"><data key=\"d\"> 1 </data></node>\n</graph></graphml>");
        assertEquals(8, net.settings().steps());
        assertEquals(4, net.settings().readoutWindow());
        assertEquals(0.125, net.node("a").duty(), "key default");
        assertEquals(1.0, net.node("b").duty());
        NodeGroup h = net.groups().get("h");
        assertEquals(0.0, h.boost());
        assertEquals(10, h.period());
        assertEquals(2.0, h.inferenceFactor());
        assertEquals(7L, h.observations());
        assertEquals(1, net.groups().get("cols").unitWinners());
    }

    @Test
    void groupSettingsOfAGroupWithoutKWinnersStillRoundTrip() throws IOException {
        Network net = new Network();
        net.addGroup(new NodeGroup("g").boost(-0.75).period(5).inferenceFactor(0.5).observations(3).unitWinners(1));
        net.addGroup(new NodeGroup("z").boost(-0.0));
        net.addNode("a", NodeKind.NEURON).group("g").unit("u");
        net.addUnit(new Unit("u"));
        Network back = read(write(net));
        for (NodeGroup g : net.groups().values()) assertSameGroup(g, back.groups().get(g.name()));
    }

    private static final String DUTY_KEY = "<key id=\"d\" for=\"node\" attr.name=\"duty\" attr.type=\"double\"/>\n<graph>\n";

    @Test
    void badDutyNamesTheLine() {
        GraphMLException text = fails(ROOT + DUTY_KEY + "<node id=\"a\">\n<data key=\"d\">often</data></node>\n</graph></graphml>");
        assertEquals(5, text.line());
        assertTrue(text.column() > 0);
        assertTrue(text.problem().startsWith("node 'a': key 'd' ('duty'): 'often' is not a number"), text.problem());
        GraphMLException high = fails(ROOT + DUTY_KEY + "<node id=\"a\"/>\n<node id=\"b\"><data key=\"d\">1.5</data></node>\n</graph></graphml>");
        assertEquals(5, high.line());
        assertTrue(high.problem().contains("node 'b'") && high.problem().contains("duty must lie in [0, 1], got '1.5'"), high.problem());
        GraphMLException negative = fails(ROOT + DUTY_KEY + "<node id=\"a\"><data key=\"d\">-1e-9</data></node>\n</graph></graphml>");
        assertEquals(4, negative.line());
        assertTrue(negative.problem().contains("duty must lie in [0, 1]"), negative.problem());
        GraphMLException nan = fails(ROOT + DUTY_KEY + "<node id=\"a\"><data key=\"d\">NaN</data></node>\n</graph></graphml>");
        assertTrue(nan.problem().contains("duty must be finite"), nan.problem());
        GraphMLException def = fails(ROOT + "<key id=\"d\" for=\"node\" attr.name=\"duty\"><default>2</default></key>\n"
                + "<graph><node id=\"a\"/></graph></graphml>");
        assertEquals(2, def.line());
        assertTrue(def.problem().startsWith("default of node 'a'"), def.problem());
        GraphMLException stringType = fails(ROOT + "<key id=\"d\" for=\"node\" attr.name=\"duty\" attr.type=\"string\"/>\n<graph/></graphml>");
        assertEquals(2, stringType.line());
    }

    private static final String READOUT_KEYS = "<key id=\"T\" for=\"graph\" attr.name=\"steps\" attr.type=\"int\"/>\n"
            + "<key id=\"K\" for=\"graph\" attr.name=\"readout_k\" attr.type=\"int\"/>\n<graph>\n";

    @Test
    void badStepsNameTheLine() {
        GraphMLException text = fails(ROOT + READOUT_KEYS + "<data key=\"T\">many</data>\n</graph></graphml>");
        assertEquals(5, text.line());
        assertTrue(text.problem().startsWith("graph steps: 'many' is not an integer"), text.problem());
        GraphMLException fraction = fails(ROOT + READOUT_KEYS + "\n<data key=\"T\">2.5</data>\n</graph></graphml>");
        assertEquals(6, fraction.line());
        assertTrue(fraction.problem().contains("not an integer"), fraction.problem());
        GraphMLException zero = fails(ROOT + READOUT_KEYS + "<data key=\"T\">0</data>\n</graph></graphml>");
        assertEquals(5, zero.line());
        assertTrue(zero.problem().startsWith("graph steps must be >= 1"), zero.problem());
        GraphMLException huge = fails(ROOT + READOUT_KEYS + "<data key=\"T\">99999999999</data>\n</graph></graphml>");
        assertTrue(huge.problem().contains("int range"), huge.problem());
        GraphMLException k0 = fails(ROOT + READOUT_KEYS + "<data key=\"T\">4</data>\n<data key=\"K\">-1</data>\n</graph></graphml>");
        assertEquals(6, k0.line());
        assertTrue(k0.problem().startsWith("graph readout_k must be >= 1"), k0.problem());
    }

    @Test
    void readoutWindowBeyondStepsNamesTheLine() {
        GraphMLException e = fails(ROOT + READOUT_KEYS + "<data key=\"T\">4</data>\n<data key=\"K\">5</data>\n</graph></graphml>");
        assertEquals(6, e.line());
        assertTrue(e.problem().contains("readout_k") && e.problem().contains("K=5") && e.problem().contains("T=4"), e.problem());
        GraphMLException noSteps = fails(ROOT + READOUT_KEYS + "\n\n<data key=\"K\">2</data>\n</graph></graphml>");
        assertEquals(7, noSteps.line());
        assertTrue(noSteps.problem().contains("T=1"), noSteps.problem());
        assertTrue(e.getMessage().contains("t.graphml"), e.getMessage());
    }

    @Test
    void dutyIsNoMappingTarget() {
        assertThrows(IllegalArgumentException.class, () -> AttributeMapping.parse("duty=activity"));
        assertFalse(write0().contains("duty"), "no duty data for a network whose duty cycles are all 0");
    }

    private static String write0() {
        Network net = new Network();
        net.addGroup(new NodeGroup("h").kWinners(1));
        net.addNode("a", NodeKind.NEURON).group("h");
        try {
            String xml = write(net);
            return xml.substring(xml.indexOf("<graph "));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static int count(String text, String piece) {
        int n = 0;
        for (int i = text.indexOf(piece); i >= 0; i = text.indexOf(piece, i + 1)) n++;
        return n;
    }
}
