package org.thousandbrains.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thousandbrains.data.Digits;
import org.thousandbrains.data.Dataset;

/** {@code aux-branches} and {@code teacher-masked} in {@code --quick} mode: their keys, files and sane figures; the labelled subset. */
class SelfSupExperimentsTest {
    @TempDir
    Path dir;

    @Test
    void auxBranchesComparesZeroOneAndThreeBranches() throws Exception {
        Path out = dir.resolve("aux");
        CliRun r = CliRun.tb("experiment", "aux-branches", "--quick", "--seeds", "0", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        Map<?, ?> j = CliRun.json(out.resolve("results.json"));
        List<?> variants = (List<?>) j.get("variants");
        assertEquals(List.of("no-branches", "one-branch", "three-branches"), variants.stream().map(v -> ((Map<?, ?>) v).get("variant")).toList());
        for (Object o : variants) {
            Map<?, ?> v = (Map<?, ?>) o;
            double acc = (Double) ((Map<?, ?>) v.get("test_accuracy")).get("mean");
            assertTrue(acc >= 0 && acc <= 1, v.get("variant") + " accuracy " + acc);
            assertEquals(Boolean.TRUE, v.get("stripped_equals_attached"), v.get("variant") + ": removing the heads changed the output");
            List<?> g = (List<?>) v.get("first_layer_grad_norm_per_epoch");
            assertEquals(2, g.size());
            for (Object x : g) assertTrue((Double) x > 0, "gradient norm " + x);
        }
        assertEquals(7, ((Map<?, ?>) ((Map<?, ?>) variants.get(0)).get("grad_norm_per_layer")).size());
        assertTrue(Files.readString(out.resolve("results.md")).contains("| 3 branches (h2, h3, h4) |"));
        for (String png : List.of("test_accuracy.png", "first_layer_gradient.png", "gradient_per_layer.png")) {
            assertTrue(Files.size(out.resolve(png)) > 1000, png);
        }
    }

    @Test
    void teacherMaskedComparesPretrainedProbesWithScratch() throws Exception {
        Path out = dir.resolve("tm");
        CliRun r = CliRun.tb("experiment", "teacher-masked", "--quick", "--seeds", "0", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        Map<?, ?> j = CliRun.json(out.resolve("results.json"));
        List<?> arms = (List<?>) j.get("arms");
        assertEquals(List.of("scratch", "random-probe", "masked-recon", "masked-recon-teacher", "masked-teacher",
                "masked-recon-finetune"),
                arms.stream().map(a -> ((Map<?, ?>) a).get("arm")).toList());
        for (Object o : arms) {
            Map<?, ?> a = (Map<?, ?>) o;
            List<?> rates = (List<?>) a.get("supervised");
            assertEquals(TeacherMasked.SUPERVISED_LRS.length, rates.size());
            for (Object x : rates) {
                double acc = (Double) ((Map<?, ?>) ((Map<?, ?>) x).get("test_accuracy")).get("mean");
                assertTrue(acc >= 0 && acc <= 1, a.get("arm") + " accuracy " + acc);
                assertEquals(2, ((List<?>) ((Map<?, ?>) x).get("test_accuracy_per_epoch")).size());
            }
        }
        // the probe trains h2 → 10 classes only (8·10 weights + 10 biases in quick mode)
        assertEquals(90.0, ((Map<?, ?>) arms.get(2)).get("trained_parameters_with_labels"));
        // fine-tuning trains the whole network: 64·8 + 8·8 + 8·10 weights, 8 + 8 + 10 biases
        assertEquals(682.0, ((Map<?, ?>) arms.get(5)).get("trained_parameters_with_labels"));
        double dead = (Double) ((Map<?, ?>) ((Map<?, ?>) arms.get(0)).get("h2_dead_fraction")).get("mean");
        assertTrue(dead >= 0 && dead <= 1, "dead fraction " + dead);
        assertEquals(5 * TeacherMasked.SUPERVISED_LRS.length, ((Map<?, ?>) j.get("paired_accuracy_differences")).size());
        for (String png : List.of("test_accuracy_lr0.003.png", "test_accuracy_lr0.01.png", "pretrain_loss.png", "final_accuracy.png")) {
            assertTrue(Files.size(out.resolve(png)) > 1000, png);
        }
    }

    @Test
    void labelledSubsetKeepsTenPercentOfEveryClass() {
        Dataset all = Digits.load();
        Dataset few = TeacherMasked.labelled(all, 0.1, 3);
        int[] counts = all.classCounts();
        int[] kept = few.classCounts();
        for (int c = 0; c < counts.length; c++) assertEquals(Math.round(0.1 * counts[c]), kept[c], "class " + c);
        assertEquals(few.size(), TeacherMasked.labelled(all, 0.1, 3).size());
    }
}
