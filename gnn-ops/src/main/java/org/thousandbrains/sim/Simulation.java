package org.thousandbrains.sim;

import java.util.Objects;

import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.ops.ForwardPass;
import org.thousandbrains.ops.Inputs;
import org.thousandbrains.ops.Precision;
import org.thousandbrains.ops.TemporalOperator;

/**
 * Runs a graph over time with external drive and records what it does: the one
 * {@link TemporalOperator} (its inference pass, which keeps only a ring of recent states, so T may be
 * large), batch 1, no outputs needed. Configure fluently, then {@link #run()}:
 *
 * <pre>{@code
 * SimulationResult r = Simulation.of(Connectomes.celegans())
 *     .steps(200).drive("role=S").pattern(Drive.poisson(1, 0.2, 42)).run();
 * r.raster();   // a BufferedImage: a notebook cell shows it
 * }</pre>
 *
 * Defaults: 100 steps, drive {@link Drive#constant(double) constant 1}, weights scaled by
 * {@link Normalization#inStrength(double) in-strength 0.9} per node (states stay within A/(1 − g)), float32,
 * one thread, firing as DESIGN.md defines it (state above the node's threshold, k-WTA winners), the
 * states of up to {@value #DEFAULT_RECORD} evenly spaced nodes kept per step (every node of a smaller
 * graph). The drive must be chosen: there is no default set of driven nodes.
 */
public final class Simulation {
    /** Nodes whose states a simulation keeps per step unless told otherwise. */
    public static final int DEFAULT_RECORD = 300;

    private final CompiledGraph graph;
    private final NodeSelection selection;
    private int steps = 100;
    private int[] driven;
    private String driveLabel;
    private Drive drive = Drive.constant(1);
    private Precision precision = Precision.FLOAT32;
    private Normalization normalization = Normalization.inStrength(0.9);
    private double threshold = Double.NaN;
    private int[] recorded;
    private int recordLimit = DEFAULT_RECORD;
    private int threads = 1;

    private Simulation(CompiledGraph graph, Network network) {
        this.graph = graph;
        this.selection = new NodeSelection(graph, network);
    }

    /** A simulation of {@code network} (compiled here; its node attributes can select the drive). */
    public static Simulation of(Network network) {
        return new Simulation(GraphCompiler.compile(network), network);
    }

    /** A simulation of a compiled graph (drive by node id, index, group or kind). */
    public static Simulation of(CompiledGraph graph) {
        return new Simulation(Objects.requireNonNull(graph, "graph"), null);
    }

    public CompiledGraph graph() { return graph; }

    /** Number of steps T (≥ 1). */
    public Simulation steps(int t) {
        if (t < 1) throw new IllegalArgumentException("steps must be >= 1, got " + t);
        this.steps = t;
        return this;
    }

    /**
     * Drives the nodes {@code spec} selects: comma-separated node ids, group names, {@code ATTR=VALUE}
     * (node attribute, e.g. {@code role=S} for the sensory neurons), {@code kind:input} or {@code all}.
     * A token that selects nothing is an error naming it.
     */
    public Simulation drive(String spec) {
        this.driven = selection.select(spec);
        this.driveLabel = spec;
        return this;
    }

    /** Drives the nodes with these indices (node order of the compiled graph). */
    public Simulation drive(int... nodes) {
        this.driven = selection.indices(nodes);
        this.driveLabel = nodes.length + " node(s) by index";
        return this;
    }

    /** What the driven nodes receive (default constant 1). */
    public Simulation pattern(Drive d) {
        this.drive = Objects.requireNonNull(d, "drive");
        return this;
    }

    public Simulation precision(Precision p) {
        this.precision = Objects.requireNonNull(p, "precision");
        return this;
    }

    /** How the weights are scaled before the run (default in-strength 0.9). */
    public Simulation normalization(Normalization n) {
        this.normalization = Objects.requireNonNull(n, "normalization");
        return this;
    }

    /** Firing threshold for every node in place of the graph's own (k-WTA winners still fire). */
    public Simulation threshold(double theta) {
        if (!Double.isFinite(theta)) throw new IllegalArgumentException("threshold must be finite, got " + theta);
        this.threshold = theta;
        return this;
    }

    /** Keep the states of at most {@code n} evenly spaced nodes per step (0: only the whole-graph figures). */
    public Simulation record(int n) {
        if (n < 0) throw new IllegalArgumentException("recorded node count must be >= 0, got " + n);
        this.recordLimit = n;
        this.recorded = null;
        return this;
    }

    /** Keep the states of the nodes {@code spec} selects (as {@link #drive(String)}). */
    public Simulation record(String spec) {
        this.recorded = selection.select(spec);
        return this;
    }

    /** Worker threads of the operator (default 1; results do not depend on it). */
    public Simulation threads(int k) {
        if (k < 1) throw new IllegalArgumentException("threads must be >= 1, got " + k);
        this.threads = k;
        return this;
    }

    /** Runs the simulation. */
    public SimulationResult run() {
        if (driven == null) {
            throw new IllegalStateException("no driven nodes: call drive(...), e.g. drive(\"role=S\") or drive(\"kind:input\")");
        }
        TemporalOperator op = TemporalOperator.of(graph).precision(precision).threads(threads).readoutMeanOfLast(1);
        double[] factor = normalization.apply(graph, op.parameters().weight(), op.parameters().leak());
        Inputs inputs = drive.inputs(driven, steps);
        int[] sample = recorded != null ? recorded : NodeSelection.evenlySpaced(graph.nodeCount(), recordLimit);
        Recorder rec = new Recorder(steps, sample, graph.thresholds(), threshold);
        long t0 = System.nanoTime();
        rec.start();
        try (ForwardPass pass = op.infer(inputs, steps, 1, null, rec)) {
            double seconds = (System.nanoTime() - t0) * 1e-9;
            return new SimulationResult(this, graph, driven, factor, rec, seconds);
        }
    }

    String driveLabel() { return driveLabel; }
    Drive drivePattern() { return drive; }
    Normalization normalizationUsed() { return normalization; }
    Precision precisionUsed() { return precision; }
    double thresholdUsed() { return threshold; }
    int threadsUsed() { return threads; }

    @Override
    public String toString() {
        return "Simulation[" + graph.nodeCount() + " nodes, " + graph.edgeCount() + " edges, T=" + steps + ", drive "
                + (driven == null ? "not chosen" : driven.length + " node(s) (" + driveLabel + ") " + drive)
                + ", normalization " + normalization + ", " + precision + "]";
    }
}
