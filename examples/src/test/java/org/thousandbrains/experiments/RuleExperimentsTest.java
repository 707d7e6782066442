package org.thousandbrains.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three rule experiments in {@code --quick} mode (one seed, two epochs): their files and figures are there and sane. */
class RuleExperimentsTest {
    @TempDir
    Path dir;

    @Test
    void firedOnlyVsL1WritesEveryRegimeAndRule() throws Exception {
        Path out = dir.resolve("fo");
        CliRun r = CliRun.tb("experiment", "fired-only-vs-l1", "--quick", "--seeds", "0", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        Map<?, ?> j = CliRun.json(out.resolve("results.json"));
        for (String regime : FiredOnlyVsL1.REGIMES) {
            for (String arm : FiredOnlyVsL1.ARMS) {
                Map<?, ?> m = (Map<?, ?>) j.get(regime + " / " + arm);
                double acc = ((Number) ((Map<?, ?>) m.get("test_accuracy")).get("mean")).doubleValue();
                double active = ((Number) ((Map<?, ?>) m.get("active_fraction")).get("mean")).doubleValue();
                assertTrue(acc > 0.1 && acc <= 1, regime + " " + arm + " accuracy " + acc);
                assertTrue(active >= 0 && active <= 1, regime + " " + arm + " active fraction " + active);
            }
        }
        assertTrue(Files.size(out.resolve("accuracy.png")) > 1000);
        assertTrue(Files.readString(out.resolve("results.md")).contains("| relu θ=0.25 | fired-only |"));
    }

    @Test
    void rewardOnlyReportsTheCartPoleKeysAndReachesTheBar() throws Exception {
        Path out = dir.resolve("ro");
        CliRun r = CliRun.tb("experiment", "reward-only", "--quick", "--seeds", "0", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        Map<?, ?> cart = (Map<?, ?>) CliRun.json(out.resolve("results.json")).get("cartpole");
        Map<?, ?> tf = (Map<?, ?>) cart.get("three_factor");
        assertTrue(((Number) tf.get("mean_return_100")).doubleValue() >= 195, "three-factor mean return " + tf.get("mean_return_100"));
        assertTrue(((Number) tf.get("episodes")).doubleValue() >= 100);
        Map<?, ?> rf = (Map<?, ?>) cart.get("reinforce");
        assertTrue(((Number) rf.get("mean_return_100")).doubleValue() >= 475, "REINFORCE mean return " + rf.get("mean_return_100"));
        assertTrue(((Number) rf.get("episodes")).doubleValue() >= 100);
        assertTrue(Files.size(out.resolve("cartpole_returns.png")) > 1000);
        assertTrue(Files.size(out.resolve("bandit_learning_curves.png")) > 1000);
    }

    @Test
    void hebbianBoostWritesCurvesAndNoiseAccuracy() throws Exception {
        Path out = dir.resolve("hb");
        CliRun r = CliRun.tb("experiment", "hebbian-boost", "--quick", "--seeds", "0", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        Map<?, ?> j = CliRun.json(out.resolve("results.json"));
        for (String arm : HebbianBoost.ARMS) {
            Map<?, ?> m = (Map<?, ?>) j.get(arm);
            double noisy = ((Number) ((Map<?, ?>) m.get("test_accuracy_noise")).get("mean")).doubleValue();
            assertTrue(noisy > 0.05 && noisy <= 1, arm + " noise accuracy " + noisy);
        }
        assertTrue(Files.size(out.resolve("learning_curves.png")) > 1000);
    }
}
