package org.thousandbrains.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.compile.TopologyException;
import org.thousandbrains.graph.graphml.ImportReport;
import org.thousandbrains.graph.graphml.ImportResult;
import org.thousandbrains.graph.topology.SparseNetwork;
import org.thousandbrains.io.Json;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tb info FILE [--map weight=ATTR[*SCALE]] [--json]}: imports a GraphML, CSV or .tbg network into arrays
 * and prints what the file held (nodes, edge elements, undirected edges, self-loops, parallel
 * edges, skipped hyperedges and ports), what it became (synapses, groups, units), the compiled
 * structure (strongly connected components, instant waves; or the compile error) and
 * min/mean/max of weight, delay and leak.
 */
@Command(name = "info", description = "What a GraphML, CSV or .tbg network holds: counts, components, parameter statistics.")
public final class InfoCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "a network file: .graphml, .xml, .csv or .tbg")
    String file;

    @Option(names = "--map", paramLabel = "weight=ATTR[*SCALE]", description = "take a parameter from a GraphML attribute (repeatable)")
    List<String> maps = new ArrayList<>();

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    @Override
    public Integer call() {
        ImportResult r = NetworkFiles.readArrays(Path.of(file), NetworkFiles.mappings(maps));
        Map<String, Object> info = info(file, r);
        if (json) System.out.println(Json.write(info));
        else print(info);
        return 0;
    }

    static Map<String, Object> info(String file, ImportResult r) {
        SparseNetwork net = r.sparse();
        ImportReport rep = r.report();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        Map<String, Object> counts = rep.toMap();
        counts.remove("warnings");
        m.putAll(counts);
        m.put("groups", net.groups().size());
        m.put("units", net.units().size());
        try {
            CompiledGraph g = GraphCompiler.compile(net);
            m.put("scc_count", g.sccCount());
            m.put("instant_waves", g.waveCount());
            m.put("compile_error", null);
        } catch (TopologyException e) {
            m.put("scc_count", null);
            m.put("instant_waves", null);
            m.put("compile_error", e.getMessage());
        }
        m.put("weight", stats(net.edges().weight()));
        m.put("delay", stats(net.edges().delay()));
        m.put("leak", stats(net.edges().leak()));
        m.put("warnings", rep.warnings());
        return m;
    }

    /** min, mean, max over all synapses; null values when there are none. */
    private static Map<String, Object> stats(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int n = values.length;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min", n == 0 ? null : min);
        m.put("mean", n == 0 ? null : sum / n);
        m.put("max", n == 0 ? null : max);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static void print(Map<String, Object> m) {
        line("file", m.get("file"));
        line("nodes", m.get("nodes"));
        line("edge elements", m.get("edges") + " (" + m.get("undirected_edges") + " undirected)");
        line("self-loops", m.get("self_loops"));
        line("parallel edges", m.get("parallel_edges"));
        line("skipped", m.get("hyperedges_skipped") + " hyperedges, " + m.get("ports_skipped") + " ports");
        line("synapses", m.get("synapses"));
        line("groups", m.get("groups"));
        line("units", m.get("units"));
        if (m.get("compile_error") == null) {
            line("SCCs", m.get("scc_count"));
            line("instant waves", m.get("instant_waves"));
        } else {
            line("compile error", m.get("compile_error"));
        }
        for (String p : List.of("weight", "delay", "leak")) {
            Map<String, Object> s = (Map<String, Object>) m.get(p);
            line(p, s.get("min") == null ? "-" : "min " + s.get("min") + "  mean " + s.get("mean") + "  max " + s.get("max"));
        }
        for (Object w : (List<Object>) m.get("warnings")) System.out.println("warning: " + w);
    }

    private static void line(String label, Object value) {
        System.out.printf("%-16s %s%n", label, value);
    }
}
