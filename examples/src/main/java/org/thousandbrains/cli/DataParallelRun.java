package org.thousandbrains.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.thousandbrains.api.Evaluation;
import org.thousandbrains.api.ParameterValues;
import org.thousandbrains.api.Training;
import org.thousandbrains.data.Split;
import org.thousandbrains.distributed.DataParallelTrainer;
import org.thousandbrains.distributed.ModelFactory;
import org.thousandbrains.distributed.SparkContexts;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.io.Json;
import org.thousandbrains.model.DatasetExamples;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.train.EpochResult;
import org.thousandbrains.train.History;
import org.thousandbrains.train.Trainer;

/**
 * {@code tb train ... --data-parallel --spark MASTER [--partitions N]}: one run trained synchronously data-parallel
 * ({@link DataParallelTrainer}: each step's batch in N shards, one Spark task each), with the files of a local
 * {@code tb train} run ({@link RunReport}: results.json, metrics.csv, plots) and its checkpoint after every epoch.
 * The per-epoch train accuracy is measured after the epoch in eval mode (a local run's is the running accuracy
 * of the training batches); test loss and accuracy are those a local run records.
 */
final class DataParallelRun {
    /**
     * Builds the run's classifier from its configuration as JSON (a {@link RunConfig} is not Serializable), its
     * rule already resolved on the driver; a topology file is read again where the model is built.
     */
    record Factory(String config, int inputs, int classes, int threads) implements ModelFactory {
        @Override
        public GraphClassifier build() {
            RunConfig c = RunConfig.fromJson(Json.parse(config));
            GraphClassifier m = GraphClassifier.of(GraphCompiler.compile(ModelRun.network(c, inputs, classes))).threads(threads);
            m.rule(c.learningRule(), c.seed());
            return m;
        }
    }

    private DataParallelRun() {
    }

    /** Trains {@code c} on {@code master} in {@code partitions} shards per step into {@code out}. */
    static ModelRun.Result train(RunConfig config, String master, int partitions, Path out, int threads, PrintStream log) throws IOException {
        long t0 = System.nanoTime();
        Split data = ModelRun.load(config.data());
        Network net = ModelRun.network(config, data);
        RunConfig c = ModelRun.withGraphRule(config, net);
        ModelRun.classifier(c, net, data, threads); // a local run's checks and messages, before Spark starts
        Factory factory = new Factory(Json.write(c.toJson()), data.train().dim(), data.train().numClasses(), threads);
        Files.createDirectories(out);
        Path checkpoint = out.resolve(ModelRun.CHECKPOINT);
        try (JavaSparkContext sc = SparkContexts.open(master, "tb train --data-parallel")) {
            DataParallelTrainer dp;
            try {
                dp = new DataParallelTrainer(sc, factory, m -> m.optimizer(c.lr(), c.delayRate(), c.leakRate()), partitions, c.batch(), c.seed(), threads);
            } catch (IllegalArgumentException e) {
                throw new CliException("--data-parallel: " + e.getMessage());
            }
            GraphClassifier model = dp.model();
            ParameterValues initial = ParameterValues.of(model);
            double build = (System.nanoTime() - t0) * 1e-9;
            log.printf(Locale.ROOT, "%s: %s, data-parallel on %s in %d shards per step (built in %.1f s)%n", c, model, master, partitions, build);
            DatasetExamples train = new DatasetExamples(data.train());
            DatasetExamples test = new DatasetExamples(data.test());
            List<EpochResult> epochs = new ArrayList<>();
            long steps = 0;
            long start = System.nanoTime();
            for (int e = 0; e < c.epochs(); e++) {
                long s = System.nanoTime();
                double loss = dp.fit(train, 1);
                double seconds = (System.nanoTime() - s) * 1e-9;
                steps += (train.size() + c.batch() - 1) / c.batch();
                Map<String, Double> metrics = new LinkedHashMap<>(Trainer.evaluate(test, model, Evaluation.EVAL_BATCH, "test"));
                double accuracy = Trainer.evaluate(train, model, Evaluation.EVAL_BATCH, "train").get("train_accuracy");
                epochs.add(new EpochResult(e + 1, loss, accuracy, seconds, steps, metrics));
                dp.checkpoint(checkpoint);
                log.printf(Locale.ROOT, "epoch %d/%d: loss %.4f, test accuracy %.4f, %.1f s%n", e + 1, c.epochs(), loss,
                        metrics.get("test_accuracy"), seconds);
            }
            History history = new History(epochs);
            double acc = history.isEmpty() ? Evaluation.accuracy(model, data.test()) : history.last().metric("test_accuracy");
            Training.Result run = new Training.Result(model, data, history, acc, (System.nanoTime() - start) * 1e-9, initial);
            return new ModelRun.Result(c, run, build, checkpoint);
        }
    }
}
