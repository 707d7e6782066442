package org.thousandbrains.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.topology.Activation;

/**
 * Results are bit-identical for every thread count and across repeated runs: row partitions
 * (graphs with instant waves) and batch partitions (few rows, wide batch) alike.
 */
class DeterminismTest {
    @ParameterizedTest
    @EnumSource(Precision.class)
    void rowPartitionsGiveIdenticalBits(Precision precision) {
        CompiledGraph g = BlockGraphs.random(3, 4, 400, 16000, 20, 10, 0.3, Activation.values());
        assertSameForAllThreadCounts(g, precision, 6, 8);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void batchPartitionsGiveIdenticalBits(Precision precision) {
        CompiledGraph g = BlockGraphs.random(4, 2, 10, 600, 4, 3, 0.0, Activation.TANH, Activation.RELU);
        assertSameForAllThreadCounts(g, precision, 5, 64);
    }

    private static void assertSameForAllThreadCounts(CompiledGraph g, Precision precision, int T, int B) {
        List<double[]> reference = run(g, precision, 1, T, B);
        for (int threads : new int[] {2, 3, 2}) {
            List<double[]> other = run(g, precision, threads, T, B);
            for (int i = 0; i < reference.size(); i++) {
                assertArrayEquals(reference.get(i), other.get(i), "result #" + i + " with " + threads + " threads");
            }
        }
    }

    private static List<double[]> run(CompiledGraph g, Precision precision, int threads, int T, int B) {
        TemporalOperator op = TemporalOperator.of(g).precision(precision).threads(threads).readoutMeanOfLast(2);
        Random rng = new Random(9);
        int n = g.nodeCount();
        double[] in = GradientCheckTest.gaussian(rng, T * n * B);
        double[] r = GradientCheckTest.gaussian(rng, op.outputs().length * B);
        List<double[]> out = new ArrayList<>();
        try (ForwardPass f = op.forward(Inputs.dense(T, n, B, in), T, B, GradientCheckTest.gaussian(rng, n * B))) {
            for (int t = 0; t <= T; t++) out.add(f.state(t));
            out.add(f.readout());
            Gradients gr = op.backward(f, r);
            out.add(gr.weight());
            out.add(gr.delay());
            out.add(gr.leak());
            out.add(gr.bias());
            out.add(gr.inputs());
            out.add(gr.initialState());
        }
        return out;
    }
}
