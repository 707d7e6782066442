package org.thousandbrains.graph.graphml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.NodeKind;

/** The example file of docs/graphml-schema.md imports as the text there says, and round-trips. */
class GraphMLSchemaDocTest {
    private static Path doc() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("docs").resolve("graphml-schema.md");
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    static String example() throws IOException {
        Path doc = doc();
        assertNotNull(doc, "docs/graphml-schema.md not found above " + Path.of("").toAbsolutePath());
        String md = Files.readString(doc, StandardCharsets.UTF_8);
        int start = md.indexOf("```xml\n");
        assertTrue(start >= 0, "no xml example in " + doc);
        start += "```xml\n".length();
        return md.substring(start, md.indexOf("```", start));
    }

    @Test
    void theExampleReadsAsDocumented() throws IOException {
        ImportResult r = new GraphMLReader().read(new ByteArrayInputStream(example().getBytes(StandardCharsets.UTF_8)), "example");
        Network net = r.network();
        assertEquals(0.0, net.settings().dMin());
        assertEquals(8.0, net.settings().dMax());
        assertEquals(4, net.settings().steps());
        assertEquals(2, net.settings().readoutWindow());
        NodeGroup h = net.groups().get("h");
        assertEquals(1, h.kWinners());
        assertEquals(1.5, h.boost());
        assertEquals(100, h.period());
        assertEquals(40L, h.observations());
        assertEquals(1.0, h.inferenceFactor());
        assertEquals(1, net.groups().get("cols").unitWinners());
        assertEquals(2, net.units().get("c0").rec());
        assertEquals(2, net.units().get("c1").rec());
        assertEquals(0.5, net.node("h0").duty());
        assertEquals(0.25, net.node("h1").duty());
        assertEquals(0.0, net.node("h2").duty());
        assertEquals("added later", net.node("h2").metadata().get("note").value());
        assertEquals(NodeKind.INPUT, net.node("x0").kind());
        assertEquals(Activation.TANH, net.node("c1b").activation());
        assertEquals("cols", net.node("c1b").group());
        assertEquals("c1", net.node("c1b").unit());
        assertEquals(-0.1, net.node("y").bias());
        assertEquals(10, net.nodeCount());
        assertEquals(14, net.synapseCount());
        assertTrue(r.report().warnings().isEmpty(), r.report().warnings().toString());
        int instant = 0;
        for (var s : net.synapses()) {
            if (s.delay() < 1) instant++;
            if (net.source(s).id().equals("x1") && net.target(s).id().equals("h0")) assertEquals(Learnable.WEIGHT, s.learnable());
        }
        assertEquals(1, instant);

        StringWriter w = new StringWriter();
        GraphMLWriter.write(net, w);
        Network back = new GraphMLReader().read(new ByteArrayInputStream(w.toString().getBytes(StandardCharsets.UTF_8)), "x").network();
        assertEquals(0.5, back.node("h0").duty());
        assertEquals(40L, back.groups().get("h").observations());
        assertEquals(2, back.settings().readoutWindow());
    }
}
