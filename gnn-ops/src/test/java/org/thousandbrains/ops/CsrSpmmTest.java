package org.thousandbrains.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.thousandbrains.graph.build.RandomGraphs;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.Compiler;

/** The single-step kernel against a plain double loop over the edge list, for any thread count. */
class CsrSpmmTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 32})
    void matchesTheEdgeListProduct(int B) {
        CompiledGraph g = Compiler.compile(RandomGraphs.uniform(RandomGraphs.spec().nodes(3000).edges(40000).seed(5)));
        int n = g.nodeCount();
        Random rng = new Random(B);
        float[] x = new float[n * B];
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian();
        double[] expected = new double[n * B];
        for (int e = 0; e < g.edgeCount(); e++) {
            for (int b = 0; b < B; b++) expected[g.dst()[e] * B + b] += g.weight()[e] * x[g.src()[e] * B + b];
        }
        float[] y1 = new float[n * B];
        float[] y2 = new float[n * B];
        CsrSpmm.of(g).threads(1).multiply(x, y1, B);
        CsrSpmm.of(g).threads(2).multiply(x, y2, B);
        assertArrayEquals(y1, y2, "thread count changes nothing");
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], y1[i], 1e-4 * (1 + Math.abs(expected[i])));
    }
}
