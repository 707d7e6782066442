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
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.topology.Learnable;

/** {@code tb experiment feedback-memory --quick}, and the graphs it compares. */
class FeedbackMemoryTest {
    @TempDir
    Path tmp;

    @Test
    void theVariantsDifferOnlyInWhereTheFeedbackSitsAndItsLeak() {
        for (FeedbackMemory.LeakMode m : FeedbackMemory.LeakMode.values()) {
            CompiledGraph g = GraphCompiler.compile(FeedbackMemory.network(m, 20, 6, 1));
            assertEquals(22, g.steps());
            assertEquals(20, g.inputSteps());
            int loops = 0;
            for (int e = 0; e < g.edgeCount(); e++) {
                boolean loop = g.src()[e] == g.dst()[e];
                if (loop) loops++;
                assertEquals(loop, g.isRecurrent(e), "the only recurrent edges are self-loops");
                assertEquals(1.0, g.delay()[e]);
                assertEquals(0, g.learnable()[e] & Learnable.DELAY);
                boolean fedBack = m.selfLoop ? loop : g.isInput(g.src()[e]);
                assertEquals(fedBack ? m.leak : 0.0, g.leak()[e]);
                if (loop) assertEquals(FeedbackMemory.SELF_WEIGHT, g.weight()[e]);
                boolean leakLearns = (g.learnable()[e] & Learnable.LEAK) != 0;
                assertEquals(fedBack && m.learnable, leakLearns);
            }
            assertEquals(m.selfLoop ? 6 : 0, loops, m.label);
        }
    }

    @Test
    void quickRunComparesTheSelfFeedbackVariants() throws IOException {
        Path out = tmp.resolve("fm");
        CliRun r = CliRun.tb("experiment", "feedback-memory", "--quick", "--seeds", "0", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        Map<?, ?> res = CliRun.json(out.resolve("results.json"));
        Map<?, ?> recall = (Map<?, ?>) ((Map<?, ?>) res.get("recall")).get("steps_20");
        for (String mode : List.of("no_feedback", "fixed_leak", "fixed_leak_high", "learnable_leak", "self_loop", "self_loop_fixed_leak",
                "self_loop_learnable_leak")) {
            double acc = (Double) ((Map<?, ?>) recall.get(mode)).get("test_accuracy");
            assertTrue(acc >= 0 && acc <= 1, mode + " " + acc);
        }
        Map<?, ?> leak = (Map<?, ?>) ((Map<?, ?>) recall.get("learnable_leak")).get("final_leak");
        assertTrue((Double) leak.get("max") > (Double) leak.get("min"), "learnable leaks moved: " + leak);
        assertTrue((Double) leak.get("max") < 1.0 && (Double) leak.get("min") >= 0, leak.toString());
        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("| λ learnable (start 0.9) |"), md);
        for (String png : List.of("recall_accuracy.png", "leak_histogram.png")) assertTrue(Files.size(out.resolve(png)) > 1000, png);
    }
}
