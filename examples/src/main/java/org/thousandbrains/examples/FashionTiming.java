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
import org.thousandbrains.optim.Adam;
import org.thousandbrains.train.Batch;
import org.thousandbrains.train.Forward;
import org.thousandbrains.train.Rng;

/**
 * Contention-robust seconds per Fashion-MNIST epoch of the dense and sparse 784-512-512-10 models (each
 * a {@link GraphClassifier} over the temporal operator, as {@code tb train} runs them), measured exactly as the PyTorch peer's {@code fmnist_timing.py} does: one pass over the 60,000
 * training images in 10 chunks, each chunk trained 3 times (batch 128, Adam 1e-3, every step as the
 * trainer does it), the minimum time per chunk summed ({@code est_epoch_s_min}) next to the median
 * chunk time × 10 ({@code naive_median_epoch_s}). Each model first trains {@value #WARMUP} untimed batches
 * (JIT compilation, first touch of buffers), as any JVM benchmark must; a fresh model is then timed.
 *
 * {@code --threads} sets the operator's worker threads and the native (BLAS) threads.
 *
 * <pre>java ... org.thousandbrains.examples.FashionTiming [--models dense,sparse] [--threads 1] [--reps 3] [--out FILE.json]</pre>
 */
public final class FashionTiming {
    /** Untimed batches before each model's measurement. */
    static final int WARMUP = 60;

    private FashionTiming() {
    }

    public static void main(String[] args) throws IOException {
        int threads = 1;
        int reps = 3;
        Path out = null;
        String models = "dense,sparse";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--models": models = args[++i]; break;
                case "--threads": threads = Integer.parseInt(args[++i]); break;
                case "--reps": reps = Integer.parseInt(args[++i]); break;
                case "--out": out = Path.of(args[++i]); break;
                default: throw new IllegalArgumentException("unknown option " + args[i] + " (--models LIST --threads N --reps N --out FILE)");
            }
        }
        Threads.set(threads);
        Split data = Datasets.load("fashion-mnist", Datasets.PEER_SPLIT_SEED);
        List<Object> results = new ArrayList<>();
        for (String m : models.split(",")) {
            Architecture a = Architecture.parse(m);
            Map<String, Object> r = epochEstimate(a, data, reps, threads);
            r.put("threads", threads);
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

    static Map<String, Object> epochEstimate(Architecture a, Split data, int reps, int threads) {
        measure(a, data, 1, WARMUP * 128, threads);
        return measure(a, data, reps, data.train().size(), threads);
    }

    /** Trains a fresh model over {@code images} images in 10 chunks, each {@code reps} times. */
    static Map<String, Object> measure(Architecture a, Split data, int reps, int images, int threads) {
        GraphClassifier model = GraphClassifier.of(a.network(784, new int[] {512, 512}, 10, 0)).threads(threads);
        Adam adam = new Adam(model.parameters().learnable(), 1e-3);
        DatasetExamples examples = new DatasetExamples(data.train());
        int n = images;
        int chunks = 10;
        int per = n / chunks;
        int[] perm = new Rng(17).permutation(data.train().size());
        double total = 0;
        List<Double> all = new ArrayList<>();
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
        all.sort(null);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", a.label());
        r.put("est_epoch_s_min", total);
        r.put("naive_median_epoch_s", all.get(all.size() / 2) * chunks);
        r.put("loadavg", loadavg());
        return r;
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
