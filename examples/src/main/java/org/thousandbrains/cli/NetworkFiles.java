package org.thousandbrains.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.thousandbrains.graph.csv.CsvEdgeListReader;
import org.thousandbrains.graph.csv.CsvEdgeListWriter;
import org.thousandbrains.graph.csv.CsvException;
import org.thousandbrains.graph.graphml.AttributeMapping;
import org.thousandbrains.graph.graphml.GraphMLException;
import org.thousandbrains.graph.graphml.GraphMLReader;
import org.thousandbrains.graph.graphml.GraphMLWriter;
import org.thousandbrains.graph.graphml.ImportResult;
import org.thousandbrains.graph.tbg.TbgException;
import org.thousandbrains.graph.tbg.TbgReader;
import org.thousandbrains.graph.tbg.TbgWriter;

/**
 * Reads and writes network files for every command that takes one, choosing the format by extension
 * ({@code .graphml}/{@code .xml}: GraphML, {@code .csv}: edge list, {@code .tbg}: the binary edge format) and
 * turning every file problem into a one-line {@link CliException}.
 */
final class NetworkFiles {
    enum Format { GRAPHML, CSV, TBG }

    private NetworkFiles() {
    }

    static Format format(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".graphml") || name.endsWith(".xml")) return Format.GRAPHML;
        if (name.endsWith(".csv")) return Format.CSV;
        if (name.endsWith(".tbg")) return Format.TBG;
        throw new CliException("cannot tell the format of '" + file + "' from its extension (use .graphml, .xml, .csv or .tbg)");
    }

    /** Reads a network file; GraphML into objects ({@link ImportResult#network()}), CSV and .tbg into arrays. */
    static ImportResult read(Path file, List<AttributeMapping> mappings) {
        return read(file, mappings, false, false);
    }

    /** {@code allDirected}: every GraphML edge one synapse from source to target ({@link GraphMLReader#allDirected}). */
    static ImportResult read(Path file, List<AttributeMapping> mappings, boolean allDirected) {
        return read(file, mappings, allDirected, false);
    }

    /** Reads a network file into arrays ({@link ImportResult#sparse()}): no object per node or synapse, for large graphs. */
    static ImportResult readArrays(Path file, List<AttributeMapping> mappings) {
        return read(file, mappings, false, true);
    }

    /** As {@link #readArrays(Path, List)}, every GraphML edge directed when {@code allDirected}. */
    static ImportResult readArrays(Path file, List<AttributeMapping> mappings, boolean allDirected) {
        return read(file, mappings, allDirected, true);
    }

    private static ImportResult read(Path file, List<AttributeMapping> mappings, boolean allDirected, boolean arrays) {
        Format f = format(file);
        if (!Files.isRegularFile(file)) throw new CliException("cannot read '" + file + "': no such file");
        try {
            if (f != Format.GRAPHML && !mappings.isEmpty()) throw new CliException("--map applies to GraphML input only");
            if (f == Format.CSV) return CsvEdgeListReader.read(file);
            if (f == Format.TBG) return TbgReader.read(file);
            GraphMLReader reader = new GraphMLReader().allDirected(allDirected);
            for (AttributeMapping m : mappings) reader.map(m);
            return arrays ? reader.readArrays(file) : reader.read(file);
        } catch (GraphMLException | CsvException | TbgException e) {
            throw new CliException(e.getMessage());
        } catch (NoSuchFileException e) {
            throw new CliException("cannot read '" + file + "': no such file");
        } catch (IOException e) {
            throw new CliException("cannot read '" + file + "': " + e.getMessage());
        }
    }

    /** Writes what was read: CSV and .tbg from the arrays, GraphML from the objects. */
    static void write(ImportResult r, Path file) {
        Format f = format(file);
        try {
            if (f == Format.CSV) CsvEdgeListWriter.write(r.sparse(), file);
            else if (f == Format.TBG) TbgWriter.write(r.sparse(), file);
            else GraphMLWriter.write(r.network(), file);
        } catch (IllegalArgumentException e) {
            throw new CliException("cannot write '" + file + "': " + e.getMessage());
        } catch (IOException e) {
            throw new CliException("cannot write '" + file + "': " + e.getMessage());
        }
    }

    /** Parses {@code --map} values. */
    static List<AttributeMapping> mappings(List<String> specs) {
        return specs.stream().map(NetworkFiles::mapping).toList();
    }

    /** Parses a {@code --map} value. */
    static AttributeMapping mapping(String spec) {
        try {
            return AttributeMapping.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new CliException("--map " + e.getMessage());
        }
    }
}
