package org.thousandbrains.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.thousandbrains.graph.build.LayeredNetwork;
import org.thousandbrains.graph.build.NetworkBuilder;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.csv.CsvEdgeListReader;
import org.thousandbrains.graph.csv.CsvEdgeListWriter;
import org.thousandbrains.graph.graphml.AttributeMapping;
import org.thousandbrains.graph.graphml.GraphMLReader;
import org.thousandbrains.graph.graphml.GraphMLWriter;
import org.thousandbrains.graph.graphml.ImportResult;
import org.thousandbrains.graph.tbg.TbgReader;
import org.thousandbrains.graph.tbg.TbgWriter;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.SparseNetwork;
import org.thousandbrains.graph.topology.NodeKind;

/**
 * Topologies: the two builders, reading and writing GraphML, edge-list CSV or binary edge files (the format from
 * the extension: {@code .graphml}/{@code .xml}, {@code .csv} or {@code .tbg}), and compilation. Large graphs are
 * read into arrays ({@link #loadArrays}: a {@link SparseNetwork}, no object per synapse).
 *
 * <pre>{@code
 * Network net = Topologies.layered().inputs(64).dense(32, Activation.RELU).outputs(10).seed(0).build();
 * Network worm = Topologies.read("c_elegans.graphml", "weight=synapses*0.01");
 * CompiledGraph g = Topologies.compile(net);
 * }</pre>
 *
 * File problems fail with a message naming the file: {@code GraphMLException} or {@code CsvException} (malformed
 * content, with the line), {@code TbgException} (a broken binary file), {@link IllegalArgumentException} (unknown extension, missing file) or
 * {@link UncheckedIOException} (the disk failed).
 */
public final class Topologies {
    /** The file formats, chosen by extension. */
    public enum Format { GRAPHML, CSV, TBG }

    private Topologies() {
    }

    /** A layered network (inputs, dense/sparse/unit layers, outputs) — see {@link LayeredNetwork}. */
    public static LayeredNetwork.Builder layered() {
        return LayeredNetwork.builder();
    }

    /** A network node by node and edge by edge — see {@link NetworkBuilder}. */
    public static NetworkBuilder builder() {
        return NetworkBuilder.create();
    }

    /** The format of a file name: {@code .graphml}/{@code .xml} GraphML, {@code .csv} edge list, {@code .tbg} binary edges. */
    public static Format format(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".graphml") || name.endsWith(".xml")) return Format.GRAPHML;
        if (name.endsWith(".csv")) return Format.CSV;
        if (name.endsWith(".tbg")) return Format.TBG;
        throw new IllegalArgumentException("cannot tell the format of '" + file + "' from its extension (use .graphml, .xml, .csv or .tbg)");
    }

    /** {@link #read(Path, String...)} of a path string. */
    public static Network read(String file, String... maps) {
        return read(Path.of(file), maps);
    }

    /**
     * The network in a GraphML or CSV file; {@code maps} take parameters from a file's own attributes
     * ({@code "weight=synapses*0.01"}, {@link AttributeMapping#parse}; GraphML only).
     */
    public static Network read(Path file, String... maps) {
        return load(file, Arrays.stream(maps).map(Topologies::mapping).toList()).network();
    }

    /** The network with its import report (kept metadata, mapped attributes, warnings). */
    public static ImportResult load(Path file, List<AttributeMapping> mappings) {
        return load(file, mappings, false);
    }

    /**
     * {@link #load(Path, List)}; {@code allDirected}: every GraphML edge is one synapse from source to target, even in
     * an undirected graph ({@link GraphMLReader#allDirected}).
     */
    public static ImportResult load(Path file, List<AttributeMapping> mappings, boolean allDirected) {
        return load(file, mappings, allDirected, false);
    }

    /** A file read into arrays ({@link ImportResult#sparse()}): no object per node or synapse, for large graphs. */
    public static ImportResult loadArrays(Path file, List<AttributeMapping> mappings, boolean allDirected) {
        return load(file, mappings, allDirected, true);
    }

    private static ImportResult load(Path file, List<AttributeMapping> mappings, boolean allDirected, boolean arrays) {
        Format f = format(file);
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("cannot read '" + file + "': no such file");
        if (f != Format.GRAPHML && !mappings.isEmpty()) throw new IllegalArgumentException("--map applies to GraphML input only");
        try {
            if (f == Format.CSV) return CsvEdgeListReader.read(file);
            if (f == Format.TBG) return TbgReader.read(file);
            GraphMLReader reader = new GraphMLReader().allDirected(allDirected);
            for (AttributeMapping m : mappings) reader.map(m);
            return arrays ? reader.readArrays(file) : reader.read(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read '" + file + "': no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read '" + file + "': " + e.getMessage(), e);
        }
    }

    /** Parses an attribute mapping {@code weight=ATTR[*SCALE]}. */
    public static AttributeMapping mapping(String spec) {
        try {
            return AttributeMapping.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--map " + e.getMessage(), e);
        }
    }

    /** Writes GraphML, CSV or .tbg by the file's extension, atomically. */
    public static Path write(Network net, Path file) {
        Format f = format(file);
        try {
            if (f == Format.CSV) CsvEdgeListWriter.write(net, file);
            else if (f == Format.TBG) TbgWriter.write(SparseNetwork.of(net), file);
            else GraphMLWriter.write(net, file);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot write '" + file + "': " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write '" + file + "': " + e.getMessage(), e);
        }
        return file;
    }

    /** Writes what was read: CSV and .tbg from its arrays, GraphML from its objects. */
    public static Path write(ImportResult r, Path file) {
        Format f = format(file);
        try {
            if (f == Format.CSV) CsvEdgeListWriter.write(r.sparse(), file);
            else if (f == Format.TBG) TbgWriter.write(r.sparse(), file);
            else GraphMLWriter.write(r.network(), file);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot write '" + file + "': " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write '" + file + "': " + e.getMessage(), e);
        }
        return file;
    }

    /** {@link #write(Network, Path)} to a path string. */
    public static Path write(Network net, String file) {
        return write(net, Path.of(file));
    }

    /** Compiles to the CSR form the operator runs; a broken graph fails naming the node, edge or cycle. */
    public static CompiledGraph compile(Network net) {
        return GraphCompiler.compile(net);
    }

    /**
     * An edge list (CSV) names no node kinds: when a network has neither input nor output nodes, its
     * sources (no in-edges) become the inputs and its sinks (no out-edges) the outputs, in node order,
     * both with the identity activation. A network that has either kind is left as it is.
     */
    public static Network markSourcesAndSinks(Network net) {
        for (Neuron v : net.nodes()) {
            if (v.kind() == NodeKind.INPUT || v.kind() == NodeKind.OUTPUT) return net;
        }
        for (Neuron v : net.nodes()) {
            if (net.graph().inDegreeOf(v) == 0) v.kind(NodeKind.INPUT).activation(Activation.IDENTITY);
            else if (net.graph().outDegreeOf(v) == 0) v.kind(NodeKind.OUTPUT).activation(Activation.IDENTITY);
        }
        return net;
    }
}
