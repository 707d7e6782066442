package org.thousandbrains.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tb experiment horizontal-leak --quick}: three variants, their leaks, the files. */
class HorizontalLeakTest {
    @TempDir
    Path tmp;

    @Test
    void quickRunComparesTheThreeVariants() throws IOException {
        Path out = tmp.resolve("hl");
        CliRun r = CliRun.tb("experiment", "horizontal-leak", "--quick", "--seeds", "0,1", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        Map<?, ?> res = CliRun.json(out.resolve("results.json"));
        assertEquals("horizontal-leak", res.get("experiment"));
        assertEquals(2.0, ((Map<?, ?>) res.get("config")).get("epochs"));
        List<?> variants = (List<?>) res.get("variants");
        assertEquals(List.of("learnable-leak", "fixed-leak", "no-lateral"),
                variants.stream().map(v -> ((Map<?, ?>) v).get("variant")).toList());
        for (Object o : variants) {
            Map<?, ?> v = (Map<?, ?>) o;
            double acc = (Double) ((Map<?, ?>) v.get("test_accuracy")).get("mean");
            assertTrue(acc >= 0 && acc <= 1, v.get("variant") + " accuracy " + acc);
            assertEquals(2, ((List<?>) v.get("test_accuracy_per_epoch")).size());
            assertTrue((Double) v.get("learnable_parameters") > 0);
        }
        Map<?, ?> learnable = (Map<?, ?>) ((Map<?, ?>) variants.get(0)).get("final_lateral_leak");
        Map<?, ?> fixed = (Map<?, ?>) ((Map<?, ?>) variants.get(1)).get("final_lateral_leak");
        // 4 units of 16: one lateral edge into each of the 64 neurons, per seed
        assertEquals(128.0, learnable.get("edges"));
        assertTrue((Double) learnable.get("min") >= 0 && (Double) learnable.get("max") < 1, learnable.toString());
        assertTrue((Double) learnable.get("max") > (Double) learnable.get("min"), "learnable leaks moved: " + learnable);
        assertEquals(0.5, fixed.get("min"));
        assertEquals(0.5, fixed.get("max"));
        assertFalse(((Map<?, ?>) variants.get(2)).containsKey("final_lateral_leak"));
        // the lateral weights and leaks are the only parameters the variants differ in
        double pl = (Double) ((Map<?, ?>) variants.get(0)).get("learnable_parameters");
        double pf = (Double) ((Map<?, ?>) variants.get(1)).get("learnable_parameters");
        double pn = (Double) ((Map<?, ?>) variants.get(2)).get("learnable_parameters");
        assertEquals(64.0, pl - pf);
        assertEquals(64.0, pf - pn);
        assertEquals(3, ((Map<?, ?>) res.get("paired_accuracy_differences")).size());
        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("| lateral, learnable leak |") && md.contains("| no lateral edges |"), md);
        for (String png : List.of("learning_curves.png", "leak_histogram.png")) assertTrue(Files.size(out.resolve(png)) > 1000, png);
        assertTrue(Files.size(out.resolve("fixed-leak-seed1/fixed-leak.graphml")) > 0);
    }
}
