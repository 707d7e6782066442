/**
 * GraphML import and export of {@link org.thousandbrains.graph.topology.Network}s.
 *
 * <p>{@link org.thousandbrains.graph.graphml.GraphMLReader} streams a file with StAX (no DTDs,
 * no entities, no XInclude, bounded nesting), accumulates nodes and edges into compact arrays
 * and builds the network only when the whole document has been read, so a failed import leaves
 * nothing half-built. Plain ASCII files (most large ones) are scanned by a fast cursor instead of StAX, and a
 * large file by several threads at once ({@code GraphMLReader.threads}): the same records, values and errors
 * as one thread reading it. It reads files written by other tools (NetworkX, igraph, graph-tool, yEd,
 * Gephi, TinkerPop, connectome collections): typed keys with defaults, keys declared anywhere,
 * nested graphs flattened, undirected edges turned into two synapses, parallel edges and
 * self-loops kept, hyperedges and ports skipped with a counted warning, attribute names mapped
 * with {@link org.thousandbrains.graph.graphml.AttributeMapping}. Every problem is a
 * {@link org.thousandbrains.graph.graphml.GraphMLException} naming file, line and column.
 *
 * <p>Why this reader is the project's own and not JGraphT's {@code jgrapht-io} importer: it reads
 * straight into primitive arrays ({@code readArrays}, a {@code SparseNetwork}: no object or attribute
 * map per edge), which is what makes connectome-size files possible — {@code bench/graphml_import.sh} on
 * a 1M-edge file: 2.6 s wall, 4.5 CPU-s and 0.34 GB peak for the whole {@code tb info} against 27.8 s and
 * 3.2 GB for {@code networkx.read_graphml} (results in {@code bench/results/graphml_import.json}); it is
 * hardened against hostile XML (no DTD, entities or XInclude, bounded nesting) and names file, line and
 * column in every error; and it keeps what the shared corpus of other tools' files needs (typed
 * defaults, keys anywhere, nested graphs, counted skips of hyperedges and ports). A side-by-side timing
 * of {@code jgrapht-io} on the same file has not been made.
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
