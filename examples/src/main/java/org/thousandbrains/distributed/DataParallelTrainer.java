package org.thousandbrains.distributed;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.autodiff.Parameter;
import org.thousandbrains.checkpoint.Checkpoint;
import org.thousandbrains.checkpoint.CheckpointIO;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.optim.Optimizer;
import org.thousandbrains.train.Examples;
import org.thousandbrains.train.Rng;

/**
 * Synchronous data-parallel training on Spark. Each step the driver broadcasts the learnable parameters, splits
 * the global batch into {@code partitions} contiguous shards (one Spark task each), every task computes its
 * shard's gradient with the one operator ({@link ShardGradients}), the driver collects the partial gradients and
 * sums them in partition order (deterministic, whatever order the tasks finish in), then applies the optimizer.
 *
 * <p>The batches are those of {@link org.thousandbrains.train.Trainer} with the same seed: each epoch a
 * permutation from {@code new Rng(seed)}, consecutive batches of {@code batchSize}, the last one partial. So in
 * float64 the parameters after N steps equal single-machine training on the same global batches up to the
 * rounding of the partial sums (the test checks 1e-12); in float32 each shard's gradient is summed in float in
 * another order than one pass over the whole batch, so they agree to about 1e-6 relative per step and drift
 * apart with the steps as any float32 reordering does.
 *
 * <p>Supported: rules that backpropagate and make no update of their own after the step (BPTT, fired-only, L1),
 * on graphs without training-mode state: k-WTA duty cycles and overseer statistics are updated per batch from the
 * whole batch, which shards cannot reproduce, so such graphs are refused with a message naming the state.
 * Checkpoints ({@link #checkpoint}) are those of one machine: the driver's classifier and optimizer state.
 */
public final class DataParallelTrainer {
    private final JavaSparkContext sc;
    private final ModelFactory factory;
    private final GraphClassifier model;
    private final Optimizer optimizer;
    private final int partitions;
    private final int batchSize;
    private final int executorThreads;
    private final Rng rng;
    private final String run = UUID.randomUUID().toString();
    private StepTimes times = new StepTimes(0, 0, 0, 0, 0, 0);
    private final List<Double> losses = new ArrayList<>();
    private int epoch;

    /**
     * @param optimizer       builds the driver's optimizer over the driver's classifier
     * @param partitions      shards (Spark tasks) per step
     * @param executorThreads operator threads of each executor's classifier
     */
    public DataParallelTrainer(JavaSparkContext sc, ModelFactory factory, Function<GraphClassifier, Optimizer> optimizer,
                               int partitions, int batchSize, long seed, int executorThreads) {
        if (partitions < 1) throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        this.sc = Objects.requireNonNull(sc, "spark context");
        this.factory = Objects.requireNonNull(factory, "model factory");
        this.model = factory.build();
        refuseUnsupported(model);
        this.optimizer = optimizer.apply(model);
        this.partitions = partitions;
        this.batchSize = batchSize;
        this.executorThreads = Math.max(1, executorThreads);
        this.rng = new Rng(seed);
    }

    private static void refuseUnsupported(GraphClassifier m) {
        for (Parameter p : m.parameters()) {
            if (GraphClassifier.STATE_GROUP.equals(p.group())) {
                throw new IllegalArgumentException("data-parallel training does not support graphs with training-mode state ('"
                        + p.name() + "': k-WTA duty cycles or overseer statistics are updated from the whole batch)");
            }
        }
        String rule = m.rule().spec();
        if (!m.rule().backpropagates() || rule.contains("hebbian")) {
            throw new IllegalArgumentException("data-parallel training supports rules that only backpropagate (bptt, fired-only, "
                    + "l1), not '" + rule + "'");
        }
    }

    /** The driver's classifier: the trained parameters. */
    public GraphClassifier model() { return model; }
    public Optimizer optimizer() { return optimizer; }
    /** Completed epochs. */
    public int epoch() { return epoch; }
    /** Mean training loss of every step so far, in order. */
    public List<Double> losses() { return List.copyOf(losses); }
    /** Where the time of the steps so far went. */
    public StepTimes times() { return times; }

    /** Trains {@code epochs} more epochs over {@code train}; returns the mean loss of the last epoch. */
    public double fit(Examples train, int epochs) {
        ShardData data = ShardData.of(train);
        int n = data.size();
        Broadcast<ShardData> shared = sc.broadcast(data);
        ShardGradients task = new ShardGradients(run, factory, executorThreads, shared);
        double last = Double.NaN;
        try {
            for (int e = 0; e < epochs; e++) {
                int[] order = rng.permutation(n);
                double sum = 0;
                for (int from = 0; from < n; from += batchSize) {
                    int[] idx = Arrays.copyOfRange(order, from, Math.min(n, from + batchSize));
                    double loss = step(task, idx);
                    sum += loss * idx.length;
                }
                epoch++;
                last = sum / n;
            }
        } finally {
            shared.destroy();
        }
        return last;
    }

    /** One synchronous step on the global batch {@code idx}; returns its mean loss. */
    private double step(ShardGradients task, int[] idx) {
        List<Parameter> ps = model.parameters().learnable();
        long t0 = System.nanoTime();
        Broadcast<double[][]> values = sc.broadcast(ShardGradients.values(ps));
        long t1 = System.nanoTime();
        List<int[]> shards = shards(idx, partitions);
        int global = idx.length;
        List<ShardGradients.Partial> parts = sc.parallelize(shards, shards.size())
                .map(s -> task.compute(s, global, values.value())).collect();
        long t2 = System.nanoTime();
        values.destroy();
        optimizer.zeroGrad();
        double loss = 0;
        double slowest = 0;
        for (int i = 0; i < ps.size(); i++) {
            double[] sum = new double[(int) ps.get(i).size()];
            for (ShardGradients.Partial p : parts) {
                double[] g = p.gradients()[i];
                for (int j = 0; j < sum.length; j++) sum[j] += g[j];
            }
            Parameter p = ps.get(i);
            p.grad().assign(Nd4j.create(sum, p.grad().shape(), DataType.DOUBLE).castTo(p.grad().dataType()));
        }
        for (ShardGradients.Partial p : parts) {
            loss += p.loss();
            slowest = Math.max(slowest, p.seconds());
        }
        long t3 = System.nanoTime();
        optimizer.step();
        long t4 = System.nanoTime();
        double wall = (t2 - t1) * 1e-9;
        times = times.plus((t1 - t0) * 1e-9, slowest, Math.max(0, wall - slowest), (t3 - t2) * 1e-9, (t4 - t3) * 1e-9);
        losses.add(loss);
        return loss;
    }

    /** {@code idx} in {@code k} contiguous shards whose sizes differ by at most one (fewer when the batch is smaller). */
    static List<int[]> shards(int[] idx, int k) {
        int parts = Math.min(k, idx.length);
        List<int[]> out = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            int from = (int) ((long) idx.length * p / parts);
            int to = (int) ((long) idx.length * (p + 1) / parts);
            out.add(Arrays.copyOfRange(idx, from, to));
        }
        return out;
    }

    /**
     * Writes a checkpoint of the driver's state into {@code file} (atomically): the classifier (graph, parameters)
     * and the optimizer state, as a single-machine run saves them; {@code GraphClassifier.restore} reads it back.
     */
    public Checkpoint checkpoint(Path file) throws IOException {
        Checkpoint cp = model.checkpoint().optimizer(optimizer.state()).meta("epoch", Integer.toString(epoch))
                .meta("data_parallel_partitions", Integer.toString(partitions)).build();
        CheckpointIO.write(file, cp);
        return cp;
    }
}
