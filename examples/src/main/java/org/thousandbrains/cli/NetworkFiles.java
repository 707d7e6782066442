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
import org.thousandbrains.graph.topology.Network;

/**
 * Reads and writes network files for {@code tb info} and {@code tb convert}, choosing the format
 * by extension ({@code .graphml}/{@code .xml}: GraphML, {@code .csv}: edge list) and turning
 * every file problem into a one-line {@link CliException}.
 */
final class NetworkFiles {
    enum Format { GRAPHML, CSV }

    private NetworkFiles() {
    }

    static Format format(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".graphml") || name.endsWith(".xml")) return Format.GRAPHML;
        if (name.endsWith(".csv")) return Format.CSV;
        throw new CliException("cannot tell the format of '" + file + "' from its extension (use .graphml, .xml or .csv)");
    }

    static ImportResult read(Path file, List<AttributeMapping> mappings) {
        return read(file, mappings, false);
    }

    /** {@code allDirected}: every GraphML edge one synapse from source to target ({@link GraphMLReader#allDirected}). */
    static ImportResult read(Path file, List<AttributeMapping> mappings, boolean allDirected) {
        Format f = format(file);
        if (!Files.isRegularFile(file)) throw new CliException("cannot read '" + file + "': no such file");
        try {
            if (f == Format.CSV) {
                if (!mappings.isEmpty()) throw new CliException("--map applies to GraphML input only");
                return CsvEdgeListReader.read(file);
            }
            GraphMLReader reader = new GraphMLReader().allDirected(allDirected);
            for (AttributeMapping m : mappings) reader.map(m);
            return reader.read(file);
        } catch (GraphMLException | CsvException e) {
            throw new CliException(e.getMessage());
        } catch (NoSuchFileException e) {
            throw new CliException("cannot read '" + file + "': no such file");
        } catch (IOException e) {
            throw new CliException("cannot read '" + file + "': " + e.getMessage());
        }
    }

    static void write(Network net, Path file) {
        Format f = format(file);
        try {
            if (f == Format.CSV) CsvEdgeListWriter.write(net, file);
            else GraphMLWriter.write(net, file);
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
