package org.thousandbrains.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.thousandbrains.graph.build.RandomGraphs;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.compile.EdgeTable;
import org.thousandbrains.io.Json;

/**
 * Compilation benchmark: builds a seeded uniform random graph with {@link RandomGraphs} (default
 * 1,000,000 nodes and 10,000,000 edges, delays in [1, 8)), compiles it {@code repeats} times and prints
 * JSON with the compile seconds (each run and the median; wall clock and, as the machine may be shared,
 * the compiling thread's CPU time), the peak resident set size of the process
 * ({@code VmHWM} of {@code /proc/self/status}) after building and at the end, and the live heap with one
 * compiled graph held.
 *
 * <p>Usage: {@code CompileBench [--nodes N] [--edges E] [--seed S] [--repeats R] [--out FILE]}.
 */
public final class CompileBench {
    private CompileBench() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opt = options(args);
        int nodes = Integer.parseInt(opt.getOrDefault("nodes", "1000000"));
        long edges = Long.parseLong(opt.getOrDefault("edges", "10000000"));
        long seed = Long.parseLong(opt.getOrDefault("seed", "42"));
        int repeats = Integer.parseInt(opt.getOrDefault("repeats", "3"));
        Map<String, Object> result = run(nodes, edges, seed, repeats);
        String json = Json.write(result);
        System.out.println(json);
        if (opt.containsKey("out")) {
            Path out = Path.of(opt.get("out"));
            if (out.getParent() != null) Files.createDirectories(out.getParent());
            Files.writeString(out, json + "\n", StandardCharsets.UTF_8);
        }
    }

    static Map<String, Object> run(int nodes, long edges, long seed, int repeats) {
        long t0 = System.nanoTime();
        EdgeTable table = RandomGraphs.uniform(RandomGraphs.spec().nodes(nodes).edges(edges).seed(seed));
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        long rssAfterBuild = peakRssKb();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] seconds = new double[repeats];
        double[] cpuSeconds = new double[repeats];
        CompiledGraph g = null;
        for (int r = 0; r < repeats; r++) {
            g = null; // let the previous result go before compiling again
            long c = threads.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            g = GraphCompiler.compile(table);
            seconds[r] = (System.nanoTime() - s) / 1e9;
            cpuSeconds[r] = (threads.getCurrentThreadCpuTime() - c) / 1e9;
        }
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long liveHeap = rt.totalMemory() - rt.freeMemory();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "compile");
        out.put("nodes", nodes);
        out.put("edges", edges);
        out.put("seed", seed);
        out.put("scc_count", g == null ? 0 : g.sccCount());
        out.put("build_seconds", buildSeconds);
        out.put("compile_seconds", seconds);
        out.put("compile_seconds_median", median(seconds));
        out.put("edges_per_second_median", edges / median(seconds));
        out.put("compile_cpu_seconds", cpuSeconds);
        out.put("compile_cpu_seconds_median", median(cpuSeconds));
        out.put("peak_rss_mb_after_build", rssAfterBuild / 1024.0);
        out.put("peak_rss_mb", peakRssKb() / 1024.0);
        out.put("live_heap_mb_table_and_compiled", liveHeap / (1024.0 * 1024.0));
        out.put("max_heap_mb", rt.maxMemory() / (1024.0 * 1024.0));
        out.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        out.put("processors", rt.availableProcessors());
        return out;
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    /** VmHWM (peak resident set) of this process in kB, or -1 where /proc is absent. */
    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.println("usage: CompileBench [--nodes N] [--edges E] [--seed S] [--repeats R] [--out FILE]");
                System.exit(2);
            }
            opt.put(args[i].substring(2), args[++i]);
        }
        return opt;
    }
}
