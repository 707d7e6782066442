package org.thousandbrains.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thousandbrains.io.Json;
import org.thousandbrains.model.Architecture;

/** {@code tb train --data-parallel --spark local[2]}: the run folder of a local run, about its accuracy; k-WTA graphs refused. */
class DataParallelRunTest {
    @TempDir
    Path tmp;

    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    @Test
    void dataParallelRunWritesTheFilesOfALocalRun() throws Exception {
        RunConfig c = RunConfig.builtIn("digits", Architecture.DENSE, new int[] {32}, 2, 128, 1e-3, 0);
        System.setProperty("spark.driver.memory", "512m");
        ModelRun.Result local = ModelRun.train(c, ModelRun.load(c.data()), tmp.resolve("local"), 1, QUIET);
        Path dir = tmp.resolve("dp");
        ModelRun.Result dp = DataParallelRun.train(c, "local[2]", 2, dir, 1, QUIET);
        RunReport.write(dp, dir);
        for (String f : List.of(RunReport.RESULTS, RunReport.METRICS, ModelRun.CHECKPOINT)) {
            assertTrue(Files.exists(dir.resolve(f)), f + " written");
        }
        Map<?, ?> res = (Map<?, ?>) Json.parse(Files.readString(dir.resolve(RunReport.RESULTS)));
        assertEquals(2, ((List<?>) res.get("epochs")).size());
        // Same seed, batches and initial values; float32 sums in another order: the accuracies agree to a few test images.
        assertEquals(local.testAccuracy(), dp.testAccuracy(), 0.02);
        assertEquals(local.history().last().loss(), dp.history().last().loss(), 1e-3);
    }

    @Test
    void kwtaGraphsAreRefusedWithTheTrainersMessage() {
        RunConfig c = RunConfig.builtIn("digits", Architecture.SPARSE, new int[] {32}, 1, 128, 1e-3, 0);
        CliException e = assertThrows(CliException.class, () -> DataParallelRun.train(c, "local[2]", 2, tmp.resolve("s"), 1, QUIET));
        assertTrue(e.getMessage().startsWith("--data-parallel: ") && e.getMessage().contains("duty"), e.getMessage());
    }
}
