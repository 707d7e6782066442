package org.thousandbrains.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.thousandbrains.checkpoint.Checkpoint;
import org.thousandbrains.checkpoint.CheckpointIO;
import org.thousandbrains.data.Datasets;
import org.thousandbrains.data.Split;
import org.thousandbrains.graph.compile.EdgeTable;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.io.Json;
import org.thousandbrains.model.DatasetExamples;
import org.thousandbrains.model.LayeredModel;
import org.thousandbrains.model.ModelObjective;
import org.thousandbrains.optim.Adam;
import org.thousandbrains.train.Evaluator;
import org.thousandbrains.train.History;
import org.thousandbrains.train.ProgressBar;
import org.thousandbrains.train.Trainer;

/**
 * Trains one {@link RunConfig}: builds the graph with the graph-core builder, runs it as a
 * {@link LayeredModel} (dense-block fast path), Adam and the trainer with a test evaluation after
 * every epoch, writes the trained values back into the graph and saves a checkpoint (parameters
 * with k-WTA duty cycles, optimizer and trainer state, the graph, the configuration).
 */
final class ModelRun {
    /** What a finished run hands to the reports. */
    record Result(RunConfig config, Split data, Network network, LayeredModel model, History history, double testAccuracy,
                  double buildSeconds, Path checkpoint) {
        /** Median training seconds per epoch (evaluation excluded). */
        double secondsPerEpoch() {
            double[] s = history.series("seconds");
            Arrays.sort(s);
            return s.length == 0 ? Double.NaN : s[s.length / 2];
        }
    }

    static final String CHECKPOINT = "checkpoint.tbck";

    private ModelRun() {
    }

    /** The train/test split of a data spec (digits: the peer's stratified split with seed 42). */
    static Split load(String spec) {
        try {
            return Datasets.load(spec, Datasets.PEER_SPLIT_SEED);
        } catch (IOException e) {
            throw new CliException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CliException("--data: " + e.getMessage());
        }
    }

    /** The configuration's network for this data, initialised from its seed. */
    static Network network(RunConfig c, Split data) {
        try {
            return c.model().network(data.train().dim(), c.hidden(), data.train().numClasses(), c.seed());
        } catch (IllegalArgumentException e) {
            throw new CliException("--hidden: " + e.getMessage());
        }
    }

    static LayeredModel model(RunConfig c, Network net) {
        return new LayeredModel(net, DataType.FLOAT, c.model().steps());
    }

    static Result train(RunConfig c, Split data, Path out, PrintStream log) throws IOException {
        long t0 = System.nanoTime();
        Network net = network(c, data);
        LayeredModel model = model(c, net);
        double build = (System.nanoTime() - t0) * 1e-9;
        log.printf("%s: %d nodes, %d synapses (graph built, compiled and cut into dense blocks in %.1f s)%n", c,
                net.nodeCount(), net.synapseCount(), build);
        ModelObjective objective = new ModelObjective(model);
        Adam adam = new Adam(model.parameters().learnable(), c.lr());
        Trainer trainer = Trainer.builder(model.parameters(), adam, objective)
                .epochs(c.epochs()).batchSize(c.batch()).seed(c.seed())
                .evaluator(Evaluator.of("test", new DatasetExamples(data.test()), objective, Measures.EVAL_BATCH))
                .listener(new ProgressBar(log, System.console() != null && log == System.out))
                .build();
        History history = trainer.fit(new DatasetExamples(data.train()));
        model.writeBack();
        Path checkpoint = out.resolve(CHECKPOINT);
        CheckpointIO.write(checkpoint, Checkpoint.builder()
                .parameters(model.parameters())
                .optimizer(adam.state())
                .trainer(trainer.state())
                .graph(EdgeTable.of(net))
                .meta("config", Json.writeCompact(c.toJson()))
                .meta("dataset", data.train().name())
                .build());
        double acc = history.last().metric("test_accuracy");
        return new Result(c, data, net, model, history, acc, build, checkpoint);
    }
}
