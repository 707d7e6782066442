package org.thousandbrains.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.thousandbrains.api.Data;
import org.thousandbrains.api.Models;
import org.thousandbrains.api.ParameterValues;
import org.thousandbrains.api.Topologies;
import org.thousandbrains.api.Training;
import org.thousandbrains.checkpoint.Checkpoint;
import org.thousandbrains.checkpoint.CheckpointIO;
import org.thousandbrains.data.Split;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.compile.TopologyException;
import org.thousandbrains.graph.topology.Attribute;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.io.Json;
import org.thousandbrains.model.GraphClassifier;

/**
 * Trains one {@link RunConfig} through the library's {@link Training}: builds the graph — a built-in family, or the
 * user's topology file — compiles it, runs it as a {@link GraphClassifier} over the temporal operator,
 * Adam and the trainer with a test evaluation (eval mode) after every epoch, and saves a self-describing
 * checkpoint: the trained compiled graph, parameters with k-WTA duty cycles, optimizer and trainer
 * state, the configuration and readout settings.
 */
public final class ModelRun {
    /** What a finished run hands to the reports: the configuration, the facade's result, build seconds and checkpoint file. */
    public record Result(RunConfig config, Training.Result run, double buildSeconds, Path checkpoint) {
        public Split data() { return run.data(); }
        public GraphClassifier model() { return run.model(); }
        public org.thousandbrains.train.History history() { return run.history(); }
        public double testAccuracy() { return run.testAccuracy(); }
        /** The parameter values before training. */
        public ParameterValues initial() { return run.initial(); }
        /** Median training seconds per epoch (evaluation excluded). */
        public double secondsPerEpoch() { return run.secondsPerEpoch(); }
    }

    static final String CHECKPOINT = "checkpoint.tbck";

    private ModelRun() {
    }

    /** The train/test split of a data spec (digits: the peer's stratified split with seed 42). */
    public static Split load(String spec) {
        try {
            return Data.load(spec);
        } catch (UncheckedIOException e) {
            throw new CliException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CliException("--data: " + e.getMessage());
        }
    }

    /** The configuration's network for this data: the built-in family initialised from its seed, or the topology file. */
    static Network network(RunConfig c, Split data) {
        return network(c, data.train().dim(), data.train().numClasses());
    }

    /** {@link #network(RunConfig, Split)} for data of {@code inputs} features and {@code classes} classes. */
    static Network network(RunConfig c, int inputs, int classes) {
        if (c.isTopology()) return topology(c);
        try {
            return c.model().network(inputs, c.hidden(), classes, c.seed());
        } catch (IllegalArgumentException e) {
            throw new CliException("--hidden: " + e.getMessage());
        }
    }

    /** {@code c} with the topology's own learning rule (graph key {@value #GRAPH_RULE}) when {@code --rule} was not given. */
    static RunConfig withGraphRule(RunConfig c, Network net) {
        Attribute fileRule = net.metadata().get(GRAPH_RULE);
        return c.rule() == null && fileRule != null ? c.withRule(fileRule.value()) : c;
    }

    /** The topology file with the run's readout overrides. */
    static Network topology(RunConfig c) {
        Path file = Path.of(c.topology());
        Network net = Topologies.markSourcesAndSinks(NetworkFiles.read(file, NetworkFiles.mappings(c.maps())).network());
        int steps = c.steps() > 0 ? c.steps() : net.settings().steps();
        int k;
        if (c.readoutK() > 0) {
            k = c.readoutK();
            if (k > steps) throw new CliException("--readout-k " + k + " exceeds the " + steps + " steps of a pass (needs K <= T)");
        } else {
            k = Math.min(net.settings().readoutWindow(), steps);
        }
        net.settings().readout(steps, k);
        return net;
    }

    /** Compiles the network into the classifier, checking that it fits the data. */
    static GraphClassifier classifier(RunConfig c, Network net, Split data, int threads) {
        CompiledGraph g;
        try {
            g = GraphCompiler.compile(net);
        } catch (TopologyException | IllegalArgumentException e) {
            throw new CliException((c.isTopology() ? c.topology() + ": " : "") + e.getMessage());
        }
        String name = c.isTopology() ? fileName(c.topology()) : c.label();
        checkFits(name, g, data, c.data());
        try {
            return GraphClassifier.of(g).threads(threads);
        } catch (IllegalArgumentException e) {
            throw new CliException(name + ": " + e.getMessage());
        }
    }

    /** {@link Models#checkFits} as a one-line command-line error. */
    static void checkFits(String name, CompiledGraph g, Split data, String dataSpec) {
        try {
            Models.checkFits(name, g, data.train(), dataSpec);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    static String fileName(String path) {
        Path p = Path.of(path).getFileName();
        return p == null ? path : p.toString();
    }

    /** The GraphML graph key naming a topology's learning rule (used when {@code --rule} is not given). */
    static final String GRAPH_RULE = "rule";

    /** Exit status of a run stopped by SIGINT/SIGTERM after saving its checkpoint (as a shell reports a Ctrl-C). */
    static final int INTERRUPTED = 130;

    /** A fresh run with a checkpoint after every epoch. */
    public static Result train(RunConfig c, Split data, Path out, int threads, PrintStream log) throws IOException {
        return train(c, data, out, threads, log, 1, null);
    }

    /**
     * Trains (or, with {@code resume}, continues) a run in {@code out}: a checkpoint, {@code metrics.csv}
     * and a running {@code results.json} every {@code checkpointEvery} epochs, the final checkpoint at the
     * end. SIGINT or SIGTERM finish the current batch, save a checkpoint and end with a {@link CliException}
     * of status {@value #INTERRUPTED} saying how to resume. A resumed run is bit-identical to one never
     * interrupted: same data order, RNG, optimizer, duty cycles and trainer state.
     */
    static Result train(RunConfig c, Split data, Path out, int threads, PrintStream log, int checkpointEvery, Checkpoint resume)
            throws IOException {
        long t0 = System.nanoTime();
        return train(c, network(c, data), data, out, threads, log, checkpointEvery, resume, t0);
    }

    /**
     * A fresh run of a network built by the caller (e.g. an experiment's variant of a built-in family);
     * {@code c} gives the data, epochs, batch, rate, seed and rule, and labels the run.
     */
    public static Result train(RunConfig c, Network net, Split data, Path out, int threads, PrintStream log) throws IOException {
        return train(c, net, data, out, threads, log, 1, null, System.nanoTime());
    }

    /** The configuration as a run of the library's {@link Training}, with the metadata its checkpoints carry. */
    static Training training(RunConfig run, GraphClassifier model, Split data, PrintStream log) {
        return Training.of(model).data(data).epochs(run.epochs()).batch(run.batch()).seed(run.seed())
                .rule(run.learningRule()).lr(run.lr()).delayLr(run.delayRate()).leakLr(run.leakRate()).log(log)
                .meta("config", Json.writeCompact(run.toJson())).meta("dataset", data.train().name()).meta("model", run.label());
    }

    private static Result train(RunConfig c, Network net, Split data, Path out, int threads, PrintStream log, int checkpointEvery,
                                Checkpoint resume, long t0) throws IOException {
        // The JGraphT network is only a recipe: after compilation the classifier's arrays are the truth, and
        // no reference to the per-synapse objects is kept while training.
        final RunConfig run = withGraphRule(c, net);
        GraphClassifier model = classifier(run, net, data, threads);
        double build = (System.nanoTime() - t0) * 1e-9;
        log.printf("%s: %s (built and compiled in %.1f s)%n", run, model, build);
        Training training = training(run, model, data, log);
        RunCheckpoints checkpoints = new RunCheckpoints(out, checkpointEvery, training::checkpoint, run.toJson(), log);
        training.listener(checkpoints); // before the progress line: an epoch's line is printed once its checkpoint is on disk
        if (resume != null) training.resume(resume);
        try {
            training.trainer();
        } catch (IllegalArgumentException e) {
            throw new CliException("--rule: " + e.getMessage());
        }
        if (resume != null) {
            org.thousandbrains.train.Trainer trainer = training.trainer();
            log.printf("resumed after epoch %d, batch %d (step %d)%n", trainer.epoch(), trainer.state().batch(), trainer.step());
        }
        Training.Result result;
        try (StopSignals signals = StopSignals.install(() -> training.trainer().requestStop())) {
            result = training.run();
            org.thousandbrains.train.Trainer trainer = training.trainer();
            if (signals.received() != null && trainer.epoch() < trainer.epochs()) {
                checkpoints.save(trainer, "interrupted");
                throw new CliException("stopped by SIG" + signals.received() + " after epoch " + trainer.epoch() + ", batch "
                        + trainer.state().batch() + "; checkpoint saved, continue with: ./tb train --resume " + out, INTERRUPTED);
            }
        }
        Path checkpoint = out.resolve(CHECKPOINT);
        java.nio.file.Files.createDirectories(out);
        CheckpointIO.write(checkpoint, training.checkpoint());
        return new Result(run, result, build, checkpoint);
    }
}
