package org.thousandbrains.graph.compile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.thousandbrains.graph.build.LayeredNetwork;
import org.thousandbrains.graph.build.NetworkBuilder;
import org.thousandbrains.graph.graphml.GraphMLException;
import org.thousandbrains.graph.graphml.GraphMLReader;
import org.thousandbrains.graph.graphml.GraphMLWriter;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.NodeKind;

/**
 * Overseer normalization in graph-core: the compiled arrays of overseen groups, every compile error
 * (naming the node, edge or group), the builders, and GraphML (export then import exact, defaults,
 * bad values named by line and key).
 */
class OverseerCompileTest {
    /** in → a, b, c (group g, instant) ; o oversees g ; o → out (delay 1.5) ; c → out. */
    private static Network overseen() {
        return NetworkBuilder.create().delayRange(0, 4)
                .declare(new NodeGroup("g").rho(0.05).epsilon(1e-3).runningMean(0.5).runningVariance(2).batchStatistics(true))
                .node("in").input()
                .node("a").group("g").gain(1.5).shift(-0.25)
                .node("o").overseer("g")
                .node("b").group("g")
                .node("c").group("g").activation(Activation.TANH)
                .node("out").output()
                .edge("in", "a").delay(0)
                .edge("in", "b").delay(0)
                .edge("in", "c").delay(0)
                .edge("a", "b").delay(1)
                .edge("o", "out").delay(1.5)
                .edge("c", "out").delay(0)
                .build();
    }

    @Test
    void overseenGroupCompilesToArrays() {
        CompiledGraph g = GraphCompiler.compile(overseen());
        GroupStructure s = g.groupStructure();
        assertEquals(1, s.normCount());
        assertArrayEquals(new int[] {1, 3, 4}, s.normMembers(), "members a, b, c without the overseer");
        assertArrayEquals(new int[] {2}, s.normOverseer());
        assertEquals("g", s.normNames()[0]);
        assertEquals(0.05, s.normRho()[0]);
        assertEquals(1e-3, s.normEpsilon()[0]);
        assertEquals(0.5, s.normMean()[0]);
        assertEquals(2.0, s.normVariance()[0]);
        assertTrue(s.normBatchStatistics()[0]);
        assertArrayEquals(new double[] {1.5, 1, 1}, s.normGain());
        assertArrayEquals(new double[] {-0.25, 0, 0}, s.normShift());
        int block = s.blockOf()[1];
        assertEquals(GroupStructure.NORM, s.blockKind()[block]);
        for (int v : new int[] {2, 3, 4}) assertEquals(block, s.blockOf()[v], "one block with its overseer");
        assertEquals(0, s.blockNorm()[block]);
        assertTrue(s.isOverseer(2));
        assertFalse(s.isOverseer(1));
        // the overseer's out-edge keeps delay >= 1 in training
        for (int e = 0; e < g.edgeCount(); e++) {
            if (g.src()[e] == 2) assertEquals(1.0, g.delayFloor(e));
            if (g.src()[e] == 4 && g.dst()[e] == 5) assertEquals(0.0, g.delayFloor(e));
        }
    }

    @Test
    void overseenKwtaGroupIsOneKwtaBlock() {
        Network net = LayeredNetwork.builder().inputs(3).dense(4, Activation.RELU).kWinners(0.5).overseer().overseerFeedsNext()
                .dense(2, Activation.RELU).outputs(2).build();
        Neuron o = net.node("h1:overseer");
        assertEquals(NodeKind.OVERSEER, o.kind());
        assertEquals("h1", o.group());
        assertEquals(2, net.graph().outDegreeOf(o), "one edge into every node of h2");
        net.graph().outgoingEdgesOf(o).forEach(e -> {
            assertEquals(1.0, e.delay());
            assertEquals(0.0, e.weight());
        });
        GroupStructure s = GraphCompiler.compile(net).groupStructure();
        assertEquals(1, s.kwtaCount());
        assertArrayEquals(s.kwtaMembers(), s.normMembers(), "the overseer is no k-WTA member");
        int block = s.blockOf()[s.kwtaMembers()[0]];
        assertEquals(GroupStructure.KWTA, s.blockKind()[block]);
        assertEquals(block, s.blockOf()[s.normOverseer()[0]]);
        assertEquals(0, s.blockNorm()[block]);
        assertThrows(IllegalStateException.class, () -> LayeredNetwork.builder().inputs(2).overseer());
        assertThrows(IllegalStateException.class, () -> LayeredNetwork.builder().inputs(2).units(2, 2, 1, 1, Activation.RELU).overseer());
        assertThrows(IllegalStateException.class, () -> LayeredNetwork.builder().inputs(2).dense(2, Activation.RELU).batchStatistics());
    }

    private static String compileError(Network net) {
        return assertThrows(TopologyException.class, () -> GraphCompiler.compile(net)).getMessage();
    }

    @Test
    void compileErrorsNameWhatIsWrong() {
        Network inEdge = overseen();
        inEdge.connect("in", "o").delay(1);
        String m = compileError(inEdge);
        assertTrue(m.contains("'in' -> 'o'") && m.contains("takes no in-edges"), m);

        Network instantOut = overseen();
        instantOut.graph().outgoingEdgesOf(instantOut.node("o")).iterator().next().delay(0.5);
        m = compileError(instantOut);
        assertTrue(m.contains("'o' -> 'out'") && m.contains("delay 0.5 < 1") && m.contains("need delay >= 1"), m);

        Network noGroup = overseen();
        noGroup.node("o").group(null);
        m = compileError(noGroup);
        assertTrue(m.contains("overseer node 'o' is in no group"), m);

        Network empty = overseen();
        empty.node("o").group("nobody");
        m = compileError(empty);
        assertTrue(m.contains("overseer 'o' oversees group 'nobody', which has no member nodes"), m);

        Network two = overseen();
        two.addNode("o2", NodeKind.OVERSEER).group("g");
        m = compileError(two);
        assertTrue(m.contains("group 'g' has two overseers, 'o' and 'o2'"), m);

        Network instantInside = overseen();
        instantInside.graph().getEdge(instantInside.node("a"), instantInside.node("b")).delay(0.5);
        m = compileError(instantInside);
        assertTrue(m.contains("'a' -> 'b'") && m.contains("inside overseen group 'g'"), m);

        Network input = overseen();
        input.node("in").group("g");
        m = compileError(input);
        assertTrue(m.contains("input node 'in' is in overseen group 'g'"), m);

        Network unit = overseen();
        unit.node("b").unit("u");
        unit.unitNamed("u");
        m = compileError(unit);
        assertTrue(m.contains("node 'b' is in unit 'u' and in overseen group 'g'") && m.contains("not to units"), m);

        Network unitGroup = overseen();
        unitGroup.groups().get("g").unitWinners(1);
        for (String id : new String[] {"a", "b", "c"}) unitGroup.node(id).unit("u" + id);
        for (String id : new String[] {"a", "b", "c"}) unitGroup.unitNamed("u" + id);
        m = compileError(unitGroup);
        assertTrue(m.contains("group 'g' is a unit group") && m.contains("overseer 'o'"), m);
    }

    @Test
    void groupSettingsCheckTheirRanges() {
        NodeGroup g = new NodeGroup("g");
        assertEquals(NodeGroup.DEFAULT_RHO, g.rho());
        assertEquals(NodeGroup.DEFAULT_EPSILON, g.epsilon());
        assertEquals(0.0, g.runningMean());
        assertEquals(1.0, g.runningVariance());
        assertFalse(g.batchStatistics());
        assertEquals("g", g.spec(), "defaults are not written");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> g.rho(0)).getMessage().contains("rho must lie in (0, 1]"));
        assertThrows(IllegalArgumentException.class, () -> g.rho(1.5));
        assertThrows(IllegalArgumentException.class, () -> g.epsilon(0));
        assertThrows(IllegalArgumentException.class, () -> g.runningVariance(-1));
        assertThrows(IllegalArgumentException.class, () -> g.runningMean(Double.NaN));
        NodeGroup back = NodeGroup.parse(new NodeGroup("h").rho(0.3).epsilon(1e-7).runningMean(-0.0).runningVariance(0.25)
                .batchStatistics(true).spec());
        assertEquals(0.3, back.rho());
        assertEquals(1e-7, back.epsilon());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.runningMean()));
        assertEquals(0.25, back.runningVariance());
        assertTrue(back.batchStatistics());
        String m = assertThrows(IllegalArgumentException.class, () -> NodeGroup.parse("h stats=sometimes")).getMessage();
        assertTrue(m.contains("stats must be 'batch' or 'running'"), m);
    }

    private static Network read(String xml) throws IOException {
        return new GraphMLReader().read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "t.graphml").network();
    }

    @Test
    void graphmlExportThenImportIsExactAndCompilesTheSame() throws IOException {
        Network net = overseen();
        StringWriter w = new StringWriter();
        GraphMLWriter.write(net, w);
        String xml = w.toString();
        assertTrue(xml.contains("<data key=\"gain\">1.5</data>") && xml.contains("<data key=\"shift\">-0.25</data>"), xml);
        assertTrue(xml.contains("g rho=0.05 eps=0.001 mean=0.5 var=2.0 stats=batch"), xml);
        Network back = read(xml);
        assertEquals(1.5, back.node("a").gain());
        assertEquals(-0.25, back.node("a").shift());
        assertEquals(1.0, back.node("b").gain(), "missing gain reads as 1");
        assertEquals(0.0, back.node("b").shift(), "missing shift reads as 0");
        NodeGroup g = back.groups().get("g");
        assertEquals(0.05, g.rho());
        assertEquals(1e-3, g.epsilon());
        assertEquals(0.5, g.runningMean());
        assertEquals(2.0, g.runningVariance());
        assertTrue(g.batchStatistics());
        GroupStructure a = GraphCompiler.compile(net).groupStructure();
        GroupStructure b = GraphCompiler.compile(back).groupStructure();
        assertArrayEquals(a.normGain(), b.normGain());
        assertArrayEquals(a.normShift(), b.normShift());
        // the compiled graph back to a network (what a trained model exports), with trained values
        CompiledGraph c = GraphCompiler.compile(net);
        Network trained = NetworkView.of(EdgeTable.of(c, null, null, null, null, null, null, new double[] {2, 3, 4},
                new double[] {0.1, 0.2, 0.3}, new double[] {0.7}, new double[] {0.9}));
        assertEquals(3.0, trained.node("b").gain());
        assertEquals(0.3, trained.node("c").shift());
        assertEquals(0.7, trained.groups().get("g").runningMean());
        assertEquals(0.9, trained.groups().get("g").runningVariance());
        assertEquals(1.0, trained.node("o").gain(), "the overseer has no gain of its own");
    }

    private static final String ROOT = "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n";

    @Test
    void badValuesNameTheLineAndKey() {
        String keys = ROOT + "<key id=\"gn\" for=\"node\" attr.name=\"gain\" attr.type=\"double\"/>\n"
                + "<key id=\"gr\" for=\"graph\" attr.name=\"groups\" attr.type=\"string\"/>\n<graph>\n";
        GraphMLException gain = assertThrows(GraphMLException.class,
                () -> read(keys + "<node id=\"a\">\n<data key=\"gn\">big</data></node>\n</graph></graphml>"));
        assertEquals(6, gain.line());
        assertTrue(gain.problem().contains("node 'a'") && gain.problem().contains("('gain')") && gain.problem().contains("'big' is not a number"),
                gain.problem());
        GraphMLException rho = assertThrows(GraphMLException.class,
                () -> read(keys + "<data key=\"gr\">g rho=2</data>\n</graph></graphml>"));
        assertEquals(5, rho.line());
        assertTrue(rho.problem().contains("groups") && rho.problem().contains("rho must lie in (0, 1]"), rho.problem());
        GraphMLException eps = assertThrows(GraphMLException.class,
                () -> read(keys + "\n<data key=\"gr\">g eps=x</data>\n</graph></graphml>"));
        assertEquals(6, eps.line());
    }
}
