package org.thousandbrains.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.EdgeTable;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.io.Json;
import org.thousandbrains.model.Threads;
import org.thousandbrains.ops.ForwardPass;
import org.thousandbrains.ops.Inputs;
import org.thousandbrains.ops.Precision;
import org.thousandbrains.ops.Strategy;
import org.thousandbrains.ops.TemporalOperator;
import org.thousandbrains.graph.io.AtomicFile;
import org.thousandbrains.plot.LineChart;

/**
 * Where each execution strategy wins: a {@code W-W-W} stack (inputs, then two k-WTA layers of
 * identity nodes, each fed by a random mask of the weights) over a grid of activation density
 * (the inputs' nonzeros and both layers' k) and weight density, float32, one thread. Per point,
 * one training step (forward in training mode + backward of a fixed random readout gradient, weight
 * gradients only: {@code inputGradients(false)}, as the classifier's training) and one inference pass,
 * the thread's CPU time (everything runs on it), min over {@code --reps}, for the dense GEMM
 * ({@code blocks}), sparse-sparse ({@code sparse}), the planner's pick ({@code auto}) and, for
 * weight densities up to 20%, the CSR gather ({@code csr}). Writes {@code sweep.md} (table),
 * {@code sweep.json} and {@code sweep.png} (training-step speed-up of sparse-sparse and auto over
 * the GEMM). Before the first point, all four strategies take turns at training and inference for 20 s,
 * so that no point is timed while the compiler redoes code that a switch of mode or strategy discarded.
 *
 * <p>{@code --calibrate} instead measures the constants of the planner's cost model (ops
 * {@code SparseCost}) on one {@code W→W} layer at B = {@code --batch}: the GEMM's time per
 * multiply-add, then the sparse-sparse forward at several input densities (linear fit of time
 * against nonzeros, per weight layout), each with the overhead of a pass without the product
 * (a graph with the same nodes and one edge, CSR) taken off; after the same warm-up as the sweep.
 *
 * <pre>java ... org.thousandbrains.examples.SparseSweep [--width 2048] [--batch 128] [--reps 3]
 *     [--activations 0.02,0.05,0.1,0.2,0.5] [--weights 0.05,0.1,0.2,0.5,1] [--out DIR] [--calibrate]</pre>
 */
public final class SparseSweep {
    private SparseSweep() {
    }

    public static void main(String[] args) throws IOException {
        int width = 2048;
        int batch = 128;
        int reps = 3;
        double[] activations = {0.02, 0.05, 0.1, 0.2, 0.5};
        double[] weights = {0.05, 0.1, 0.2, 0.5, 1.0};
        Path out = Path.of(".");
        boolean calibrate = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--width": width = Integer.parseInt(args[++i]); break;
                case "--batch": batch = Integer.parseInt(args[++i]); break;
                case "--reps": reps = Integer.parseInt(args[++i]); break;
                case "--activations": activations = fractions(args[++i]); break;
                case "--weights": weights = fractions(args[++i]); break;
                case "--out": out = Path.of(args[++i]); break;
                case "--calibrate": calibrate = true; break;
                default: throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--width N --batch N --reps N --activations LIST --weights LIST --out DIR --calibrate)");
            }
        }
        Threads.set(1);
        if (calibrate) calibrate(width, batch, reps);
        else sweep(width, batch, reps, activations, weights, out);
    }

    private static double[] fractions(String list) {
        return Arrays.stream(list.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    // ---- the sweep ----------------------------------------------------------------------------------

    private static void sweep(int width, int batch, int reps, double[] activations, double[] weights, Path out) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%d-%d-%d stack, B = %d, float32, 1 thread, CPU ms of the thread per training step "
                + "(forward + backward) and per inference pass, min of %d; load before: %s%n%n", width, width, width, batch, reps, loadavg()));
        md.append("| weights | active | train blocks | train sparse | train auto | train csr | infer blocks | infer sparse "
                + "| infer auto | infer csr | sparse/blocks train | auto/blocks train | sparse/blocks infer |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        warmUp(width, batch);
        for (double wd : weights) {
            for (double ad : activations) {
                int k = Math.max(1, (int) Math.round(ad * width));
                CompiledGraph g = stack(width, 2, wd, k, 11);
                float[] in = sparseInputs(width, batch, k, 5);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("weight_density", wd);
                row.put("active", (double) k / width);
                for (Strategy s : new Strategy[] {Strategy.BLOCKS, Strategy.SPARSE, Strategy.AUTO, Strategy.CSR}) {
                    if (s == Strategy.CSR && wd > 0.2) continue;
                    TemporalOperator op = operator(g, s);
                    String name = s.name().toLowerCase(Locale.ROOT);
                    double[] seed = readoutGradient(op, batch);
                    row.put("train_ms_" + name, 1e3 * best(reps, () -> trainStep(op, in, seed, batch)));
                    row.put("infer_ms_" + name, 1e3 * best(reps, () -> infer(op, in, batch)));
                    if (s == Strategy.AUTO) row.put("auto_sparse_products", op.sparseProducts()[0]);
                }
                rows.add(row);
                md.append(String.format(Locale.ROOT, "| %.0f%% | %.1f%% | %s | %s | %s | %s | %s | %s | %s | %s | %.2f× | %.2f× | %.2f× |%n",
                        100 * wd, 100.0 * k / width, ms(row, "train_ms_blocks"), ms(row, "train_ms_sparse"), ms(row, "train_ms_auto"),
                        ms(row, "train_ms_csr"), ms(row, "infer_ms_blocks"), ms(row, "infer_ms_sparse"), ms(row, "infer_ms_auto"),
                        ms(row, "infer_ms_csr"), ratio(row, "train_ms_blocks", "train_ms_sparse"),
                        ratio(row, "train_ms_blocks", "train_ms_auto"), ratio(row, "infer_ms_blocks", "infer_ms_sparse")));
                System.out.println(Json.writeCompact(row));
            }
        }
        md.append(String.format(Locale.ROOT, "%nload after: %s%n", loadavg()));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("width", width);
        doc.put("batch", batch);
        doc.put("reps", reps);
        doc.put("rows", rows);
        write(out.resolve("sweep.md"), md.toString());
        write(out.resolve("sweep.json"), Json.write(doc) + "\n");
        // short enough for the plot's width: XChart centres the title over the plot area and cuts a longer one
        LineChart chart = new LineChart("Training step over GEMM, " + width + "-" + width + "-" + width + ", B=" + batch,
                "active fraction (inputs and k-WTA layers)", "GEMM time / strategy time");
        for (double wd : weights) {
            double[] x = new double[activations.length];
            double[] ySparse = new double[activations.length];
            double[] yAuto = new double[activations.length];
            int j = 0;
            for (Map<String, Object> r : rows) {
                if ((double) r.get("weight_density") != wd) continue;
                x[j] = (double) r.get("active");
                ySparse[j] = ratio(r, "train_ms_blocks", "train_ms_sparse");
                yAuto[j] = ratio(r, "train_ms_blocks", "train_ms_auto");
                j++;
            }
            String label = String.format(Locale.ROOT, "%.0f%% weights", 100 * wd);
            chart.series("sparse, " + label, x, ySparse);
            chart.series("auto, " + label, x, yAuto);
        }
        chart.write(out.resolve("sweep.png"));
        System.out.print(md);
        System.out.println("wrote " + out.resolve("sweep.md") + ", sweep.json and sweep.png");
    }

    /**
     * Every strategy, training and inference taking turns, on one 5%/5% stack for {@link #WARM_UP_ALL_SECONDS}:
     * the compiler then has seen every path before the first cell is timed. Without it, the first switch of a
     * kernel between training and inference (or between strategies) sends its compiled code back, and the
     * cells timed while the compiler catches up (seconds on this machine's single C2 thread) came out up to
     * 2.6 times slower.
     */
    private static void warmUp(int width, int batch) {
        int k = Math.max(1, (int) Math.round(0.05 * width));
        CompiledGraph g = stack(width, 2, 0.05, k, 11);
        float[] in = sparseInputs(width, batch, k, 5);
        List<TemporalOperator> ops = new ArrayList<>();
        for (Strategy s : new Strategy[] {Strategy.BLOCKS, Strategy.SPARSE, Strategy.AUTO, Strategy.CSR}) ops.add(operator(g, s));
        double[] seed = readoutGradient(ops.get(0), batch);
        long until = System.nanoTime() + (long) (WARM_UP_ALL_SECONDS * 1e9);
        while (System.nanoTime() < until) {
            for (TemporalOperator op : ops) {
                for (int i = 0; i < 3; i++) trainStep(op, in, seed, batch);
                for (int i = 0; i < 3; i++) infer(op, in, batch);
            }
        }
    }

    /** Seconds of {@link #warmUp} before the sweep. */
    private static final double WARM_UP_ALL_SECONDS = 20;

    private static String ms(Map<String, Object> row, String key) {
        Object v = row.get(key);
        return v == null ? "–" : String.format(Locale.ROOT, "%.2f", (double) v);
    }

    private static double ratio(Map<String, Object> row, String num, String den) {
        return (double) row.get(num) / (double) row.get(den);
    }

    private static TemporalOperator operator(CompiledGraph g, Strategy s) {
        return TemporalOperator.of(g).strategy(s).precision(Precision.FLOAT32).threads(1).skipFrozenGradients(true)
                .inputGradients(false);
    }

    /** A fixed random {@code ∂L/∂y} of the outputs, made once (not part of the timed step). */
    private static double[] readoutGradient(TemporalOperator op, int batch) {
        double[] seed = new double[op.outputs().length * batch];
        Random r = new Random(3);
        for (int i = 0; i < seed.length; i++) seed[i] = r.nextGaussian();
        return seed;
    }

    private static void trainStep(TemporalOperator op, float[] in, double[] seed, int batch) {
        op.training(true);
        try (ForwardPass f = op.forward(Inputs.constant(op.inputNodes(), batch, in), 1, batch, null)) {
            op.backward(f, seed);
        }
    }

    private static void infer(TemporalOperator op, float[] in, int batch) {
        op.training(false);
        try (ForwardPass f = op.infer(Inputs.constant(op.inputNodes(), batch, in), 1, batch, null)) {
            f.readout();
        }
    }

    /**
     * CPU seconds of this thread for the fastest of {@code reps} runs, after {@link #WARM_UP} untimed runs (the
     * kernels compiled by then, as in a training loop): everything runs on the calling thread (operator and
     * BLAS at one thread), and on a machine shared with other jobs the thread's CPU time, unlike the wall
     * time, does not count the time others held the core.
     */
    private static double best(int reps, Runnable run) {
        for (int i = 0; i < WARM_UP; i++) run.run();
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < reps; r++) {
            long t0 = bean.getCurrentThreadCpuTime();
            run.run();
            best = Math.min(best, (bean.getCurrentThreadCpuTime() - t0) * 1e-9);
        }
        return best;
    }

    /** Untimed runs before each measurement. */
    private static final int WARM_UP = 5;

    // ---- calibration of the cost model ----------------------------------------------------------------

    private static void calibrate(int width, int batch, int reps) {
        // compiled first, as before the sweep: without it the first points were timed while the compiler caught up
        // (a 1024 calibration gave dense-rows points that fell from 4.4 to 2.7 ms with more inputs, and negative ones)
        warmUp(width, batch);
        CompiledGraph nodesOnly = stack(width, 1, 1.0 / ((double) width * width), 0, 3);
        float[] full = sparseInputs(width, batch, width, 1);
        TemporalOperator bare = operator(nodesOnly, Strategy.CSR);
        double overhead = best(reps * 3, () -> infer(bare, full, batch));
        CompiledGraph dense = stack(width, 1, 1.0, 0, 3);
        TemporalOperator gemmOp = operator(dense, Strategy.BLOCKS);
        double gemm = best(reps, () -> infer(gemmOp, full, batch)) - overhead;
        double perMac = gemm / ((double) width * width * batch);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("width", width);
        doc.put("batch", batch);
        doc.put("pass_overhead_ms", overhead * 1e3);
        doc.put("gemm_ms", gemm * 1e3);
        doc.put("gemm_gmac_per_s", 1e-9 / perMac);
        // dense rows (weights 50%) and index lists (weights 5%)
        for (double wd : new double[] {0.5, 0.05}) {
            CompiledGraph g = stack(width, 1, wd, 0, 3);
            TemporalOperator op = operator(g, Strategy.SPARSE);
            // the index lists are cheap per input: few inputs; the dense rows: many, so that the products dominate
            double[] fill = wd >= 0.25 ? new double[] {0.1, 0.2, 0.4, 0.8} : new double[] {0.01, 0.02, 0.05, 0.1};
            double[] x = new double[fill.length];
            double[] t = new double[fill.length];
            for (int i = 0; i < fill.length; i++) {
                int k = (int) Math.round(fill[i] * width);
                float[] in = sparseInputs(width, batch, k, 1);
                x[i] = (double) k * batch;
                t[i] = best(reps, () -> infer(op, in, batch)) - overhead;
            }
            double[] fit = line(x, t);
            double perInput = wd >= 0.25 ? width : wd * width;
            String layout = wd >= 0.25 ? "dense_rows" : "index_lists";
            doc.put(layout + "_cost_per_mac", fit[1] / perInput / perMac);
            doc.put(layout + "_scan_cost", fit[0] / (2.0 * width * batch) / perMac);
            doc.put(layout + "_points_ms", Arrays.stream(t).map(v -> v * 1e3).toArray());
        }
        doc.put("loadavg", loadavg());
        System.out.println(Json.write(doc));
    }

    /** Least squares {@code t ≈ a + b·x}: {@code {a, b}}. */
    private static double[] line(double[] x, double[] t) {
        int n = x.length;
        double mx = Arrays.stream(x).sum() / n;
        double mt = Arrays.stream(t).sum() / n;
        double sxx = 0;
        double sxt = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxt += (x[i] - mx) * (t[i] - mt);
        }
        double b = sxt / sxx;
        return new double[] {mt - b * mx, b};
    }

    // ---- graphs and inputs --------------------------------------------------------------------------------

    /**
     * {@code width} inputs, then {@code layers} layers of {@code width} identity nodes (the last one the
     * outputs), each fed from the one before by a random {@code density} of the possible edges
     * (at least one), delay 0, weights U(±1/√fan-in), only weights learnable; with {@code k > 0} each
     * layer is a k-WTA group of k winners (boost 0, so the winners depend on the inputs only).
     */
    static CompiledGraph stack(int width, int layers, double density, int k, long seed) {
        int n = width * (layers + 1);
        String[] ids = new String[n];
        NodeKind[] kind = new NodeKind[n];
        Activation[] act = new Activation[n];
        int[] group = new int[n];
        String[] groupNames = new String[layers];
        for (int v = 0; v < n; v++) {
            int layer = v / width;
            ids[v] = (layer == 0 ? "in" : "h" + layer) + "_" + (v % width);
            kind[v] = layer == 0 ? NodeKind.INPUT : layer == layers ? NodeKind.OUTPUT : NodeKind.NEURON;
            act[v] = Activation.IDENTITY;
            group[v] = layer - 1;
        }
        for (int l = 0; l < layers; l++) groupNames[l] = "h" + (l + 1);
        Random rng = new Random(seed);
        long area = (long) width * width;
        int perLayer = (int) Math.max(1, Math.round(density * area));
        int e = perLayer * layers;
        int[] src = new int[e];
        int[] dst = new int[e];
        double[] w = new double[e];
        int q = 0;
        double scale = 1 / Math.sqrt(Math.max(1, density * width));
        for (int l = 0; l < layers; l++) {
            // a random subset of the matrix positions, in row-major order
            long[] picked = rng.longs(0, area).distinct().limit(perLayer).sorted().toArray();
            for (long p : picked) {
                src[q] = l * width + (int) (p % width);
                dst[q] = (l + 1) * width + (int) (p / width);
                w[q] = scale * (2 * rng.nextDouble() - 1);
                q++;
            }
        }
        byte[] learn = new byte[e];
        Arrays.fill(learn, (byte) Learnable.WEIGHT);
        int[] groupK = new int[layers];
        double[] boost = new double[layers];
        int[] period = new int[layers];
        double[] factor = new double[layers];
        Arrays.fill(groupK, k);
        Arrays.fill(period, NodeGroup.DEFAULT_PERIOD);
        Arrays.fill(factor, 1.0);
        EdgeTable.Competition c = new EdgeTable.Competition(groupK, boost, period, factor, new long[layers], new int[layers],
                new int[0], new double[n], 1, 1);
        return GraphCompiler.compile(new EdgeTable(ids, kind, act, new double[n], new double[n], group, groupNames, none(n),
                new String[0], src, dst, w, new double[e], new double[e], learn, 0.0, 1.0, c));
    }

    private static int[] none(int n) {
        int[] a = new int[n];
        Arrays.fill(a, -1);
        return a;
    }

    /**
     * Inputs {@code [width][batch]}: per sample {@code k} random nodes with a value in (0.5, 1.5), the others 0;
     * in float32, the operators' precision, as a float32 model is fed (no conversion inside the timed pass).
     */
    static float[] sparseInputs(int width, int batch, int k, long seed) {
        Random rng = new Random(seed);
        float[] in = new float[width * batch];
        int[] order = new int[width];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < width; i++) order[i] = i;
            for (int i = 0; i < k; i++) {
                int j = i + rng.nextInt(width - i);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
                in[order[i] * batch + b] = (float) (0.5 + rng.nextDouble());
            }
        }
        return in;
    }

    private static void write(Path file, String text) throws IOException {
        AtomicFile.write(file, o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String loadavg() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
