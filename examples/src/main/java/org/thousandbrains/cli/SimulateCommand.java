package org.thousandbrains.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.thousandbrains.api.Topologies;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.compile.TopologyException;
import org.thousandbrains.graph.graphml.ImportResult;
import org.thousandbrains.graph.topology.Attribute;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.SparseNetwork;
import org.thousandbrains.io.Json;
import org.thousandbrains.ops.Precision;
import org.thousandbrains.sim.ConnectomeDefaults;
import org.thousandbrains.sim.Connectomes;
import org.thousandbrains.sim.Drive;
import org.thousandbrains.sim.Normalization;
import org.thousandbrains.sim.Simulation;
import org.thousandbrains.sim.SimulationResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tb simulate [FILE] [--map ...] [--steps T] [--drive NODES|GROUP|ATTR=VALUE] [--out DIR] ...}: the
 * connectome path from the command line, a thin shell over {@link Simulation}. Without FILE it runs the
 * shipped C. elegans connectome ({@link Connectomes#celegans()}) with its sensory neurons driven. Writes
 * {@code raster.png}, {@code activity.csv}, {@code summary.json} and {@code summary.txt} into the output
 * folder ({@code --summary-only}: the summaries alone, for benchmarks) and prints the summary.
 */
@Command(name = "simulate", description = "Run a graph over time with some nodes driven: raster PNG, activity CSV, summary JSON and text.")
public final class SimulateCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "FILE",
            description = "a network file: .graphml, .xml or .csv (default: the shipped C. elegans connectome)")
    Path file;

    @Option(names = "--map", paramLabel = "weight=ATTR[*SCALE]", description = "take a parameter from a GraphML attribute (repeatable)")
    List<String> maps = new ArrayList<>();

    @Option(names = "--directed", description = "read every GraphML edge as one synapse from source to target, also undirected ones")
    boolean directed;

    @Option(names = "--no-connectome-defaults",
            description = "keep the file's delays and signs (default: where edges name a synapse type, electrical ones get delay 1, "
                    + "chemical ones 2..5 by soma distance, those of GABA neurons a negative weight)")
    boolean keepFileSynapses;

    @Option(names = "--steps", paramLabel = "T", converter = Converters.PositiveInt.class, defaultValue = "200",
            description = "time steps (default ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--drive", paramLabel = "NODES|GROUP|ATTR=VALUE",
            description = "driven nodes: comma-separated node ids, group names, ATTR=VALUE, kind:KIND or all "
                    + "(default: role=S, the sensory neurons, where nodes have a role, else kind:input)")
    String drive;

    @Option(names = "--pattern", paramLabel = "SPEC", defaultValue = "poisson:1,0.2,0",
            description = "drive: constant[:A], pulse:A,START,WIDTH or poisson:A,RATE[,SEED] (default ${DEFAULT-VALUE})")
    String pattern;

    @Option(names = "--normalize", paramLabel = "SPEC", defaultValue = "in-strength=0.9",
            description = "weight scaling: in-strength[=G], spectral[=G] or none (default ${DEFAULT-VALUE})")
    String normalize;

    @Option(names = "--threshold", paramLabel = "THETA", description = "firing threshold for every node (default: the graph's, 0 unless set)")
    Double threshold;

    @Option(names = "--record", paramLabel = "N", defaultValue = "" + Simulation.DEFAULT_RECORD,
            description = "nodes in the raster and CSV, evenly spaced (default ${DEFAULT-VALUE}; all of a smaller graph)")
    int record;

    @Option(names = "--precision", paramLabel = "P", converter = Converters.PrecisionName.class, defaultValue = "float32",
            description = "float32 or float64 (default ${DEFAULT-VALUE})")
    Precision precision;

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default runs/simulate-<file name>/)")
    Path out;

    @Option(names = "--summary-only", description = "record no nodes and write only summary.json and summary.txt (benchmarks)")
    boolean summaryOnly;

    @Option(names = "--json", description = "print the summary as JSON")
    boolean json;

    @Override
    public Integer call() {
        if (record < 0) throw new CliException("--record must be >= 0, got " + record);
        Network net = arraysOnly() ? null : network();
        Simulation sim;
        try {
            sim = net == null ? Simulation.of(GraphCompiler.compile(arrays())) : Simulation.of(net);
        } catch (TopologyException e) {
            throw new CliException(source() + ": " + e.getMessage());
        }
        sim.steps(steps).precision(precision).threads(threads.apply()).record(summaryOnly ? 0 : record);
        try {
            sim.pattern(Drive.parse(pattern));
        } catch (IllegalArgumentException e) {
            throw new CliException("--pattern " + e.getMessage());
        }
        try {
            sim.normalization(Normalization.parse(normalize));
        } catch (IllegalArgumentException e) {
            throw new CliException("--normalize " + e.getMessage());
        }
        if (threshold != null) sim.threshold(threshold);
        String nodes = drive != null ? drive : net == null ? "kind:input" : defaultDrive(net);
        try {
            sim.drive(nodes);
        } catch (IllegalArgumentException e) {
            throw new CliException("--drive " + nodes + ": " + e.getMessage());
        }
        SimulationResult r = sim.run();
        Path dir = out != null ? out : Path.of("runs/simulate-" + stem());
        try {
            r.write(dir, summaryOnly);
        } catch (IOException e) {
            throw new CliException("cannot write into '" + dir + "': " + e.getMessage());
        }
        System.out.println(json ? Json.write(r.toMap()) : r.toString());
        if (!json) System.out.println("wrote " + dir + (summaryOnly ? " (summaries only)" : ""));
        return 0;
    }

    /**
     * An edge-list CSV or a .tbg file simulated with its own synapses goes through the arrays, with no object
     * per synapse (a connectome-size graph); such files carry no node attributes to select a drive by.
     */
    private boolean arraysOnly() {
        if (file == null || !keepFileSynapses) return false;
        Topologies.Format f = NetworkFiles.format(file);
        return f == Topologies.Format.CSV || f == Topologies.Format.TBG;
    }

    private SparseNetwork arrays() {
        ImportResult r = NetworkFiles.readArrays(file, NetworkFiles.mappings(maps), directed);
        for (String w : r.report().warnings()) System.err.println("tb simulate: warning: " + source() + ": " + w);
        return r.sparse();
    }

    private Network network() {
        ImportResult r;
        if (file == null) {
            if (!maps.isEmpty()) throw new CliException("--map needs a FILE (the shipped connectome maps its synapse counts itself)");
            r = Connectomes.celegansImport();
        } else {
            r = NetworkFiles.read(file, NetworkFiles.mappings(maps), directed);
        }
        for (String w : r.report().warnings()) System.err.println("tb simulate: warning: " + source() + ": " + w);
        Network net = r.network();
        if (!keepFileSynapses) ConnectomeDefaults.standard().apply(net);
        return net;
    }

    /** The sensory neurons where nodes carry a role, else the input nodes. */
    private static String defaultDrive(Network net) {
        boolean roles = net.nodes().stream().anyMatch(n -> {
            Attribute a = n.metadata().get(Connectomes.ROLE);
            return a != null && Connectomes.SENSORY.equals(a.value());
        });
        return roles ? Connectomes.ROLE + "=" + Connectomes.SENSORY : "kind:input";
    }

    private String source() {
        return file == null ? "celegans_pharynx.graphml" : file.toString();
    }

    private String stem() {
        String name = file == null ? "celegans" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
