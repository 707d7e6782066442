package org.thousandbrains.graph.graphml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Attribute;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Synapse;
import org.thousandbrains.graph.topology.Unit;

/** Export of hand-built networks: exact read-back of awkward values, and refusals of what cannot round-trip. */
class GraphMLWriterTest {
    @TempDir
    Path dir;

    static String write(Network net) throws IOException {
        StringWriter w = new StringWriter();
        GraphMLWriter.write(net, w);
        return w.toString();
    }

    static Network reread(Network net) throws IOException {
        return new GraphMLReader().read(new ByteArrayInputStream(write(net).getBytes(StandardCharsets.UTF_8)), "x").network();
    }

    @Test
    void awkwardValuesReadBackExactly() throws IOException {
        Network net = new Network();
        net.settings().delayRange(0.25, 16);
        net.addGroup(new NodeGroup("h").kWinners(2).boost(1.0 / 3));
        net.addUnit(new Unit("u").rec(4));
        Neuron a = net.addNode("a & <b> \"c\"\t\r\nd", NodeKind.INPUT);
        Neuron b = net.addNode("\u03b1\ud83e\udde0", NodeKind.OVERSEER, Activation.SIGMOID).bias(-0.0).threshold(Double.MIN_VALUE);
        b.group("h").unit("u");
        b.attribute(new Attribute("note", "string", "  line1\r\nline2\t]]> & <x/>  "));
        b.attribute(new Attribute("n", "int", " 339.0 "));
        Synapse s = net.connect(a, b, -Double.MAX_VALUE, 0.25, 0.999999999999999).id("e&1").learnable(Learnable.DELAY);
        s.attribute(new Attribute("vec", "vector_float", "0x1p+0, 2"));
        net.connect(b, b, Double.MIN_NORMAL, 16, -0.0);
        net.connect(b, b, Double.MIN_NORMAL, 16, -0.0).learnable(Learnable.NONE);
        net.metadata().put("source", new Attribute("source", "string", "hand-made"));

        Network back = reread(net);
        assertEquals(0.25, back.settings().dMin());
        assertEquals(16.0, back.settings().dMax());
        assertEquals(1.0 / 3, back.groups().get("h").boost());
        assertEquals(4, back.units().get("u").rec());
        List<Neuron> nodes = new ArrayList<>(back.nodes());
        assertEquals("a & <b> \"c\"\t\r\nd", nodes.get(0).id());
        Neuron b2 = nodes.get(1);
        assertEquals("\u03b1\ud83e\udde0", b2.id());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(b2.bias()));
        assertEquals(Double.MIN_VALUE, b2.threshold());
        assertEquals(Activation.SIGMOID, b2.activation());
        assertEquals(NodeKind.OVERSEER, b2.kind());
        assertEquals("h", b2.group());
        assertEquals(b.metadata(), b2.metadata());
        List<Synapse> syn = new ArrayList<>(back.synapses());
        assertEquals(3, syn.size());
        assertEquals(-Double.MAX_VALUE, syn.get(0).weight());
        assertEquals(0.999999999999999, syn.get(0).leak());
        assertEquals("e&1", syn.get(0).id());
        assertEquals(Learnable.DELAY, syn.get(0).learnable());
        assertEquals(s.metadata(), syn.get(0).metadata());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(syn.get(1).leak()));
        assertEquals(Learnable.ALL, syn.get(1).learnable());
        assertEquals(Learnable.NONE, syn.get(2).learnable());
        assertEquals(net.metadata(), back.metadata());
    }

    @Test
    void attributesWithOneNameAndTwoTypesKeepTheirTypes() throws IOException {
        Network net = new Network();
        net.addNode("a", NodeKind.NEURON).attribute(new Attribute("x", "int", "1"));
        net.addNode("b", NodeKind.NEURON).attribute(new Attribute("x", "string", "one"));
        Network back = reread(net);
        assertEquals(new Attribute("x", "int", "1"), back.node("a").metadata().get("x"));
        assertEquals(new Attribute("x", "string", "one"), back.node("b").metadata().get("x"));
    }

    @Test
    void refusesWhatWouldNotReadBackTheSame() {
        Network clash = new Network();
        clash.addNode("a", NodeKind.NEURON).attribute(new Attribute("bias", "double", "1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> write(clash)).getMessage().contains("'bias'"));
        Network badChar = new Network();
        badChar.addNode("a\u0001", NodeKind.NEURON);
        assertThrows(IllegalArgumentException.class, () -> write(badChar));
        Network badValue = new Network();
        badValue.addNode("a", NodeKind.NEURON).attribute(new Attribute("n", "double", "many"));
        assertThrows(IllegalArgumentException.class, () -> write(badValue));
    }

    @Test
    void aFailedWriteLeavesNoFile() throws IOException {
        Network net = new Network();
        net.addNode("ok", NodeKind.NEURON);
        net.addNode("bad\uFFFF", NodeKind.NEURON);
        Path out = dir.resolve("out.graphml");
        assertThrows(IllegalArgumentException.class, () -> GraphMLWriter.write(net, out));
        assertFalse(Files.exists(out));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no temporary file left behind");
        }
    }
}
