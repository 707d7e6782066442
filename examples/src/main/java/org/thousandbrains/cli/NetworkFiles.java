package org.thousandbrains.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import org.thousandbrains.api.Topologies;
import org.thousandbrains.graph.csv.CsvException;
import org.thousandbrains.graph.graphml.AttributeMapping;
import org.thousandbrains.graph.graphml.GraphMLException;
import org.thousandbrains.graph.graphml.ImportResult;
import org.thousandbrains.graph.topology.Network;

/**
 * {@link Topologies}' file reading and writing for {@code tb info}, {@code tb convert} and {@code tb train --topology},
 * turning every file problem into a one-line {@link CliException}.
 */
final class NetworkFiles {
    private NetworkFiles() {
    }

    static Topologies.Format format(Path file) {
        try {
            return Topologies.format(file);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    static ImportResult read(Path file, List<AttributeMapping> mappings) {
        return read(file, mappings, false);
    }

    /** {@code allDirected}: every GraphML edge one synapse from source to target ({@link Topologies#load(Path, List, boolean)}). */
    static ImportResult read(Path file, List<AttributeMapping> mappings, boolean allDirected) {
        try {
            return Topologies.load(file, mappings, allDirected);
        } catch (GraphMLException | CsvException | IllegalArgumentException | UncheckedIOException e) {
            throw new CliException(e.getMessage());
        }
    }

    static void write(Network net, Path file) {
        try {
            Topologies.write(net, file);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new CliException(e.getMessage());
        }
    }

    /** Parses {@code --map} values. */
    static List<AttributeMapping> mappings(List<String> specs) {
        try {
            return specs.stream().map(Topologies::mapping).toList();
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }
}
