package org.thousandbrains.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import org.thousandbrains.api.Topologies;
import org.thousandbrains.graph.csv.CsvException;
import org.thousandbrains.graph.graphml.AttributeMapping;
import org.thousandbrains.graph.graphml.GraphMLException;
import org.thousandbrains.graph.graphml.ImportResult;
import org.thousandbrains.graph.tbg.TbgException;

/**
 * {@link Topologies}' file reading and writing (GraphML, edge-list CSV, binary {@code .tbg}) for every command that
 * takes a network file, turning every file problem into a one-line {@link CliException}.
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

    /** Reads a network file; GraphML into objects ({@link ImportResult#network()}), CSV and .tbg into arrays. */
    static ImportResult read(Path file, List<AttributeMapping> mappings) {
        return read(file, mappings, false);
    }

    /** {@code allDirected}: every GraphML edge one synapse from source to target ({@link Topologies#load(Path, List, boolean)}). */
    static ImportResult read(Path file, List<AttributeMapping> mappings, boolean allDirected) {
        try {
            return Topologies.load(file, mappings, allDirected);
        } catch (GraphMLException | CsvException | TbgException | IllegalArgumentException | UncheckedIOException e) {
            throw new CliException(e.getMessage());
        }
    }

    /** Reads a network file into arrays ({@link ImportResult#sparse()}): no object per node or synapse, for large graphs. */
    static ImportResult readArrays(Path file, List<AttributeMapping> mappings) {
        return readArrays(file, mappings, false);
    }

    /** As {@link #readArrays(Path, List)}, every GraphML edge directed when {@code allDirected}. */
    static ImportResult readArrays(Path file, List<AttributeMapping> mappings, boolean allDirected) {
        try {
            return Topologies.loadArrays(file, mappings, allDirected);
        } catch (GraphMLException | CsvException | TbgException | IllegalArgumentException | UncheckedIOException e) {
            throw new CliException(e.getMessage());
        }
    }

    /** Writes what was read: CSV and .tbg from the arrays, GraphML from the objects. */
    static void write(ImportResult r, Path file) {
        try {
            Topologies.write(r, file);
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
