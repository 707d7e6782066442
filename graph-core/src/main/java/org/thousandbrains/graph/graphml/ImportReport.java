package org.thousandbrains.graph.graphml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import found and made. {@code edges} counts the file's edge elements (GraphML
 * {@code <edge>}, CSV rows); an undirected edge between two nodes becomes two synapses, an
 * undirected self-loop one. {@code parallelEdges} counts edges beyond the first between the
 * same endpoints (ordered pair if directed, unordered otherwise) over the whole document.
 */
public record ImportReport(int nodes, int edges, int undirectedEdges, int selfLoops, int parallelEdges,
                           int hyperedgesSkipped, int portsSkipped, int synapses, List<String> warnings) {
    public ImportReport {
        warnings = List.copyOf(warnings);
    }

    /** The counts under the names {@code tb info --json} uses (warnings as a list). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodes", nodes);
        m.put("edges", edges);
        m.put("undirected_edges", undirectedEdges);
        m.put("self_loops", selfLoops);
        m.put("parallel_edges", parallelEdges);
        m.put("hyperedges_skipped", hyperedgesSkipped);
        m.put("ports_skipped", portsSkipped);
        m.put("synapses", synapses);
        m.put("warnings", warnings);
        return m;
    }
}
