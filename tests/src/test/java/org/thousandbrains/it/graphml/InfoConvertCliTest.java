package org.thousandbrains.it.graphml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thousandbrains.experiments.CliRun;
import org.thousandbrains.graph.graphml.GraphMLReader;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.io.Json;

/**
 * {@code tb info} and {@code tb convert} on the shipped example (the NeuroData C. elegans
 * pharynx file, whose counts the corpus README gives: 279 nodes, 3225 undirected edges,
 * 3 self-loops, 935 parallel edges) and on bad input.
 */
class InfoConvertCliTest {
    @TempDir
    Path tmp;

    private static Path example() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("gnn-ops/src/main/resources/org/thousandbrains/sim/celegans_pharynx.graphml");
            if (Files.isRegularFile(f)) return f;
        }
        throw new AssertionError("gnn-ops/src/main/resources/org/thousandbrains/sim/celegans_pharynx.graphml not found above " + Path.of("").toAbsolutePath());
    }

    private static Map<?, ?> infoJson(Path file) {
        CliRun r = CliRun.tb("info", file.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        return (Map<?, ?>) Json.parse(r.out());
    }

    @Test
    void infoJsonOnTheExampleHasTheOracleCounts() {
        Map<?, ?> m = infoJson(example());
        for (String key : List.of("nodes", "edges", "undirected_edges", "self_loops", "parallel_edges", "hyperedges_skipped",
                "ports_skipped", "synapses")) {
            assertTrue(m.containsKey(key), "missing key " + key);
        }
        assertEquals(279.0, m.get("nodes"));
        assertEquals(3225.0, m.get("edges"));
        assertEquals(3225.0, m.get("undirected_edges"));
        assertEquals(3.0, m.get("self_loops"));
        assertEquals(935.0, m.get("parallel_edges"));
        assertEquals(0.0, m.get("hyperedges_skipped"));
        assertEquals(0.0, m.get("ports_skipped"));
        assertEquals(2 * 3225.0 - 3, m.get("synapses"));
        assertNull(m.get("compile_error"));
        assertEquals(1.0, ((Map<?, ?>) m.get("delay")).get("min"), "no delays in the file: default 1");
        assertEquals(37.0, ((Map<?, ?>) m.get("weight")).get("max"), "largest synapse count in the file");
    }

    @Test
    void infoReportsACompileErrorInsteadOfFailing() throws IOException {
        Path f = tmp.resolve("cycle.csv");
        Files.writeString(f, "src,dst,delay\na,b,0.5\nb,a,0.5\n");
        Map<?, ?> m = infoJson(f);
        assertEquals(2.0, m.get("synapses"));
        assertNull(m.get("scc_count"));
        assertTrue(((String) m.get("compile_error")).contains("delay"), String.valueOf(m.get("compile_error")));
    }

    @Test
    void convertGraphMLToCsvAndBack() throws IOException {
        Path csv = tmp.resolve("pharynx.csv");
        CliRun r = CliRun.tb("convert", example().toString(), csv.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("not kept"), "says what a CSV cannot hold: " + r.out());
        Map<?, ?> c = infoJson(csv);
        assertEquals(6447.0, c.get("synapses"));
        assertEquals(6447.0, c.get("edges"));
        assertEquals(0.0, c.get("undirected_edges"));
        assertEquals(3.0, c.get("self_loops"));
        Path back = tmp.resolve("back.graphml");
        assertEquals(0, CliRun.tb("convert", csv.toString(), back.toString()).status());
        Path back2 = tmp.resolve("back2.xml");
        assertEquals(0, CliRun.tb("convert", back.toString(), back2.toString()).status());
        Network a = new GraphMLReader().read(back).network();
        Network b = new GraphMLReader().read(back2).network();
        NetworkAssert.assertSameNetwork(a, b, "GraphML -> GraphML");
        assertEquals(279, a.nodeCount());
    }

    @Test
    void graphMLToGraphMLKeepsEverything() throws IOException {
        Path out = tmp.resolve("copy.graphml");
        assertEquals(0, CliRun.tb("convert", example().toString(), out.toString()).status());
        NetworkAssert.assertSameNetwork(new GraphMLReader().read(example()).network(),
                new GraphMLReader().read(out).network(), "example -> copy");
    }

    @Test
    void badInputGivesOneLineNamingFileAndLineAndNoOutput() throws IOException {
        Path bad = tmp.resolve("bad.graphml");
        Files.writeString(bad, "<graphml>\n<graph>\n<node id=\"a\"/>\n<edge source=\"a\" target=\"nowhere\"/>\n</graph>\n</graphml>\n");
        Path out = tmp.resolve("out.csv");
        for (CliRun r : List.of(CliRun.tb("info", bad.toString()), CliRun.tb("convert", bad.toString(), out.toString()))) {
            assertNotEquals(0, r.status());
            assertEquals("", r.out());
            String err = r.err().strip();
            assertFalse(err.contains("\n"), "one line: " + err);
            assertTrue(err.contains(bad + ":4"), "names file and line: " + err);
            assertTrue(err.contains("'nowhere'"), err);
            assertFalse(err.contains("Exception"), "no stack trace: " + err);
        }
        assertFalse(Files.exists(out));
        CliRun csv = CliRun.tb("info", writeCsv("src,dst,weight\na,b,x\n").toString());
        assertNotEquals(0, csv.status());
        assertTrue(csv.err().contains(".csv:2: weight 'x' is not a number"), csv.err());
        assertNotEquals(0, CliRun.tb("info", tmp.resolve("missing.graphml").toString()).status());
        assertNotEquals(0, CliRun.tb("convert", example().toString(), tmp.resolve("out.txt").toString()).status());
        assertNotEquals(0, CliRun.tb("info", example().toString(), "--map", "weight=synapse_type").status());
    }

    private Path writeCsv(String text) throws IOException {
        Path f = tmp.resolve("bad.csv");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void convertToTbgAndBackKeepsTheNetworkAndInfoReadsIt() throws IOException {
        Path tbg = tmp.resolve("pharynx.tbg");
        CliRun c = CliRun.tb("convert", example().toString(), tbg.toString());
        assertEquals(0, c.status(), c.err());
        assertTrue(c.out().contains("not kept: "), "names what a .tbg drops (the file's attributes): " + c.out());
        Map<?, ?> m = infoJson(tbg);
        assertEquals(279.0, m.get("nodes"));
        assertEquals(2 * 3225.0 - 3, m.get("synapses"));
        assertEquals(infoJson(example()).get("scc_count"), m.get("scc_count"));
        Path back = tmp.resolve("back.graphml");
        assertEquals(0, CliRun.tb("convert", tbg.toString(), back.toString()).status());
        Network a = new GraphMLReader().read(example()).network();
        Network b = new GraphMLReader().read(back).network();
        assertEquals(a.synapseCount(), b.synapseCount());
        Path bad = tmp.resolve("bad.tbg");
        byte[] bytes = Files.readAllBytes(tbg);
        bytes[bytes.length - 1] ^= 1;
        Files.write(bad, bytes);
        CliRun r = CliRun.tb("info", bad.toString());
        assertNotEquals(0, r.status());
        assertTrue(r.err().strip().endsWith(bad + ": payload checksum mismatch: the file is corrupt"), r.err());
        assertFalse(r.err().strip().contains("\n"), "one line: " + r.err());
    }
}
