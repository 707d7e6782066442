package org.thousandbrains.graph.graphml;

import java.util.Objects;

import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.SparseNetwork;

/**
 * An imported network and the report of what the file held. A reader fills either form — objects
 * ({@link Network}) or arrays ({@link SparseNetwork}) — and the other is derived on first request, so a
 * large graph read as arrays is turned into objects only when a caller asks for {@link #network()}.
 */
public final class ImportResult {
    private Network network;
    private SparseNetwork sparse;
    private final ImportReport report;

    public ImportResult(Network network, ImportReport report) {
        this.network = Objects.requireNonNull(network, "network");
        this.report = Objects.requireNonNull(report, "report");
    }

    public ImportResult(SparseNetwork sparse, ImportReport report) {
        this.sparse = Objects.requireNonNull(sparse, "sparse");
        this.report = Objects.requireNonNull(report, "report");
    }

    /** The network as objects (built from the arrays on the first call when the reader filled arrays). */
    public synchronized Network network() {
        if (network == null) network = sparse.toNetwork();
        return network;
    }

    /** The network as arrays (built from the objects on the first call when the reader filled objects). */
    public synchronized SparseNetwork sparse() {
        if (sparse == null) sparse = SparseNetwork.of(network);
        return sparse;
    }

    public ImportReport report() {
        return report;
    }
}
