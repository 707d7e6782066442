package org.thousandbrains.it.graphml;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.thousandbrains.graph.graphml.AttributeMapping;
import org.thousandbrains.graph.graphml.GraphMLException;
import org.thousandbrains.graph.graphml.GraphMLReader;
import org.thousandbrains.graph.graphml.ImportReport;
import org.thousandbrains.graph.graphml.ImportResult;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.Synapse;
import org.thousandbrains.io.Json;

/**
 * Imports every file of the shared real-world GraphML corpus as its {@code manifest.json}
 * says: valid files must import with the oracle's counts (counted by the corpus collectors
 * from the raw XML with lxml, not by this project), reject files must fail with a clear
 * one-line error naming the problem, lenient files either import with the oracle's counts or
 * fail with the specific error listed in {@link #LENIENT_REFUSALS}.
 */
class GraphMLCorpusTest {
    /**
     * Lenient files we refuse, with the reason a user gets. Each is a deliberate decision:
     * <ul>
     * <li>{@code graphinout_got-graph}: its node attribute {@code group} holds names with spaces
     * ("Brotherhood Without Banners"); {@code group} is the model's node group, whose names are
     * single words, so the error names the first such node instead of silently dropping groups.</li>
     * <li>{@code nx_attribute_numeric_type}: an edge {@code weight} of "k" (networkx and igraph fail
     * too); a synapse weight must be a number.</li>
     * </ul>
     * Every other lenient file imports: duplicate edge ids, keys inside {@code <graph>}, keys
     * without {@code for}, non-standard attr.types (kept as text), undeclared data keys (kept as
     * text), hyperedges and ports (skipped, counted), stray text, missing namespace.
     */
    static final Map<String, String> LENIENT_REFUSALS = Map.of(
            "tools/graphinout_got-graph.graphml", "group name must be non-empty without spaces",
            "networkx/nx_attribute_numeric_type.graphml", "'k' is not a number");

    /** The reason each reject file must be refused for (a fragment of the error). */
    static final Map<String, String> REJECT_REASONS = Map.ofEntries(
            Map.entry("jgrapht/GraphMLImporterTest_testValidateDuplicateNode.graphml", "duplicate node id '1'"),
            Map.entry("networkx/nx_header_line_ugly.graphml", "namespace is 'https://ghghgh'"),
            Map.entry("malformed/graphinout_prefixed_root_no_graph.graphml", "no <graph> element"),
            Map.entry("malformed/graphinout_undefined_entity.graphml", "&Eacute;"),
            Map.entry("malformed/graphinout_wrong_root.graphml", "root element is <myroot>"),
            Map.entry("malformed/igraph_bug_1970_duplicate_key_types.graphml", "declared twice"),
            Map.entry("malformed/igraph_bug_2506_empty_key_fields.graphml", "for=\"\""),
            Map.entry("malformed/igraph_invalid1_bad_utf8.graphml", "malformed XML"),
            Map.entry("malformed/igraph_invalid2_garbled_keys.graphml", "declared twice"),
            Map.entry("malformed/igraph_invalid6_unclosed_tag.graphml", "malformed XML"),
            Map.entry("malformed/tinkerpop_graph-types-bad.graphml", "'' is not a number"));

    @TestFactory
    Stream<DynamicTest> everyCorpusFileAsTheManifestExpects() throws IOException {
        Path dir = corpus();
        List<DynamicTest> tests = new ArrayList<>();
        for (Object o : (List<?>) manifest(dir).get("files")) {
            Map<?, ?> entry = (Map<?, ?>) o;
            String file = (String) entry.get("file");
            String expectation = ((String) entry.get("expectation")).split("[:\\s]")[0];
            Map<?, ?> oracle = (Map<?, ?>) entry.get("oracle");
            tests.add(DynamicTest.dynamicTest(expectation + " " + file, () -> check(dir, file, expectation, oracle)));
        }
        assertTrue(tests.size() >= 70, "the manifest lists the whole corpus, found " + tests.size());
        return tests.stream();
    }

    private static void check(Path dir, String file, String expectation, Map<?, ?> oracle) throws IOException {
        Path path = dir.resolve(file);
        switch (expectation) {
            case "valid":
                assertMatchesOracle(new GraphMLReader().read(path).report(), oracle);
                break;
            case "lenient":
                if (LENIENT_REFUSALS.containsKey(file)) assertRefused(path, LENIENT_REFUSALS.get(file));
                else assertMatchesOracle(new GraphMLReader().read(path).report(), oracle);
                break;
            case "reject":
                assertTrue(REJECT_REASONS.containsKey(file), "no expected reason recorded for reject file " + file);
                assertRefused(path, REJECT_REASONS.get(file));
                break;
            case "reject-or-safe":
                try {
                    new GraphMLReader().read(path);
                } catch (GraphMLException e) {
                    assertClear(e, path);
                }
                break;
            default:
                throw new AssertionError("unknown expectation '" + expectation + "' for " + file);
        }
    }

    private static void assertRefused(Path path, String reason) {
        GraphMLException e = assertThrows(GraphMLException.class, () -> new GraphMLReader().read(path));
        assertClear(e, path);
        assertTrue(e.problem().contains(reason), "expected '" + reason + "' in: " + e.getMessage());
    }

    private static void assertClear(GraphMLException e, Path path) {
        assertTrue(e.getMessage().startsWith(path.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.problem().isBlank());
    }

    private static void assertMatchesOracle(ImportReport r, Map<?, ?> o) {
        int directed = num(o, "edges_directed");
        int undirected = num(o, "edges_undirected") + num(o, "edges_direction_unspecified");
        int loops = num(o, "self_loops");
        assertAll(
                () -> assertEquals(num(o, "nodes"), r.nodes(), "nodes"),
                () -> assertEquals(num(o, "edges"), r.edges(), "edges"),
                () -> assertEquals(undirected, r.undirectedEdges(), "undirected edges (missing edgedefault = undirected)"),
                () -> assertEquals(loops, r.selfLoops(), "self-loops"),
                () -> assertEquals(num(o, "parallel_edges"), r.parallelEdges(), "parallel edges"),
                () -> assertEquals(num(o, "hyperedges"), r.hyperedgesSkipped(), "hyperedges"),
                () -> assertEquals(num(o, "ports"), r.portsSkipped(), "ports"));
        // synapses = directed + 2 x undirected non-loops + undirected loops; the oracle does not split
        // loops by direction, so the undirected loop count is known when the file is not mixed or has no loops.
        Integer undirectedLoops = undirected == 0 ? Integer.valueOf(0) : directed == 0 ? Integer.valueOf(loops)
                : loops == 0 ? Integer.valueOf(0) : null;
        if (undirectedLoops != null) {
            assertEquals(directed + 2 * (undirected - undirectedLoops) + undirectedLoops, r.synapses(), "synapses");
        }
    }

    private static int num(Map<?, ?> o, String key) {
        Object v = o.get(key);
        assertTrue(v instanceof Number, "oracle field " + key + " missing");
        return ((Number) v).intValue();
    }

    // --- what the values mean, on a few files, checked against the raw XML text ---

    @Test
    void escapedAmpersandStaysLiteralText() throws IOException {
        Network net = new GraphMLReader().read(corpus().resolve("edge-cases/graphinout_entity_escapes.graphml")).network();
        assertTrue(net.nodes().stream().anyMatch(n -> n.metadata().values().stream()
                .anyMatch(a -> a.value().equals("M&Eacute;XICO#MEXICO"))), "<data>M&amp;Eacute;XICO#MEXICO</data>");
    }

    @Test
    void keyDefaultsApplyToNodesWithoutData() throws IOException {
        Network net = new GraphMLReader().read(corpus().resolve("connectome/graphinout_auto_oscillator.graphml")).network();
        for (Neuron n : net.nodes()) {
            assertEquals("oscillator", n.metadata().get("model").value(), n.id());
            assertEquals("0.25", n.metadata().get("f").value(), n.id());
        }
    }

    @Test
    void graphToolHexFloatsReadAsTheirValue() throws IOException {
        ImportResult r = new GraphMLReader().map(AttributeMapping.parse("weight=value"))
                .read(corpus().resolve("connectome/celegans_neural_wattsstrogatz_graphtool.graphml"));
        List<Synapse> syn = new ArrayList<>(r.network().synapses());
        assertEquals(1.0, syn.get(0).weight(), "e0 n0->n1: 0x1p+0");
        assertEquals(2.0, syn.get(1).weight(), "e1 n0->n2: 0x1p+1");
        assertEquals("n2", r.network().target(syn.get(1)).id());
    }

    @Test
    void mappedWeightIsScaledAndMissingValuesTakeTheDefault() throws IOException {
        Path male = corpus().resolve("connectome/celegans_neural_male_1.graphml");
        Network net = new GraphMLReader().map(AttributeMapping.parse("weight=chemical_weight*0.5")).read(male).network();
        // Reference straight from the file text: each undirected <edge> gives u->v (and v->u unless a loop).
        Matcher m = Pattern.compile("<edge source=\"([^\"]+)\" target=\"([^\"]+)\">\\s*(?:<data key=\"e_chemical_weight\">([^<]+)</data>)?")
                .matcher(Files.readString(male));
        List<String> expected = new ArrayList<>();
        while (m.find()) {
            double w = m.group(3) == null ? Network.DEFAULT_WEIGHT : Double.parseDouble(m.group(3)) * 0.5;
            expected.add(m.group(1) + ">" + m.group(2) + " " + w);
            if (!m.group(1).equals(m.group(2))) expected.add(m.group(2) + ">" + m.group(1) + " " + w);
        }
        List<String> actual = new ArrayList<>();
        for (Synapse s : net.synapses()) actual.add(net.source(s).id() + ">" + net.target(s).id() + " " + s.weight());
        assertEquals(8839, expected.size());
        assertEquals(expected, actual);
        assertTrue(net.synapses().stream().anyMatch(s -> s.metadata().containsKey("electrical_weight")));
    }

    private static Path corpus() {
        return SharedCorpus.require();
    }

    private static Map<?, ?> manifest(Path dir) throws IOException {
        return (Map<?, ?>) Json.parse(Files.readString(dir.resolve("manifest.json")));
    }
}
