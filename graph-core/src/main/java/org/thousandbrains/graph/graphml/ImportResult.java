package org.thousandbrains.graph.graphml;

import org.thousandbrains.graph.topology.Network;

/** An imported network and the report of what the file held. */
public record ImportResult(Network network, ImportReport report) {
}
