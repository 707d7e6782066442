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
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.compile.GroupStructure;
import org.thousandbrains.graph.topology.Network;

/** {@code tb experiment overseer-norm --quick}: five variants, their activity statistics, the files; and the variants' graphs. */
class OverseerNormTest {
    @TempDir
    Path tmp;

    @Test
    void variantsDifferOnlyInTheOverseerMechanism() {
        GroupStructure none = GraphCompiler.compile(OverseerNorm.network(OverseerNorm.Variant.NONE, 3, 64, 16, 10, 0)).groupStructure();
        assertEquals(0, none.normCount());
        Network feed = OverseerNorm.network(OverseerNorm.Variant.FEED, 3, 64, 16, 10, 0);
        GroupStructure s = GraphCompiler.compile(feed).groupStructure();
        assertEquals(3, s.normCount(), "every hidden layer is overseen");
        for (int r = 0; r < 3; r++) assertEquals(16, s.normPtr()[r + 1] - s.normPtr()[r]);
        // h1's and h2's overseers feed the next hidden layer, h3's the 10 outputs
        assertEquals(16 + 16 + 10, feed.graph().outgoingEdgesOf(feed.node("h1:overseer")).size()
                + feed.graph().outgoingEdgesOf(feed.node("h2:overseer")).size()
                + feed.graph().outgoingEdgesOf(feed.node("h3:overseer")).size());
        Network norm = OverseerNorm.network(OverseerNorm.Variant.NORM, 3, 64, 16, 10, 0);
        assertEquals(0, norm.graph().outDegreeOf(norm.node("h1:overseer")));
        Network frozen = OverseerNorm.network(OverseerNorm.Variant.FROZEN, 3, 64, 16, 10, 0);
        assertEquals(0, frozen.graph().outDegreeOf(frozen.node("h1:overseer")));
        assertEquals(OverseerNorm.FROZEN_RHO, GraphCompiler.compile(frozen).groupStructure().normRho()[2]);
        Network batch = OverseerNorm.network(OverseerNorm.Variant.BATCH, 3, 64, 16, 10, 0);
        assertTrue(GraphCompiler.compile(batch).groupStructure().normBatchStatistics()[0]);
        assertFalse(s.normBatchStatistics()[0]);
        assertEquals(3, feed.settings().steps());
    }

    @Test
    void quickRunComparesTheFiveVariants() throws IOException {
        Path out = tmp.resolve("on");
        CliRun r = CliRun.tb("experiment", "overseer-norm", "--quick", "--seeds", "0,1", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        Map<?, ?> res = CliRun.json(out.resolve("results.json"));
        assertEquals("overseer-norm", res.get("experiment"));
        assertEquals(2.0, ((Map<?, ?>) res.get("config")).get("epochs"));
        List<?> variants = (List<?>) res.get("variants");
        assertEquals(List.of("none", "overseer-norm", "frozen-stats", "overseer-feed", "batch-stats"),
                variants.stream().map(v -> ((Map<?, ?>) v).get("variant")).toList());
        for (Object o : variants) {
            Map<?, ?> v = (Map<?, ?>) o;
            double acc = (Double) ((Map<?, ?>) v.get("test_accuracy")).get("mean");
            assertTrue(acc >= 0 && acc <= 1, v.get("variant") + " accuracy " + acc);
            assertEquals(2, ((List<?>) v.get("test_accuracy_per_epoch")).size());
            List<?> active = (List<?>) v.get("active_share_per_layer");
            assertEquals(2, active.size(), "two hidden layers in the quick run");
            for (Object a : active) assertTrue((Double) a >= 0 && (Double) a <= 1);
            List<?> seeds = (List<?>) v.get("per_seed");
            assertEquals(2, seeds.size());
            boolean overseen = !"none".equals(v.get("variant"));
            assertEquals(overseen, ((Map<?, ?>) seeds.get(0)).containsKey("running_mean_per_layer"));
        }
        // gains and shifts (2 per member of 2 layers of 8), and the overseer edges (8 into h2, 10 into the outputs)
        double none = (Double) ((Map<?, ?>) variants.get(0)).get("learnable_parameters");
        double norm = (Double) ((Map<?, ?>) variants.get(1)).get("learnable_parameters");
        double feed = (Double) ((Map<?, ?>) variants.get(3)).get("learnable_parameters");
        assertEquals(norm, (Double) ((Map<?, ?>) variants.get(2)).get("learnable_parameters"));
        assertEquals(32.0, norm - none);
        assertEquals(18.0, feed - norm);
        assertEquals(5, ((Map<?, ?>) res.get("paired_accuracy_differences")).size());
        // the frozen probe's statistics stay at their start
        Map<?, ?> frozenSeed = (Map<?, ?>) ((List<?>) ((Map<?, ?>) variants.get(2)).get("per_seed")).get(0);
        for (Object mu : (List<?>) frozenSeed.get("running_mean_per_layer")) assertEquals(0.0, (Double) mu, 1e-6);
        for (Object var : (List<?>) frozenSeed.get("running_variance_per_layer")) assertEquals(1.0, (Double) var, 1e-6);
        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("| no normalization |") && md.contains("| batch statistics (BatchNorm style)"), md);
        for (String png : List.of("learning_curves.png", "train_loss.png", "accuracy_by_depth.png", "active_share.png", "dead_share.png")) {
            assertTrue(Files.size(out.resolve(png)) > 1000, png);
        }
        assertTrue(Files.readString(out.resolve("overseer-feed-2layers-seed1/overseer-feed.graphml")).contains("overseer"));
    }
}
