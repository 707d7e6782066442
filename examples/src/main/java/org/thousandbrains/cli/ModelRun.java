package org.thousandbrains.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;

import org.thousandbrains.checkpoint.Checkpoint;
import org.thousandbrains.checkpoint.CheckpointIO;
import org.thousandbrains.data.Datasets;
import org.thousandbrains.data.Split;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.compile.TopologyException;
import org.thousandbrains.graph.topology.Attribute;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.io.Json;
import org.thousandbrains.model.DatasetExamples;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.optim.Optimizer;
import org.thousandbrains.train.Evaluator;
import org.thousandbrains.train.History;
import org.thousandbrains.train.ProgressBar;
import org.thousandbrains.train.Trainer;

/**
 * Trains one {@link RunConfig}: builds the graph — a built-in family with the graph-core builder, or the
 * user's topology file — compiles it, runs it as a {@link GraphClassifier} over the temporal operator,
 * Adam and the trainer with a test evaluation (eval mode) after every epoch, and saves a self-describing
 * checkpoint: the trained compiled graph, parameters with k-WTA duty cycles, optimizer and trainer
 * state, the configuration and readout settings.
 */
public final class ModelRun {
    /** What a finished run hands to the reports; {@code initial*} are the parameter values before training. */
    public record Result(RunConfig config, Split data, GraphClassifier model, History history, double testAccuracy,
                  double buildSeconds, Path checkpoint, double[] initialWeight, double[] initialDelay, double[] initialLeak,
                  double[] initialBias) {
        /** Median training seconds per epoch (evaluation excluded). */
        public double secondsPerEpoch() {
            double[] s = history.series("seconds");
            Arrays.sort(s);
            return s.length == 0 ? Double.NaN : s[s.length / 2];
        }
    }

    static final String CHECKPOINT = "checkpoint.tbck";

    private ModelRun() {
    }

    /** The train/test split of a data spec (digits: the peer's stratified split with seed 42). */
    public static Split load(String spec) {
        try {
            return Datasets.load(spec, Datasets.PEER_SPLIT_SEED);
        } catch (IOException e) {
            throw new CliException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CliException("--data: " + e.getMessage());
        }
    }

    /** The configuration's network for this data: the built-in family initialised from its seed, or the topology file. */
    static Network network(RunConfig c, Split data) {
        if (c.isTopology()) return topology(c);
        try {
            return c.model().network(data.train().dim(), c.hidden(), data.train().numClasses(), c.seed());
        } catch (IllegalArgumentException e) {
            throw new CliException("--hidden: " + e.getMessage());
        }
    }

    /** The topology file with the run's readout overrides. */
    static Network topology(RunConfig c) {
        Path file = Path.of(c.topology());
        Network net = NetworkFiles.read(file, NetworkFiles.mappings(c.maps())).network();
        markSourcesAndSinks(net);
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

    /**
     * An edge list (CSV) names no node kinds: when a network has neither input nor output nodes, its
     * sources (no in-edges) become the inputs and its sinks (no out-edges) the outputs, in node order.
     */
    static void markSourcesAndSinks(Network net) {
        for (Neuron v : net.nodes()) {
            if (v.kind() == NodeKind.INPUT || v.kind() == NodeKind.OUTPUT) return;
        }
        for (Neuron v : net.nodes()) {
            if (net.graph().inDegreeOf(v) == 0) v.kind(NodeKind.INPUT).activation(Activation.IDENTITY);
            else if (net.graph().outDegreeOf(v) == 0) v.kind(NodeKind.OUTPUT).activation(Activation.IDENTITY);
        }
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

    /**
     * The graph's input nodes (times its input steps L when L &gt; 0) must take the data's features and its
     * output nodes be its classes.
     */
    static void checkFits(String name, CompiledGraph g, Split data, String dataSpec) {
        int in = g.inputs().length * Math.max(1, g.inputSteps());
        int out = g.outputs().length;
        String ds = dataSpec;
        if (in != data.train().dim()) {
            String hint = name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")
                    ? " (an edge-list CSV names no node kinds: its sources are taken as inputs and its sinks as outputs;"
                    + " write GraphML with kind=input/output to choose them)" : "";
            String inputs = g.inputSteps() > 0 ? g.inputs().length + " input nodes × " + g.inputSteps() + " input steps = " + in + " values"
                    : in + " input nodes";
            throw new CliException(name + " has " + inputs + " but dataset " + ds + " has " + data.train().dim() + " features"
                    + hint);
        }
        if (out != data.train().numClasses()) {
            throw new CliException(name + " has " + out + " output nodes but dataset " + ds + " has " + data.train().numClasses()
                    + " classes");
        }
    }

    static String fileName(String path) {
        Path p = Path.of(path).getFileName();
        return p == null ? path : p.toString();
    }

    /** Sets the run's learning rule on the model and returns the optimizer that goes with it ({@link GraphClassifier#optimizer}). */
    static Optimizer optimizer(RunConfig c, GraphClassifier model) {
        try {
            model.rule(c.learningRule(), c.seed());
        } catch (IllegalArgumentException e) {
            throw new CliException("--rule: " + e.getMessage());
        }
        return model.optimizer(c.lr(), c.delayRate(), c.leakRate());
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

    private static Result train(RunConfig c, Network net, Split data, Path out, int threads, PrintStream log, int checkpointEvery,
                                Checkpoint resume, long t0) throws IOException {
        // The JGraphT network is only a recipe: after compilation the classifier's arrays are the truth, and
        // no reference to the per-synapse objects is kept while training.
        Attribute fileRule = net.metadata().get(GRAPH_RULE);
        if (c.rule() == null && fileRule != null) c = c.withRule(fileRule.value());
        final RunConfig run = c;
        GraphClassifier model = classifier(run, net, data, threads);
        double build = (System.nanoTime() - t0) * 1e-9;
        log.printf("%s: %s (built and compiled in %.1f s)%n", run, model, build);
        double[] w0 = model.weights();
        double[] d0 = model.delays();
        double[] l0 = model.leaks();
        double[] b0 = model.biases();
        Optimizer opt = optimizer(run, model);
        Trainer[] holder = new Trainer[1];
        java.util.function.Supplier<Checkpoint> snapshot = () -> model.checkpoint()
                .optimizer(opt.state())
                .trainer(holder[0].state())
                .meta("config", Json.writeCompact(run.toJson()))
                .meta("dataset", data.train().name())
                .meta("model", run.label())
                .build();
        RunCheckpoints checkpoints = new RunCheckpoints(out, checkpointEvery, snapshot, run.toJson(), log);
        Trainer trainer = Trainer.builder(model.parameters(), opt, model)
                .epochs(run.epochs()).batchSize(run.batch()).seed(run.seed())
                .evaluator(Evaluator.of("test", new DatasetExamples(data.test()), model, Measures.EVAL_BATCH))
                .listener(checkpoints) // first: an epoch's line is printed once its checkpoint is on disk
                .listener(new ProgressBar(log, System.console() != null && log == System.out))
                .build();
        holder[0] = trainer;
        if (resume != null) {
            resume.resume(trainer);
            log.printf("resumed after epoch %d, batch %d (step %d)%n", trainer.epoch(), trainer.state().batch(), trainer.step());
        }
        History history;
        try (StopSignals signals = StopSignals.install(trainer::requestStop)) {
            history = trainer.fit(new DatasetExamples(data.train()));
            if (signals.received() != null && trainer.epoch() < trainer.epochs()) {
                checkpoints.save(trainer, "interrupted");
                throw new CliException("stopped by SIG" + signals.received() + " after epoch " + trainer.epoch() + ", batch "
                        + trainer.state().batch() + "; checkpoint saved, continue with: ./tb train --resume " + out, INTERRUPTED);
            }
        }
        Path checkpoint = out.resolve(CHECKPOINT);
        java.nio.file.Files.createDirectories(out);
        CheckpointIO.write(checkpoint, snapshot.get());
        double acc = history.last().metric("test_accuracy");
        return new Result(run, data, model, history, acc, build, checkpoint, w0, d0, l0, b0);
    }
}
