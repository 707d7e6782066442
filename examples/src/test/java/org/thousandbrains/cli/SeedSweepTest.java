package org.thousandbrains.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thousandbrains.io.Json;
import org.thousandbrains.model.Architecture;

/** {@code tb train --seeds}: the same runs one after the other and as Spark tasks on {@code local[2]}. */
class SeedSweepTest {
    @TempDir
    Path tmp;

    @Test
    void sparkSweepGivesTheRunsOfOneProcess() throws Exception {
        RunConfig base = RunConfig.builtIn("digits", Architecture.TEMPORAL, new int[] {32}, 1, 128, 1e-3, 0);
        List<Long> seeds = List.of(0L, 1L);
        System.setProperty("spark.driver.memory", "512m");
        List<SeedSweep.SeedResult> here = SeedSweep.run(base, seeds, tmp.resolve("here"), null, 1, 1, "test");
        List<SeedSweep.SeedResult> spark = SeedSweep.run(base, seeds, tmp.resolve("spark"), "local[2]", 1, 1, "test");
        for (int i = 0; i < seeds.size(); i++) {
            assertEquals(seeds.get(i), spark.get(i).seed(), "results in seed order");
            assertEquals(here.get(i).testAccuracy(), spark.get(i).testAccuracy(), "seed " + seeds.get(i));
            Path results = tmp.resolve("spark/seed-" + seeds.get(i) + "/results.json");
            assertTrue(Files.exists(results), results + " written by the task");
        }
        Map<?, ?> doc = (Map<?, ?>) Json.parse(Files.readString(tmp.resolve("spark/" + SeedSweep.SWEEP_JSON)));
        assertEquals("local[2]", doc.get("spark_master"));
        assertEquals(2, ((List<?>) doc.get("runs")).size());
    }
}
