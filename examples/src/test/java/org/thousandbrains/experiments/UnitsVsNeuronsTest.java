package org.thousandbrains.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thousandbrains.model.Architecture;

/** {@code tb experiment units-vs-neurons --quick} (embedded digits, one epoch) and the parameter matching behind it. */
class UnitsVsNeuronsTest {
    @TempDir
    Path tmp;

    @Test
    void quickRunWritesMatchedModelsWithSaneFigures() throws IOException {
        Path out = tmp.resolve("uvn");
        CliRun r = CliRun.tb("experiment", "units-vs-neurons", "--quick", "--seeds", "0,1", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("[units-vs-neurons 6/6]"), "one progress line per run:\n" + r.out());
        Map<?, ?> res = CliRun.json(out.resolve("results.json"));
        assertEquals("units-vs-neurons", res.get("experiment"));
        assertTrue(((String) res.get("command")).startsWith("tb experiment units-vs-neurons --quick"));
        assertEquals(List.of(0.0, 1.0), res.get("seeds"));
        assertEquals(Boolean.TRUE, res.get("quick"));
        assertEquals(1.0, ((Map<?, ?>) res.get("config")).get("epochs"));
        List<?> models = (List<?>) res.get("models");
        assertEquals(List.of("units", "dense", "sparse"), models.stream().map(m -> ((Map<?, ?>) m).get("model")).toList());
        double units = (Double) ((Map<?, ?>) models.get(0)).get("learnable_parameters");
        for (Object o : models) {
            Map<?, ?> m = (Map<?, ?>) o;
            double params = (Double) m.get("learnable_parameters");
            assertTrue(Math.abs(params / units - 1) < 0.03, m.get("model") + ": " + params + " parameters vs units " + units);
            assertFraction(mean(m, "test_accuracy"), "test accuracy");
            assertFraction(mean(m, "active_fraction"), "active fraction");
            assertEquals(2, ((List<?>) ((Map<?, ?>) m.get("test_accuracy")).get("values")).size());
            List<?> noise = (List<?>) m.get("noise_accuracy");
            assertEquals(4, noise.size());
            for (Object n : noise) assertFraction((Double) ((Map<?, ?>) n).get("mean"), "noisy accuracy");
            assertTrue(mean(m, "seconds_per_epoch") > 0);
            assertEquals(2, ((List<?>) m.get("per_seed")).size());
        }
        // k-WTA keeps 10% of each sparse layer: the firing masks must show about that
        double sparseActive = mean((Map<?, ?>) models.get(2), "active_fraction");
        assertTrue(sparseActive > 0.05 && sparseActive <= 0.11, "sparse active fraction " + sparseActive);
        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("| model | hidden | learnable params | test accuracy |"), md);
        assertEquals(3, md.lines().filter(l -> l.matches("\\| (units|dense|sparse) \\|.*")).count(), md);
        for (String png : List.of("accuracy_vs_noise.png", "active_fraction.png", "units-seed0/learning_curves.png")) {
            assertTrue(Files.size(out.resolve(png)) > 1000, png);
        }
    }

    @Test
    void missingFashionMnistNamesThePackageToInstall() {
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isDirectory(org.thousandbrains.data.Datasets.FASHION_MNIST_DIR),
                "Fashion-MNIST is installed here");
        CliRun r = CliRun.tb("experiment", "units-vs-neurons", "--seed", "0", "--out", tmp.resolve("none").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("apt-get install dataset-fashion-mnist"), r.err());
    }

    @Test
    void matchedWidthsHitTheUnitsCountWithinOnePercent() {
        long target = ParameterCount.of(Architecture.UNITS, 784, 512, 2, 10);
        // 784·512 + 512·512 feed-forward, 2·512·16 unit-internal, 2·512 lateral weights and leaks, 5120 output, biases
        assertEquals(784 * 512 + 512 * 512 + 2 * 512 * 16 + 2 * 2 * 512 + 5120 + 2 * 512 + 10, target);
        for (Architecture a : List.of(Architecture.DENSE, Architecture.SPARSE)) {
            int h = ParameterCount.matchingWidth(a, 784, 2, 10, target);
            double ratio = (double) ParameterCount.of(a, 784, h, 2, 10) / target;
            assertTrue(Math.abs(ratio - 1) < 0.01, a + " width " + h + " gives " + ratio + " of the units count");
        }
        // dense: h·784 + h·h + 10·h weights and 2·h + 10 biases, exactly
        assertEquals(100L * 784 + 100 * 100 + 1000 + 210, ParameterCount.of(Architecture.DENSE, 784, 100, 2, 10));
    }

    private static double mean(Map<?, ?> model, String key) {
        return (Double) ((Map<?, ?>) model.get(key)).get("mean");
    }

    private static void assertFraction(double v, String what) {
        assertTrue(v >= 0 && v <= 1, what + " " + v + " outside [0, 1]");
    }
}
