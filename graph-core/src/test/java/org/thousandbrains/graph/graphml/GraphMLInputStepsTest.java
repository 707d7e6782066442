package org.thousandbrains.graph.graphml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.compile.EdgeTable;
import org.thousandbrains.graph.compile.NetworkView;
import org.thousandbrains.graph.compile.TopologyException;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeKind;

/** The graph key {@code input_steps} (L): written, read back, carried by the edge table and the compiled graph, checked. */
class GraphMLInputStepsTest {
    private static final String KEYS = "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
            + "<key id=\"T\" for=\"graph\" attr.name=\"steps\" attr.type=\"int\"/>\n"
            + "<key id=\"L\" for=\"graph\" attr.name=\"input_steps\" attr.type=\"int\"/>\n"
            + "<graph edgedefault=\"directed\">\n";

    private static Network sequenceNetwork(int steps, int inputSteps) {
        Network net = new Network();
        net.settings().readout(steps, 1).inputSteps(inputSteps);
        Neuron a = net.addNode("a", NodeKind.INPUT, Activation.IDENTITY);
        Neuron b = net.addNode("b", NodeKind.INPUT, Activation.IDENTITY);
        Neuron o = net.addNode("o", NodeKind.OUTPUT, Activation.IDENTITY);
        net.connect(a, o, 0.5, 1.0, 0.0);
        net.connect(b, o, -0.25, 2.5, 0.0);
        return net;
    }

    private static String write(Network net) throws IOException {
        StringWriter w = new StringWriter();
        GraphMLWriter.write(net, w);
        return w.toString();
    }

    private static Network read(String xml) throws IOException {
        return new GraphMLReader().read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "t.graphml").network();
    }

    @Test
    void exportThenImportKeepsTheInputSteps() throws IOException {
        String xml = write(sequenceNetwork(10, 8));
        assertTrue(xml.contains("<data key=\"input_steps\">8</data>"), xml);
        Network back = read(xml);
        assertEquals(8, back.settings().inputSteps());
        assertEquals(10, back.settings().steps());
    }

    @Test
    void absentMeansConstantInputAndIsNotWritten() throws IOException {
        String xml = write(sequenceNetwork(3, 0));
        assertFalse(xml.contains("<data key=\"input_steps\">"), xml);
        assertEquals(0, read(xml).settings().inputSteps());
        assertEquals(0, new Network().settings().inputSteps());
    }

    @Test
    void edgeTableAndCompiledGraphCarryIt() {
        Network net = sequenceNetwork(6, 4);
        EdgeTable t = EdgeTable.of(net);
        assertEquals(4, t.inputSteps);
        CompiledGraph g = GraphCompiler.compile(t);
        assertEquals(4, g.inputSteps());
        assertEquals(4, g.withParameters(g.weight(), g.delay(), g.leak(), g.bias()).inputSteps());
        assertEquals(4, EdgeTable.of(g).inputSteps);
        assertEquals(4, NetworkView.of(g).settings().inputSteps());
    }

    @Test
    void moreInputStepsThanStepsIsACompileError() {
        TopologyException e = assertThrows(TopologyException.class, () -> GraphCompiler.compile(sequenceNetwork(4, 5)));
        assertTrue(e.getMessage().contains("L=5") && e.getMessage().contains("T=4"), e.getMessage());
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class, () -> new Network().settings().inputSteps(-1));
        assertTrue(neg.getMessage().contains("input_steps must be >= 0"), neg.getMessage());
    }

    @Test
    void badValuesNameTheLine() {
        GraphMLException beyond = assertThrows(GraphMLException.class,
                () -> read(KEYS + "<data key=\"T\">4</data>\n<data key=\"L\">5</data>\n</graph></graphml>"));
        assertEquals(6, beyond.line());
        assertTrue(beyond.problem().contains("input_steps") && beyond.problem().contains("T=4"), beyond.problem());
        GraphMLException frac = assertThrows(GraphMLException.class,
                () -> read(KEYS + "<data key=\"T\">4</data>\n<data key=\"L\">2.5</data>\n</graph></graphml>"));
        assertTrue(frac.problem().contains("not an integer"), frac.problem());
        GraphMLException neg = assertThrows(GraphMLException.class,
                () -> read(KEYS + "<data key=\"T\">4</data>\n<data key=\"L\">-1</data>\n</graph></graphml>"));
        assertTrue(neg.problem().contains("input_steps"), neg.problem());
    }
}
