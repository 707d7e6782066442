package org.thousandbrains.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.Compiler;
import org.thousandbrains.graph.compile.TopologyException;
import org.thousandbrains.graph.graphml.AttributeMapping;
import org.thousandbrains.graph.graphml.ImportReport;
import org.thousandbrains.graph.graphml.ImportResult;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Synapse;
import org.thousandbrains.io.Json;

/**
 * {@code tb info FILE [--map weight=ATTR[*SCALE]] [--json]}: imports a GraphML or CSV network
 * and prints what the file held (nodes, edge elements, undirected edges, self-loops, parallel
 * edges, skipped hyperedges and ports), what it became (synapses, groups, units), the compiled
 * structure (strongly connected components, instant waves; or the compile error) and
 * min/mean/max of weight, delay and leak.
 */
public final class InfoCommand implements Command {
    private static final String USAGE = "usage: tb info FILE [--map weight=ATTR[*SCALE]]... [--json]";

    @Override
    public String name() {
        return "info";
    }

    @Override
    public String summary() {
        return "what a GraphML or CSV network holds: counts, components, parameter statistics";
    }

    @Override
    public int run(String[] args) {
        String file = null;
        boolean json = false;
        List<AttributeMapping> mappings = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json": json = true; break;
                case "--map":
                    if (++i >= args.length) throw new CliException("--map needs a value such as weight=synapses*0.001");
                    mappings.add(NetworkFiles.mapping(args[i]));
                    break;
                case "--help": case "-h":
                    System.out.println(USAGE);
                    return 0;
                default:
                    if (args[i].startsWith("--map=")) mappings.add(NetworkFiles.mapping(args[i].substring(6)));
                    else if (args[i].startsWith("-")) throw new CliException("unknown option '" + args[i] + "' (" + USAGE + ")");
                    else if (file != null) throw new CliException("one file at a time (" + USAGE + ")");
                    else file = args[i];
            }
        }
        if (file == null) throw new CliException(USAGE);
        ImportResult r = NetworkFiles.read(Path.of(file), mappings);
        Map<String, Object> info = info(file, r);
        if (json) System.out.println(Json.write(info));
        else print(info);
        return 0;
    }

    static Map<String, Object> info(String file, ImportResult r) {
        Network net = r.network();
        ImportReport rep = r.report();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        Map<String, Object> counts = rep.toMap();
        counts.remove("warnings");
        m.putAll(counts);
        m.put("groups", net.groups().size());
        m.put("units", net.units().size());
        try {
            CompiledGraph g = Compiler.compile(net);
            m.put("scc_count", g.sccCount());
            m.put("instant_waves", g.waveCount());
            m.put("compile_error", null);
        } catch (TopologyException e) {
            m.put("scc_count", null);
            m.put("instant_waves", null);
            m.put("compile_error", e.getMessage());
        }
        m.put("weight", stats(net, Synapse::weight));
        m.put("delay", stats(net, Synapse::delay));
        m.put("leak", stats(net, Synapse::leak));
        m.put("warnings", rep.warnings());
        return m;
    }

    /** min, mean, max over all synapses; null values when there are none. */
    private static Map<String, Object> stats(Network net, ToDoubleFunction<Synapse> f) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int n = 0;
        for (Synapse s : net.synapses()) {
            double v = f.applyAsDouble(s);
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
            n++;
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
