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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.model.GraphClassifier;

/** {@code tb experiment delays --quick}, and the claims its design rests on. */
class DelaysTest {
    @TempDir
    Path tmp;

    /** A pulse-timing sample: A at step {@code t1+1}, B {@code gap} steps later. */
    private static float[] sample(int steps, int t1, int gap) {
        float[] x = new float[steps * 2];
        x[t1 * 2] = 1f;
        x[(t1 + gap) * 2 + 1] = 1f;
        return x;
    }

    private static INDArray batch(float[]... rows) {
        float[] all = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, all, i * rows[0].length, rows[0].length);
        return Nd4j.create(all, new long[] {rows.length, rows[0].length}, DataType.FLOAT);
    }

    /**
     * With every delay at 1, the feedforward timing graph cannot see the gap, whatever its weights: the outputs at
     * step t depend on the inputs of step t−2 only, the pulses never share a step, and the mean over all steps adds up
     * one term per pulse. So samples of different classes (and start steps) get the same logits; with other delays
     * they do not.
     */
    @Test
    void delaysFixedAtOneMakeTheTimingGraphBlindToTheGap() {
        int L = Delays.TASK.steps();
        float[][] rows = new float[8][];
        for (int gap = 2; gap <= 9; gap++) rows[gap - 2] = sample(L, (3 * gap) % (L - gap), gap); // every gap, various starts
        INDArray x = batch(rows);
        for (long seed = 0; seed < 3; seed++) {
            GraphClassifier fixed = GraphClassifier.of(TimingNetworks.pulseTiming(DelayMode.FIXED1, L, 32, 4, Delays.TIMING_D_MAX, seed));
            INDArray y = fixed.logits(x);
            for (int i = 1; i < rows.length; i++) {
                for (int j = 0; j < 4; j++) assertEquals(y.getDouble(0, j), y.getDouble(i, j), 1e-5, "seed " + seed + " sample " + i);
            }
            GraphClassifier random = GraphClassifier.of(TimingNetworks.pulseTiming(DelayMode.FIXED_RANDOM, L, 32, 4, Delays.TIMING_D_MAX, seed));
            INDArray z = random.logits(x);
            double spread = 0;
            for (int i = 1; i < rows.length; i++) for (int j = 0; j < 4; j++) spread = Math.max(spread, Math.abs(z.getDouble(i, j) - z.getDouble(0, j)));
            assertTrue(spread > 1e-4, "random delays see the gap: logits spread " + spread);
        }
    }

    @Test
    void theTimingGraphIsFeedforwardWithFrozenZeroLeaksAndTheSameWeightsInEveryMode() {
        CompiledGraph[] g = new CompiledGraph[DelayMode.values().length];
        for (DelayMode m : DelayMode.values()) {
            CompiledGraph c = GraphCompiler.compile(TimingNetworks.pulseTiming(m, 20, 8, 4, 12, 3));
            g[m.ordinal()] = c;
            assertEquals(20, c.inputSteps());
            for (int e = 0; e < c.edgeCount(); e++) {
                assertTrue(!c.isRecurrent(e), "edge " + e + " is recurrent");
                assertEquals(0.0, c.leak()[e]);
                assertEquals(0, c.learnable()[e] & Learnable.LEAK);
                if (m == DelayMode.FIXED1) assertEquals(1.0, c.delay()[e]);
                if (m != DelayMode.LEARNABLE) assertEquals(0, c.learnable()[e] & Learnable.DELAY);
            }
        }
        for (CompiledGraph c : g) assertEquals(java.util.Arrays.toString(g[0].weight()), java.util.Arrays.toString(c.weight()));
        assertEquals(java.util.Arrays.toString(g[0].delay()), java.util.Arrays.toString(g[DelayMode.FIXED_RANDOM.ordinal()].delay()));
    }

    @Test
    void atLeastExtendsTheSeeds() {
        assertEquals(List.of(3L, 1L, 4L, 5L), Delays.atLeast(List.of(3L, 1L), 4));
        assertEquals(List.of(0L, 1L), Delays.atLeast(List.of(0L, 1L), 1));
    }

    @Test
    void quickRunWritesTheAccuraciesPerDelayMode() throws IOException {
        Path out = tmp.resolve("d");
        CliRun r = CliRun.tb("experiment", "delays", "--quick", "--seeds", "0", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        Map<?, ?> res = CliRun.json(out.resolve("results.json"));
        Map<?, ?> timing = (Map<?, ?>) res.get("timing_task");
        for (String mode : List.of("learnable", "fixed_random", "fixed1")) {
            double acc = (Double) ((Map<?, ?>) timing.get(mode)).get("test_accuracy");
            assertTrue(acc >= 0 && acc <= 1, mode + " " + acc);
            assertEquals(1, ((List<?>) ((Map<?, ?>) timing.get(mode)).get("per_seed")).size());
        }
        Map<?, ?> digits = (Map<?, ?>) ((Map<?, ?>) res.get("row_sequential")).get("digits");
        double learnable = (Double) ((Map<?, ?>) digits.get("learnable")).get("learnable_parameters");
        for (String mode : List.of("learnable", "fixed_random", "fixed1")) {
            Map<?, ?> m = (Map<?, ?>) digits.get(mode);
            assertTrue((Double) m.get("test_accuracy") >= 0, mode);
            // widened to the learnable variant's count, up to one hidden neuron's worth of parameters
            assertTrue(Math.abs((Double) m.get("learnable_parameters") - learnable) <= 30, mode + " " + m.get("learnable_parameters"));
        }
        assertTrue((Double) ((Map<?, ?>) digits.get("fixed1")).get("hidden") > (Double) ((Map<?, ?>) digits.get("learnable")).get("hidden"));
        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("| delays fixed at 1 |"), md);
        for (String png : List.of("accuracy_by_delay_mode.png", "timing_delay_histogram.png", "timing_delay_gap_histogram.png",
                "digits_delay_histogram.png")) {
            assertTrue(Files.size(out.resolve(png)) > 1000, png);
        }
    }
}
