package org.thousandbrains.graph.graphml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thousandbrains.graph.build.RandomNetworks;
import org.thousandbrains.graph.topology.Attribute;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Synapse;

/**
 * A file read by several threads gives what one thread reading it alone gives: the same records (endpoints, lines,
 * values, metadata), the same network and report, the same error; on plain files the other threads' parts are kept,
 * and wherever a cut falls somewhere a part cannot start (a comment, a value's markup, nodes or keys after the first
 * edge, an unknown node id, a bad value) the document's own parser reads on and the outcome does not change.
 */
class SegmentedReadTest {
    private static final String HEAD = "<?xml version='1.0' encoding='utf-8'?>\n"
            + "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
            + "  <key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
            + "  <key id=\"d\" for=\"edge\" attr.name=\"delay\" attr.type=\"double\"><default>2</default></key>\n"
            + "  <key id=\"nt\" for=\"edge\" attr.name=\"nt\" attr.type=\"string\"/>\n"
            + "  <graph edgedefault=\"directed\">\n";
    private static final String TAIL = "  </graph>\n</graphml>\n";

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static ParsedGraphML parse(Path f, int threads) throws Exception {
        return SegmentedRead.parse(f, f.toString(), new KeyTable(List.of()), threads, 1);
    }

    /** The records of both reads, field by field; returns how many parts the threaded read kept. */
    private static int assertSameRecords(Path f, int threads) throws Exception {
        ParsedGraphML one = parse(f, 1);
        ParsedGraphML many = parse(f, threads);
        EdgeRecords a = one.edges;
        EdgeRecords b = many.edges;
        String at = f.getFileName() + " with " + threads + " threads";
        assertEquals(a.size, b.size, at);
        int n = a.size;
        assertArrayEquals(Arrays.copyOf(a.src, n), Arrays.copyOf(b.src, n), at);
        assertArrayEquals(Arrays.copyOf(a.dst, n), Arrays.copyOf(b.dst, n), at);
        assertArrayEquals(Arrays.copyOf(a.line, n), Arrays.copyOf(b.line, n), at + ": lines");
        assertArrayEquals(Arrays.copyOf(a.directed, n), Arrays.copyOf(b.directed, n), at);
        assertArrayEquals(Arrays.copyOf(a.id, n), Arrays.copyOf(b.id, n), at);
        assertArrayEquals(Arrays.copyOf(a.weight, n), Arrays.copyOf(b.weight, n), at);
        assertArrayEquals(Arrays.copyOf(a.delay, n), Arrays.copyOf(b.delay, n), at);
        assertArrayEquals(Arrays.copyOf(a.leak, n), Arrays.copyOf(b.leak, n), at);
        assertArrayEquals(Arrays.copyOf(a.given, n), Arrays.copyOf(b.given, n), at);
        assertEquals(metadata(a), metadata(b), at + ": metadata");
        assertEquals(one.nodes.size, many.nodes.size, at);
        assertEquals(one.nodes.refCount, many.nodes.refCount, at);
        assertArrayEquals(Arrays.copyOf(one.nodes.refId, one.nodes.refCount), Arrays.copyOf(many.nodes.refId, many.nodes.refCount), at);
        assertEquals(one.pending.size(), many.pending.size(), at);
        assertEquals(List.of(one.graphs, one.xmlValues, one.strayText, one.unknownElements),
                List.of(many.graphs, many.xmlValues, many.strayText, many.unknownElements), at);
        return many.partsKept;
    }

    /** Each edge's metadata as text (key id = value), the keys being those of each read's own key table. */
    private static List<String> metadata(EdgeRecords r) {
        List<String> out = new java.util.ArrayList<>();
        for (int e = 0; e < r.size; e++) {
            StringBuilder sb = new StringBuilder();
            Object[] m = r.meta[e];
            for (int i = 0; m != null && i < m.length; i += 2) sb.append(((Key) m[i]).id).append('=').append(m[i + 1]).append(';');
            out.add(sb.toString());
        }
        return out;
    }

    /** What a reader makes of the file: the network written out and the report, or the error. */
    private static String outcome(Path f, GraphMLReader reader) throws IOException {
        try {
            ImportResult r = reader.readArrays(f);
            return GraphMLWriterTest.write(r.sparse().toNetwork()) + r.report();
        } catch (GraphMLException e) {
            return "error: " + e.getMessage();
        }
    }

    private static String edges(int from, int to, String extra) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append("    <edge source=\"n").append(i % 7).append("\" target=\"n").append((i * 3) % 7).append("\">\n")
                    .append("      <data key=\"w\">").append(i * 0.25 - 3).append("</data>\n")
                    .append(i % 3 == 0 ? "      <data key=\"nt\">ach &amp; " + i + "</data>\n" : "")
                    .append(i % 4 == 0 ? "      <data key=\"d\">\n        " + (1 + i % 5) + "\n      </data>\n" : "")
                    .append("    </edge>\n").append(extra);
        }
        return sb.toString();
    }

    private static String nodes(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append("    <node id=\"n").append(i).append("\"/>\n");
        return sb.toString();
    }

    @Test
    void aPlainFileIsReadInPartsToTheSameRecordsAndNetwork() throws Exception {
        Network net = RandomNetworks.erdosRenyi(120, 0.08).delays(1, 4).leaks(0.3).seed(5).selfLoops(true).build();
        int i = 0;
        for (Synapse s : net.synapses()) {
            if (i % 5 == 0) s.id("e" + i);
            if (i++ % 3 == 0) s.attribute(new Attribute("nt", "string", "gaba < " + i));
        }
        StringWriter w = new StringWriter();
        GraphMLWriter.write(net, w);
        Path f = file("random.graphml", w.toString());
        for (int threads = 2; threads <= 8; threads++) {
            assertEquals(threads - 1, assertSameRecords(f, threads), "every part kept with " + threads + " threads");
            assertEquals(outcome(f, new GraphMLReader().threads(1)), outcome(f, new GraphMLReader().threads(threads).segmentBytes(1)));
        }
        Path g = file("hand.graphml", HEAD + nodes(7) + edges(0, 60, "") + TAIL);
        assertEquals(3, assertSameRecords(g, 4));
    }

    @Test
    void wherePartsCannotStartTheDocumentsParserReadsOnAlone() throws Exception {
        List<String> docs = List.of(
                // edge lines inside comments, where cuts can fall
                HEAD + nodes(7) + edges(0, 20, "<!--\n    <edge source=\"n1\" target=\"n2\"/>\n    <edge source=\"n2\" target=\"n9\">\n-->\n") + TAIL,
                // nodes declared between edges, some after edges name them
                HEAD + nodes(3) + edges(0, 15, "") + "    <node id=\"n3\"/>\n" + edges(15, 30, "")
                        + "    <node id=\"n4\"/>\n    <node id=\"n5\"/>\n    <node id=\"n6\"/>\n" + TAIL,
                HEAD + nodes(7).substring(0, 60) + edges(0, 12, "") + nodes(7).substring(60) + edges(12, 40, "") + TAIL,
                // a key declared after the first edges, and values of an undeclared key
                HEAD + nodes(7) + edges(0, 15, "") + "  </graph>\n  <key id=\"x\" for=\"edge\" attr.name=\"x\" attr.type=\"int\"/>\n"
                        + "  <graph edgedefault=\"undirected\">\n" + nodes(7).replace("\"n", "\"g") + edges(15, 30, "").replace("\"n", "\"g")
                        .replace("key=\"w\"", "key=\"x\"") + TAIL,
                HEAD + nodes(7) + edges(0, 30, "").replace("key=\"nt\"", "key=\"undeclared\"") + TAIL,
                // markup inside values, and edges written inside a value
                HEAD + nodes(7) + edges(0, 30, "").replace("ach &amp;", "<b>ach</b>") + TAIL,
                HEAD + nodes(7) + edges(0, 10, "") + "    <node id=\"v\"><data key=\"nt\">\n" + edges(10, 30, "") + "    </data></node>\n" + TAIL,
                // an edge naming a node the file never declares, and a bad value, late in the file
                HEAD + nodes(7) + edges(0, 30, "") + "    <edge source=\"n1\" target=\"ghost\"/>\n" + edges(30, 40, "") + TAIL,
                HEAD + nodes(7) + edges(0, 30, "") + "    <edge source=\"n1\" target=\"n2\"><data key=\"w\">heavy</data></edge>\n" + TAIL,
                // a nested graph, CDATA and a carriage return after the first edge
                HEAD + nodes(7) + edges(0, 20, "") + "    <node id=\"outer\">\n      <graph edgedefault=\"directed\">\n"
                        + nodes(7).replace("\"n", "\"i") + edges(0, 20, "").replace("\"n", "\"i") + "      </graph>\n    </node>\n" + TAIL,
                HEAD + nodes(7) + edges(0, 30, "") + "    <edge source=\"n1\" target=\"n2\"><data key=\"nt\"><![CDATA[<x>]]></data></edge>\n" + TAIL,
                HEAD + nodes(7) + edges(0, 30, "") + "    <edge source=\"n1\" target=\"n2\"/>\r\n" + edges(30, 40, "") + TAIL,
                // a document that ends inside the graph
                HEAD + nodes(7) + edges(0, 30, ""));
        int k = 0;
        for (String doc : docs) {
            Path f = file("case" + k++ + ".graphml", doc);
            String alone = outcome(f, new GraphMLReader().threads(1));
            for (int threads = 2; threads <= 9; threads++) {
                assertEquals(alone, outcome(f, new GraphMLReader().threads(threads).segmentBytes(1)), f.getFileName() + " with " + threads + " threads");
                try {
                    assertSameRecords(f, threads);
                } catch (FastXmlCursor.Unsupported | GraphMLException e) {
                    // the fast reader gives up on this document, alone as in parts (checked by the outcome above)
                }
            }
        }
    }

    @Test
    void aLargeFileIsCutOnlyIntoPartsOfTheGivenSize() throws Exception {
        Path f = file("mid.graphml", HEAD + nodes(7) + edges(0, 400, "") + TAIL);
        long size = Files.size(f);
        assertEquals(0, SegmentedRead.parse(f, "x", new KeyTable(List.of()), 4, size).partsKept, "one part of the file's size");
        assertEquals(1, SegmentedRead.parse(f, "x", new KeyTable(List.of()), 4, size / 3).partsKept, "two parts of a third");
        assertEquals(3, SegmentedRead.parse(f, "x", new KeyTable(List.of()), 4, size / 10).partsKept, "at most the threads");
    }
}
