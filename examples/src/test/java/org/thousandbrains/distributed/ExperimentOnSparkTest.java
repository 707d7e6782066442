package org.thousandbrains.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thousandbrains.experiments.CliRun;

/**
 * {@code tb experiment NAME --spark local[2]} gives the results of a local run: every figure of results.json except
 * the timings and the command line, and the same tables in results.md. Delays has several batches of runs and uses
 * the trained models (shipped back through their checkpoints) for its delay histograms; hebbian-boost evaluates the
 * shipped models under noise on the driver.
 */
class ExperimentOnSparkTest {
    @TempDir
    Path tmp;

    @Test
    void delaysOnSparkEqualsTheLocalRun() throws Exception {
        sameResults("delays", "Row-sequential digits");
    }

    @Test
    void hebbianBoostOnSparkEqualsTheLocalRun() throws Exception {
        sameResults("hebbian-boost", "hebbian");
    }

    private void sameResults(String experiment, String tableText) throws Exception {
        System.setProperty("spark.driver.memory", "512m");
        Path here = tmp.resolve("here");
        Path spark = tmp.resolve("spark");
        CliRun a = CliRun.tb("experiment", experiment, "--quick", "--seeds", "0,1", "--threads", "1", "--out", here.toString());
        assertEquals(0, a.status(), a.err());
        CliRun b = CliRun.tb("experiment", experiment, "--quick", "--seeds", "0,1", "--threads", "1", "--spark", "local[2]",
                "--out", spark.toString());
        assertEquals(0, b.status(), b.err());
        assertTrue(b.out().contains("as Spark tasks on local[2]"), b.out());
        Object local = withoutTimings(CliRun.json(here.resolve("results.json")));
        Object distributed = withoutTimings(CliRun.json(spark.resolve("results.json")));
        assertEquals(local, distributed);
        String md = Files.readString(spark.resolve("results.md"));
        assertTrue(md.contains(tableText), md);
        assertEquals(tables(Files.readString(here.resolve("results.md"))), tables(md));
        try (var pngs = Files.list(here)) {
            for (Path p : pngs.filter(f -> f.toString().endsWith(".png")).toList()) {
                assertTrue(Files.size(spark.resolve(p.getFileName())) > 1000, p.getFileName() + " on Spark too");
            }
        }
    }

    /** The JSON tree without wall times, per-epoch seconds, memory and the command line, which differ between runs. */
    private static Object withoutTimings(Object json) {
        if (json instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                String key = k.toString();
                if (!key.contains("seconds") && !key.contains("rss") && !key.equals("command")) out.put(k, withoutTimings(v));
            });
            return out;
        }
        if (json instanceof List<?> l) return l.stream().map(ExperimentOnSparkTest::withoutTimings).toList();
        return json;
    }

    /** The table rows of results.md without their last column (seconds per epoch). */
    private static List<String> tables(String md) {
        return md.lines().filter(l -> l.startsWith("|")).map(l -> l.substring(0, l.lastIndexOf('|', l.length() - 2))).toList();
    }
}
