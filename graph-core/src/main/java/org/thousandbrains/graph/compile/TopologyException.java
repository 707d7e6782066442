package org.thousandbrains.graph.compile;

/**
 * A network that breaks a rule of DESIGN.md (delay outside {@code [d_min, d_max]}, an instant
 * cycle, a delay below 1 inside a strongly connected component, a non-finite parameter).
 * The message names the node, edge or cycle at fault.
 */
public class TopologyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TopologyException(String message) {
        super(message);
    }
}
