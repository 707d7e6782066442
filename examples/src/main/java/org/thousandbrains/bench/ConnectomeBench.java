package org.thousandbrains.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.thousandbrains.cli.ProcessMemory;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.csv.CsvEdgeListReader;
import org.thousandbrains.graph.graphml.ImportResult;
import org.thousandbrains.graph.tbg.TbgReader;
import org.thousandbrains.graph.topology.SparseNetwork;
import org.thousandbrains.io.Json;
import org.thousandbrains.ops.ForwardPass;
import org.thousandbrains.ops.Gradients;
import org.thousandbrains.ops.Inputs;
import org.thousandbrains.ops.Precision;
import org.thousandbrains.ops.TemporalOperator;

/**
 * The fly-brain-size benchmark's Java side (run by {@code bench/connectome_scale.sh} beside the PyTorch peer):
 * <ul>
 * <li>{@code generate OUT.csv NODES EDGES SEED [LEAK_MAX FRACTIONAL]}: a directed graph with heavy-tailed in- and
 * out-degrees (Chung–Lu: endpoints drawn in proportion to per-node Pareto weights, as a connectome's hubs),
 * a synapse count per edge (1 + a geometric number) that sets its weight (sign of the source neuron, 20%
 * inhibitory; each target's weights scaled to absolute sum 0.9, so the relu recurrence stays bounded),
 * delays in [1, 4] (whole steps, or uniform fractional with FRACTIONAL = 1) and leaks uniform in
 * [0, LEAK_MAX) (default 0: plain delayed synapses); written as an edge-list CSV with integer node ids.</li>
 * <li>{@code run FILE.tbg|FILE.csv T B MODE THREADS [STATES_OUT]}: reads and compiles the graph, then runs the
 * operator (float32) on the deterministic inputs {@code I[t][v][b] = 0.5 sin(0.7 t + 1.3 v + 2.1 b)}, loss
 * {@code L = Σ R·x(T)} with {@code R[v][b] = cos(0.3 v + 0.9 b)}; MODE {@code simulate} is the inference pass
 * (a ring of states, what {@code tb simulate} runs), {@code train} forward keeping the history + backward.
 * Prints one JSON line: read, compile and run seconds, ms per step, checksums, peak RSS; STATES_OUT gets
 * {@code x(T)} as little-endian float32 {@code [N][B]} for the peer comparison.</li>
 * </ul>
 */
public final class ConnectomeBench {
    private ConnectomeBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 5 && args[0].equals("generate")) {
            double leakMax = args.length > 5 ? Double.parseDouble(args[5]) : 0;
            boolean fractional = args.length > 6 && args[6].equals("1");
            generate(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Long.parseLong(args[4]), leakMax, fractional);
        } else if (args.length >= 6 && args[0].equals("run")) {
            Map<String, Object> r = run(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4],
                    Integer.parseInt(args[5]), args.length > 6 ? Path.of(args[6]) : null);
            System.out.println(Json.writeCompact(r));
        } else {
            System.err.println("usage: ConnectomeBench generate OUT.csv NODES EDGES SEED [LEAK_MAX FRACTIONAL]"
                    + " | run FILE T B simulate|train THREADS [STATES_OUT]");
            System.exit(2);
        }
    }

    static void generate(Path out, int n, int e, long seed, double leakMax, boolean fractional) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] outCdf = paretoCdf(n, 1.6, rng);
        double[] inCdf = paretoCdf(n, 1.8, rng);
        boolean[] inhibitory = new boolean[n];
        for (int v = 0; v < n; v++) inhibitory[v] = rng.nextDouble() < 0.2;
        int[] src = new int[e];
        int[] dst = new int[e];
        int[] count = new int[e];
        double[] strength = new double[n];
        for (int k = 0; k < e; k++) {
            src[k] = draw(outCdf, rng.nextDouble());
            dst[k] = draw(inCdf, rng.nextDouble());
            int c = 1;
            while (rng.nextDouble() < 0.7 && c < 1000) c++;
            count[k] = c;
            strength[dst[k]] += c;
        }
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("src,dst,weight,delay,leak\n");
            StringBuilder sb = new StringBuilder(96);
            for (int k = 0; k < e; k++) {
                double weight = (inhibitory[src[k]] ? -0.9 : 0.9) * count[k] / strength[dst[k]];
                double delay = fractional ? 1 + 3 * rng.nextDouble() : 1 + rng.nextInt(4);
                double leak = leakMax > 0 ? leakMax * rng.nextDouble() : 0;
                sb.setLength(0);
                sb.append(src[k]).append(',').append(dst[k]).append(',').append((float) weight).append(',')
                  .append(delay).append(',').append(leak).append('\n');
                w.append(sb);
            }
        }
    }

    /** Cumulative distribution over nodes of Pareto(alpha) weights, shuffled so hubs are spread over the ids. */
    private static double[] paretoCdf(int n, double alpha, SplittableRandom rng) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int v = 0; v < n; v++) {
            sum += Math.pow(1 - rng.nextDouble(), -1 / alpha);
            cdf[v] = sum;
        }
        for (int v = 0; v < n; v++) cdf[v] /= sum;
        return cdf;
    }

    private static int draw(double[] cdf, double u) {
        int i = java.util.Arrays.binarySearch(cdf, u);
        return Math.min(cdf.length - 1, i >= 0 ? i : -i - 1);
    }

    static Map<String, Object> run(Path file, int T, int B, String mode, int threads, Path statesOut) throws IOException {
        long t0 = System.nanoTime();
        ImportResult r = file.toString().endsWith(".tbg") ? TbgReader.read(file) : CsvEdgeListReader.read(file);
        SparseNetwork net = r.sparse();
        double readSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        CompiledGraph g = GraphCompiler.compile(net);
        double compileSeconds = (System.nanoTime() - t1) / 1e9;
        int n = g.nodeCount();
        TemporalOperator op = TemporalOperator.of(g).precision(Precision.FLOAT32).threads(threads)
                .outputs(IntStream.range(0, n).toArray());
        long len = (long) T * n * B;
        if (len > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("T*N*B = " + len + " exceeds one array");
        float[] input = new float[(int) len];
        for (int t = 0; t < T; t++) {
            for (int v = 0; v < n; v++) {
                for (int b = 0; b < B; b++) input[(t * n + v) * B + b] = (float) (0.5 * Math.sin(0.7 * (t + 1) + 1.3 * v + 2.1 * b));
            }
        }
        double[] seed = new double[n * B];
        for (int v = 0; v < n; v++) for (int b = 0; b < B; b++) seed[v * B + b] = Math.cos(0.3 * v + 0.9 * b);
        Inputs inputs = Inputs.dense(T, n, B, input);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", mode);
        out.put("nodes", n);
        out.put("edges", g.edgeCount());
        out.put("steps", T);
        out.put("batch", B);
        out.put("threads", threads);
        out.put("read_seconds", readSeconds);
        out.put("compile_seconds", compileSeconds);
        long t2 = System.nanoTime();
        double[] x;
        if (mode.equals("simulate")) {
            try (ForwardPass f = op.infer(inputs, T, B, null)) {
                x = f.readout();
            }
            out.put("run_seconds", (System.nanoTime() - t2) / 1e9);
        } else {
            try (ForwardPass f = op.forward(inputs, T, B, null)) {
                out.put("forward_seconds", (System.nanoTime() - t2) / 1e9);
                x = f.readout();
                Gradients gr = op.backward(f, seed);
                out.put("run_seconds", (System.nanoTime() - t2) / 1e9);
                out.put("grad_abs_sums", Map.of("w", absSum(gr.weight()), "d", absSum(gr.delay()), "lam", absSum(gr.leak()),
                        "b", absSum(gr.bias())));
            }
        }
        out.put("ms_per_step", (double) out.get("run_seconds") * 1e3 / T);
        double loss = 0;
        for (int i = 0; i < x.length; i++) loss += x[i] * seed[i];
        out.put("checksum_loss", loss);
        out.put("peak_rss_mb", ProcessMemory.peakRssMb());
        if (statesOut != null) {
            ByteBuffer buf = ByteBuffer.allocate(4 * x.length).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : x) buf.putFloat((float) v);
            Files.write(statesOut, buf.array());
        }
        return out;
    }

    private static double absSum(double[] a) {
        double s = 0;
        if (a != null) for (double v : a) s += Math.abs(v);
        return s;
    }
}
