package org.thousandbrains.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.thousandbrains.autodiff.Tape;
import org.thousandbrains.data.Datasets;
import org.thousandbrains.data.Split;
import org.thousandbrains.io.Json;
import org.thousandbrains.model.Architecture;
import org.thousandbrains.model.DatasetExamples;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.model.Threads;
import org.thousandbrains.ops.Strategy;
import org.thousandbrains.optim.Adam;
import org.thousandbrains.train.Batch;
import org.thousandbrains.train.Forward;
import org.thousandbrains.train.Rng;

/**
 * Contention-robust seconds per Fashion-MNIST epoch of the dense and sparse 784-512-512-10 models (each
 * a {@link GraphClassifier} over the temporal operator, as {@code tb train} runs them), measured exactly as the PyTorch peer's {@code fmnist_timing.py} does: one pass over the 60,000
 * training images in 10 chunks, each chunk trained 3 times (batch 128, Adam 1e-3, every step as the
 * trainer does it), the minimum time per chunk summed ({@code est_epoch_s_min}) next to the median
 * chunk time × 10 ({@code naive_median_epoch_s}). Untimed fresh models of {@value #WARMUP} batches each are
 * trained first for at least {@value #TRAIN_WARMUP_S} s (JIT compilation, first touch of buffers), as any JVM
 * benchmark must; a fresh model is then timed. With a single 60-batch warm-up, the compiler's recompilations after
 * its uncommon traps went on for more than 20 s of training, through the timed passes.
 *
 * {@code --threads} sets the operator's worker threads and the native (BLAS) threads; {@code --strategy}
 * the operator's execution strategy (default: {@link Strategy#byDefault()}); {@code --inference 1,32,1000}
 * also measures eval-mode images/s over the test images at those batch sizes (best of {@code --reps}
 * passes over the first {@value #INFERENCE_IMAGES_B1} images at batch 1, all of them otherwise), on the
 * model just trained, after untimed passes for at least {@value #INFERENCE_WARMUP_S} s: the first inference
 * passes after training run while the compiler redoes the code that training compiled, and a single untimed pass
 * left one JVM's batch-1000 figure at 57 000 img/s and the next one's at 92 000.
 *
 * <pre>java ... org.thousandbrains.examples.FashionTiming [--models dense,sparse] [--threads 1] [--reps 3]
 *     [--strategy auto] [--inference 1,32,1000] [--out FILE.json]</pre>
 */
public final class FashionTiming {
    /** Batches of each untimed warm-up model. */
    static final int WARMUP = 60;
    /** Seconds of untimed training (fresh warm-up models) before the timed model. */
    static final double TRAIN_WARMUP_S = 8;
    /** Seconds of untimed inference passes before the timed ones, per batch size. */
    static final double INFERENCE_WARMUP_S = 2;
    /** Test images timed at batch 1 (all of them at larger batches). */
    static final int INFERENCE_IMAGES_B1 = 2000;

    private FashionTiming() {
    }

    public static void main(String[] args) throws IOException {
        int threads = 1;
        int reps = 3;
        Path out = null;
        String models = "dense,sparse";
        Strategy strategy = Strategy.byDefault();
        int[] inference = new int[0];
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--models": models = args[++i]; break;
                case "--threads": threads = Integer.parseInt(args[++i]); break;
                case "--reps": reps = Integer.parseInt(args[++i]); break;
                case "--out": out = Path.of(args[++i]); break;
                case "--strategy": strategy = Strategy.parse(args[++i]); break;
                case "--inference": inference = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray(); break;
                default: throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--models LIST --threads N --reps N --strategy NAME --inference BATCHES --out FILE)");
            }
        }
        Threads.set(threads);
        Split data = Datasets.load("fashion-mnist", Datasets.PEER_SPLIT_SEED);
        List<Object> results = new ArrayList<>();
        for (String m : models.split(",")) {
            Architecture a = Architecture.parse(m);
            GraphClassifier[] trained = new GraphClassifier[1];
            Map<String, Object> r = epochEstimate(a, data, reps, threads, strategy, trained);
            r.put("threads", threads);
            r.put("strategy", strategy.name().toLowerCase(java.util.Locale.ROOT));
            long[] products = trained[0].operator().sparseProducts();
            r.put("sparse_sparse_products_last_layout", products[0]);
            r.put("given_back_to_gemm_last_layout", products[1]);
            if (inference.length > 0) r.put("inference", inference(trained[0], data, inference, reps));
            System.out.println(Json.writeCompact(r));
            results.add(r);
        }
        if (out != null) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("note", "est_epoch_s_min = sum over 10 chunks of min-of-" + reps + " chunk times, as fmnist_timing.py");
            doc.put("train", results);
            Files.writeString(out, Json.write(doc) + "\n");
        }
    }

    static Map<String, Object> epochEstimate(Architecture a, Split data, int reps, int threads, Strategy strategy,
                                             GraphClassifier[] trained) {
        long warm = System.nanoTime();
        do {
            measure(a, data, 1, WARMUP * 128, threads, strategy, trained);
        } while ((System.nanoTime() - warm) * 1e-9 < TRAIN_WARMUP_S);
        return measure(a, data, reps, data.train().size(), threads, strategy, trained);
    }

    /** Eval-mode images/s at each batch size over the test images: best of {@code reps} passes, after the warm-up. */
    static List<Object> inference(GraphClassifier model, Split data, int[] batches, int reps) {
        DatasetExamples test = new DatasetExamples(data.test());
        List<Object> out = new ArrayList<>();
        for (int bs : batches) {
            int images = bs == 1 ? Math.min(INFERENCE_IMAGES_B1, test.size()) : test.size() / bs * bs;
            List<org.nd4j.linalg.api.ndarray.INDArray> inputs = new ArrayList<>();
            for (int s = 0; s < images; s += bs) {
                int[] idx = new int[bs];
                for (int j = 0; j < bs; j++) idx[j] = s + j;
                inputs.add(test.batch(idx).inputs());
            }
            long warm = System.nanoTime();
            do {
                for (org.nd4j.linalg.api.ndarray.INDArray x : inputs) model.logits(x);
            } while ((System.nanoTime() - warm) * 1e-9 < INFERENCE_WARMUP_S);
            double best = Double.POSITIVE_INFINITY;
            double cpu = 0;
            for (int r = 0; r < reps; r++) {
                double c0 = processCpuSeconds();
                long t0 = System.nanoTime();
                for (org.nd4j.linalg.api.ndarray.INDArray x : inputs) model.logits(x);
                best = Math.min(best, (System.nanoTime() - t0) * 1e-9);
                cpu += processCpuSeconds() - c0;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("batch", bs);
            row.put("images", images);
            row.put("img_per_s_best", images / best);
            row.put("latency_ms_per_batch", 1e3 * best / (images / bs));
            row.put("img_per_cpu_s_mean", images / (cpu / reps));
            out.add(row);
        }
        return out;
    }

    /** Trains a fresh model ({@code trained[0]}) over {@code images} images in 10 chunks, each {@code reps} times. */
    static Map<String, Object> measure(Architecture a, Split data, int reps, int images, int threads, Strategy strategy,
                                       GraphClassifier[] trained) {
        GraphClassifier model = GraphClassifier.of(a.network(784, new int[] {512, 512}, 10, 0)).threads(threads);
        model.operator().strategy(strategy);
        trained[0] = model;
        Adam adam = new Adam(model.parameters().learnable(), 1e-3);
        DatasetExamples examples = new DatasetExamples(data.train());
        int n = images;
        int chunks = 10;
        int per = n / chunks;
        int[] perm = new Rng(17).permutation(data.train().size());
        double total = 0;
        List<Double> all = new ArrayList<>();
        double cpu0 = processCpuSeconds();
        for (int c = 0; c < chunks; c++) {
            double best = Double.POSITIVE_INFINITY;
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                for (int s = c * per; s < (c + 1) * per; s += 128) {
                    int[] idx = Arrays.copyOfRange(perm, s, Math.min(s + 128, (c + 1) * per));
                    Batch b = examples.batch(idx);
                    adam.zeroGrad();
                    Tape tape = new Tape();
                    Forward f = model.forward(tape, b);
                    tape.backward(f.loss());
                    adam.step();
                }
                double dt = (System.nanoTime() - t0) * 1e-9;
                all.add(dt);
                best = Math.min(best, dt);
            }
            total += best;
        }
        double cpu = processCpuSeconds() - cpu0;
        all.sort(null);
        Map<String, Object> r = new LinkedHashMap<>();
        // the process's CPU seconds per pass over the images, mean of the reps: robust to other jobs taking the cores
        r.put("cpu_s_per_epoch_mean", cpu / reps * data.train().size() / images);
        r.put("model", a.label());
        r.put("est_epoch_s_min", total);
        r.put("naive_median_epoch_s", all.get(all.size() / 2) * chunks);
        r.put("loadavg", loadavg());
        return r;
    }

    /** CPU seconds this process has used (all its threads: JIT and GC too). */
    static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() * 1e-9;
    }

    private static List<Object> loadavg() {
        List<Object> out = new ArrayList<>();
        try {
            for (String v : Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+", 4)) {
                if (out.size() < 3) out.add(Double.parseDouble(v));
            }
        } catch (IOException | NumberFormatException e) {
            return out;
        }
        return out;
    }
}
