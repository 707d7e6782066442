package org.thousandbrains.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thousandbrains.api.Data;
import org.thousandbrains.checkpoint.CheckpointIO;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.model.Architecture;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.ops.Precision;
import org.thousandbrains.optim.Adam;
import org.thousandbrains.train.ArrayExamples;
import org.thousandbrains.train.Batch;
import org.thousandbrains.train.Examples;
import org.thousandbrains.train.Trainer;

/**
 * Data-parallel training on {@code local[2]} against single-machine training ({@link Trainer}) on the same global
 * batches: same seed, same data order, the same graph built twice.
 */
class DataParallelTrainerTest {
    private static final int BATCH = 32;
    private static final long SEED = 5;
    private static JavaSparkContext sc;
    private static Examples train;

    @BeforeAll
    static void start() {
        System.setProperty("spark.driver.memory", "512m");
        sc = SparkContexts.open("local[2]", "DataParallelTrainerTest");
        Examples all = Examples.of(Data.digits().train());
        int[] first = new int[100]; // 3 full batches of 32 and a partial one of 4 per epoch
        for (int i = 0; i < first.length; i++) first[i] = i;
        Batch b = all.batch(first);
        train = ArrayExamples.classification(b.inputs(), b.labels());
    }

    @AfterAll
    static void stop() {
        if (sc != null) sc.stop();
    }

    /** The temporal family (learnable weights, delays, leaks, biases; no k-WTA state), 64 inputs, 10 classes. */
    private static ModelFactory temporal(Precision precision) {
        return () -> GraphClassifier.of(GraphCompiler.compile(Architecture.TEMPORAL.network(64, new int[] {32}, 10, 3)), precision)
                .threads(1);
    }

    private static GraphClassifier singleMachine(ModelFactory f, int epochs) {
        GraphClassifier m = f.build();
        Adam adam = new Adam(m.parameters().learnable(), 1e-2);
        Trainer.builder(m.parameters(), adam, m).epochs(epochs).batchSize(BATCH).seed(SEED).build().fit(train);
        return m;
    }

    private static DataParallelTrainer parallel(ModelFactory f, int partitions) {
        return new DataParallelTrainer(sc, f, m -> new Adam(m.parameters().learnable(), 1e-2), partitions, BATCH, SEED, 1);
    }

    private static double maxDiff(double[] a, double[] b) {
        assertEquals(a.length, b.length);
        double d = 0;
        for (int i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
        return d;
    }

    private static double maxParameterDiff(GraphClassifier a, GraphClassifier b) {
        return Math.max(Math.max(maxDiff(a.weights(), b.weights()), maxDiff(a.delays(), b.delays())),
                Math.max(maxDiff(a.leaks(), b.leaks()), maxDiff(a.biases(), b.biases())));
    }

    @Test
    void float64ParametersEqualSingleMachineTraining() {
        ModelFactory f = temporal(Precision.FLOAT64);
        GraphClassifier initial = f.build();
        GraphClassifier reference = singleMachine(f, 2);
        DataParallelTrainer dp = parallel(f, 3);
        dp.fit(train, 2);
        assertEquals(8, dp.losses().size(), "4 steps per epoch, 2 epochs");
        assertTrue(maxParameterDiff(reference, initial) > 1e-3, "training moved the parameters");
        double d = maxParameterDiff(dp.model(), reference);
        assertTrue(d <= 1e-12, "data-parallel vs single machine, float64: max |diff| " + d);
    }

    @Test
    void float32AgreesWithinTheStatedTolerance() {
        ModelFactory f = temporal(Precision.FLOAT32);
        GraphClassifier reference = singleMachine(f, 1);
        DataParallelTrainer dp = parallel(f, 2);
        dp.fit(train, 1);
        double d = maxParameterDiff(dp.model(), reference);
        assertTrue(d <= 1e-4, "data-parallel vs single machine, float32, 4 Adam steps: max |diff| " + d);
    }

    @Test
    void checkpointRestoresTheTrainedModel(@TempDir Path dir) throws Exception {
        DataParallelTrainer dp = parallel(temporal(Precision.FLOAT32), 2);
        dp.fit(train, 1);
        Path file = dir.resolve("dp.tbck");
        dp.checkpoint(file);
        org.thousandbrains.checkpoint.Checkpoint cp = CheckpointIO.read(file);
        GraphClassifier back = GraphClassifier.restore(cp);
        assertEquals(0.0, maxParameterDiff(back, dp.model()));
        assertEquals("1", cp.meta("epoch"));
        assertTrue(cp.optimizerState() != null, "the optimizer state is saved");
    }

    @Test
    void shardsAreContiguousAndCoverTheBatch() {
        List<int[]> s = DataParallelTrainer.shards(new int[] {9, 8, 7, 6, 5}, 3);
        assertEquals(3, s.size());
        assertArrayEquals(new int[] {9}, s.get(0));
        assertArrayEquals(new int[] {8, 7}, s.get(1));
        assertArrayEquals(new int[] {6, 5}, s.get(2));
        assertEquals(2, DataParallelTrainer.shards(new int[] {1, 2}, 4).size());
    }

    @Test
    void graphsWithKwtaStateAreRefused() {
        ModelFactory sparse = () -> GraphClassifier.of(Architecture.SPARSE.network(64, new int[] {20}, 10, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parallel(sparse, 2));
        assertTrue(e.getMessage().contains("duty"), e.getMessage());
    }
}
