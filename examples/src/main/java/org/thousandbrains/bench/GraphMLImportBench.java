package org.thousandbrains.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.thousandbrains.graph.build.RandomGraphs;
import org.thousandbrains.graph.compile.EdgeTable;
import org.thousandbrains.graph.graphml.GraphMLReader;
import org.thousandbrains.graph.graphml.ImportReport;
import org.thousandbrains.io.Json;

/**
 * GraphML import benchmark (run by {@code bench/graphml_import.sh} beside networkx):
 * {@code generate FILE [NODES EDGES SEED]} writes a seeded random directed multigraph
 * (default 100,000 nodes, 1,000,000 edges with weight, delay and leak, in NetworkX's layout);
 * {@code import FILE} reads it once with {@link GraphMLReader#readArrays} (what {@code tb info} reads with) in this
 * fresh JVM and prints a JSON line with the import time in seconds and the counts.
 */
public final class GraphMLImportBench {
    private GraphMLImportBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 2 && args[0].equals("generate")) {
            int nodes = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
            long edges = args.length > 3 ? Long.parseLong(args[3]) : 1_000_000L;
            long seed = args.length > 4 ? Long.parseLong(args[4]) : 42L;
            generate(Path.of(args[1]), nodes, edges, seed);
        } else if (args.length == 2 && args[0].equals("import")) {
            System.out.println(Json.writeCompact(importOnce(Path.of(args[1]))));
        } else {
            System.err.println("usage: GraphMLImportBench generate FILE [NODES EDGES SEED] | import FILE");
            System.exit(2);
        }
    }

    static void generate(Path file, int nodes, long edges, long seed) throws IOException {
        EdgeTable t = RandomGraphs.uniform(RandomGraphs.spec().nodes(nodes).edges(edges).seed(seed));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("<?xml version='1.0' encoding='utf-8'?>\n");
            w.write("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
            w.write("  <key id=\"d0\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n");
            w.write("  <key id=\"d1\" for=\"edge\" attr.name=\"delay\" attr.type=\"double\"/>\n");
            w.write("  <key id=\"d2\" for=\"edge\" attr.name=\"leak\" attr.type=\"double\"/>\n");
            w.write("  <graph edgedefault=\"directed\">\n");
            for (int v = 0; v < t.nodeCount; v++) w.write("    <node id=\"n" + v + "\"/>\n");
            StringBuilder sb = new StringBuilder(256);
            for (int e = 0; e < t.edgeCount; e++) {
                sb.setLength(0);
                sb.append("    <edge source=\"n").append(t.src[e]).append("\" target=\"n").append(t.dst[e]).append("\">\n")
                  .append("      <data key=\"d0\">").append(t.weight[e]).append("</data>\n")
                  .append("      <data key=\"d1\">").append(t.delay[e]).append("</data>\n")
                  .append("      <data key=\"d2\">").append(t.leak[e]).append("</data>\n")
                  .append("    </edge>\n");
                w.append(sb);
            }
            w.write("  </graph>\n</graphml>\n");
        }
    }

    static Map<String, Object> importOnce(Path file) throws IOException {
        long t0 = System.nanoTime();
        ImportReport r = new GraphMLReader().readArrays(file).report();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tool", "thousandbrains GraphMLReader.readArrays");
        out.put("import_seconds", seconds);
        out.put("nodes", r.nodes());
        out.put("edges", r.edges());
        out.put("synapses", r.synapses());
        return out;
    }
}
