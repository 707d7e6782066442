/**
 * GraphML import and export of {@link org.thousandbrains.graph.topology.Network}s.
 *
 * <p>{@link org.thousandbrains.graph.graphml.GraphMLReader} streams a file with StAX (no DTDs,
 * no entities, no XInclude, bounded nesting), accumulates nodes and edges into compact arrays
 * and builds the network only when the whole document has been read, so a failed import leaves
 * nothing half-built. It reads files written by other tools (NetworkX, igraph, graph-tool, yEd,
 * Gephi, TinkerPop, connectome collections): typed keys with defaults, keys declared anywhere,
 * nested graphs flattened, undirected edges turned into two synapses, parallel edges and
 * self-loops kept, hyperedges and ports skipped with a counted warning, attribute names mapped
 * with {@link org.thousandbrains.graph.graphml.AttributeMapping}. Every problem is a
 * {@link org.thousandbrains.graph.graphml.GraphMLException} naming file, line and column.
 *
 * <p>{@link org.thousandbrains.graph.graphml.GraphMLWriter} writes the schema of DESIGN.md; a
 * written network reads back equal, doubles bit-exact, unknown attributes included.
 *
 * <p>Schema (attribute names; missing values take the defaults in brackets; full reference in
 * docs/graphml-schema.md): node {@code kind} (input|neuron|output|overseer) [neuron],
 * {@code bias} [0], {@code activation} [relu for neurons, identity otherwise], {@code group},
 * {@code unit} [none], {@code threshold} [0], {@code duty} (k-WTA duty cycle in [0, 1]) [0], {@code gain} [1] and
 * {@code shift} [0] (overseer normalization of members of an overseen group);
 * edge {@code weight} [{@link org.thousandbrains.graph.topology.Network#DEFAULT_WEIGHT}],
 * {@code delay} [{@link org.thousandbrains.graph.topology.Network#DEFAULT_DELAY}], {@code leak}
 * [{@link org.thousandbrains.graph.topology.Network#DEFAULT_LEAK}], {@code learnable} [all];
 * graph {@code d_min}, {@code d_max} [1, 8], {@code steps} T and {@code readout_k} K (integers,
 * {@code 1 <= K <= T}) [1, 1], {@code groups} and {@code units} (entries
 * {@code NodeGroup.spec()} / {@code Unit.spec()} separated by {@code ;}).
 */
package org.thousandbrains.graph.graphml;
