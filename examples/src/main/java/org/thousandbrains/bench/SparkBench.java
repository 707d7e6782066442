package org.thousandbrains.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.thousandbrains.api.Data;
import org.thousandbrains.distributed.DataParallelTrainer;
import org.thousandbrains.distributed.ModelFactory;
import org.thousandbrains.distributed.SparkContexts;
import org.thousandbrains.distributed.StepTimes;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.io.Json;
import org.thousandbrains.model.Architecture;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.ops.Precision;
import org.thousandbrains.optim.Adam;
import org.thousandbrains.train.ArrayExamples;
import org.thousandbrains.train.Batch;
import org.thousandbrains.train.Examples;
import org.thousandbrains.train.Trainer;

/**
 * Data-parallel training benchmark (run by {@code bench/spark_cluster.sh}): {@code MASTER PARTITIONS STEPS BATCH HIDDEN}
 * trains the temporal family (float64, one operator thread per process) on {@code STEPS × BATCH} digits for one
 * epoch, in this process ({@link Trainer}) and data-parallel on {@code MASTER} with {@code PARTITIONS} shards per
 * step, each after a warm-up run of the same (the first data-parallel run, "cold", is reported too), and prints one
 * JSON line: both wall times, the speedup, the largest parameter difference, the
 * per-step overheads ({@link StepTimes}) and the round trip of an empty Spark job of {@code PARTITIONS} tasks.
 */
public final class SparkBench {
    private SparkBench() {
    }

    public static void main(String[] args) {
        if (args.length != 5) {
            System.err.println("usage: SparkBench MASTER PARTITIONS STEPS BATCH HIDDEN");
            System.exit(2);
        }
        String master = args[0];
        int partitions = Integer.parseInt(args[1]);
        int steps = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        int hidden = Integer.parseInt(args[4]);
        Examples all = Examples.of(Data.digits().train());
        int n = Math.min(all.size(), steps * batch);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        Batch b = all.batch(idx);
        Examples train = ArrayExamples.classification(b.inputs(), b.labels());
        ModelFactory f = () -> GraphClassifier.of(GraphCompiler.compile(Architecture.TEMPORAL.network(64, new int[] {hidden}, 10, 1)),
                Precision.FLOAT64).threads(1);

        trainSingle(f, train, batch); // warm-up: JIT
        long t0 = System.nanoTime();
        GraphClassifier single = trainSingle(f, train, batch);
        double singleSeconds = (System.nanoTime() - t0) * 1e-9;

        Map<String, Object> out = new LinkedHashMap<>();
        try (JavaSparkContext sc = SparkContexts.open(master, "SparkBench")) {
            java.util.List<Integer> ids = new java.util.ArrayList<>();
            for (int p = 0; p < partitions; p++) ids.add(p);
            sc.parallelize(ids, partitions).map(x -> x).collect(); // executors up
            int jobs = 10;
            long j0 = System.nanoTime();
            for (int j = 0; j < jobs; j++) sc.parallelize(ids, partitions).map(x -> x).collect();
            double emptyJob = (System.nanoTime() - j0) * 1e-9 / jobs;

            long c0 = System.nanoTime();
            parallel(sc, f, partitions, batch).fit(train, 1); // cold: executors build their classifiers, JIT
            double coldSeconds = (System.nanoTime() - c0) * 1e-9;
            DataParallelTrainer dp = parallel(sc, f, partitions, batch);
            long t1 = System.nanoTime();
            dp.fit(train, 1);
            double dpSeconds = (System.nanoTime() - t1) * 1e-9;
            StepTimes st = dp.times();
            double diff = 0;
            double[][] a = {single.weights(), single.delays(), single.leaks(), single.biases()};
            double[][] c = {dp.model().weights(), dp.model().delays(), dp.model().leaks(), dp.model().biases()};
            for (int k = 0; k < a.length; k++) for (int i = 0; i < a[k].length; i++) diff = Math.max(diff, Math.abs(a[k][i] - c[k][i]));
            out.put("master", master);
            out.put("partitions", partitions);
            out.put("steps", st.steps());
            out.put("batch", batch);
            out.put("model", single.toString());
            out.put("single_process_seconds", singleSeconds);
            out.put("data_parallel_cold_seconds", coldSeconds);
            out.put("data_parallel_seconds", dpSeconds);
            out.put("speedup", singleSeconds / dpSeconds);
            out.put("max_parameter_diff_float64", diff);
            out.put("per_step_broadcast_ms", 1e3 * st.broadcast() / st.steps());
            out.put("per_step_compute_ms", 1e3 * st.compute() / st.steps());
            out.put("per_step_task_launch_and_collect_ms", 1e3 * st.tasks() / st.steps());
            out.put("per_step_aggregate_ms", 1e3 * st.aggregate() / st.steps());
            out.put("per_step_update_ms", 1e3 * st.update() / st.steps());
            out.put("empty_job_ms", 1e3 * emptyJob);
        }
        System.out.println(Json.writeCompact(out));
    }

    private static GraphClassifier trainSingle(ModelFactory f, Examples train, int batch) {
        GraphClassifier m = f.build();
        Trainer.builder(m.parameters(), new Adam(m.parameters().learnable(), 1e-2), m).epochs(1).batchSize(batch).seed(0).build().fit(train);
        return m;
    }

    private static DataParallelTrainer parallel(JavaSparkContext sc, ModelFactory f, int partitions, int batch) {
        return new DataParallelTrainer(sc, f, m -> new Adam(m.parameters().learnable(), 1e-2), partitions, batch, 0, 1);
    }
}
