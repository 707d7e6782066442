package org.thousandbrains.graph.graphml;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything {@link GraphMLParser} collected from one document, before the network is built:
 * keys, node and edge records, graph-level values, values whose key was not yet declared when
 * they were read, and counts of what was skipped.
 */
final class ParsedGraphML {
    /** One {@code <data>} value kept for later: its domain, owning element, key id, text and position. */
    record Datum(String domain, int owner, String keyId, String value, int line, int column) {
    }

    final KeyTable keys;
    final NodeRecords nodes;
    final EdgeRecords edges = new EdgeRecords();
    final List<Datum> graphData = new ArrayList<>();
    final List<Datum> pending = new ArrayList<>();
    int graphs;
    int hyperedges;
    int ports;
    int locators;
    int unknownElements;
    int xmlValues;
    final Set<String> xmlValueKeys = new LinkedHashSet<>();
    int strayText;
    /** Parts of the file read by other threads and kept ({@link SegmentedRead}); 0 when one thread read it all. */
    int partsKept;
    int strayTextLine;

    ParsedGraphML(KeyTable keys) {
        this(keys, new NodeRecords());
    }

    /** Records of a later part of a document, whose edges name the nodes of the document's first part. */
    ParsedGraphML(KeyTable keys, NodeRecords nodes) {
        this.keys = keys;
        this.nodes = nodes;
    }

    /** Applies a node or edge value; IllegalArgumentException names the element and the problem. */
    void apply(Key k, String domain, int owner, String value) {
        try {
            if (domain.equals("node")) nodes.set(owner, k, value);
            else edges.set(owner, k, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(describe(domain, owner) + ": " + k.describe() + ": " + e.getMessage());
        }
    }

    String describe(String domain, int owner) {
        if (domain.equals("node")) return "node '" + nodes.id[owner] + "'";
        return "edge '" + nodes.refId[edges.src[owner]] + "' -> '" + nodes.refId[edges.dst[owner]] + "'";
    }
}
