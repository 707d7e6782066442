package org.thousandbrains.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.thousandbrains.graph.build.RandomGraphs;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;

/** The single-step kernel against a plain double loop over the edge list, for any thread count. */
class CsrSpmmTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 32})
    void matchesTheEdgeListProduct(int B) {
        CompiledGraph g = GraphCompiler.compile(RandomGraphs.uniform(RandomGraphs.spec().nodes(3000).edges(40000).seed(5)));
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

    /**
     * A NaN, +∞ and −∞ in a few inputs make exactly the rows that read them non-finite: every other
     * row, including the rows next to them in the same part and the same four-way segment of the
     * B = 1 scalar path, equals the plain double sum over its edges. Runs the scalar kernels
     * ({@code simd = false}: B = 1 segmented rows, B > 1 plain rows) and, where the JVM has the
     * Vector API, the vector ones (B = 1 gather, B >= lanes two-vector rows).
     */
    @ParameterizedTest
    @CsvSource({"1, false", "3, false", "32, false", "1, true", "3, true", "8, true", "32, true", "35, true"})
    void nonFiniteInputsStayInTheRowsThatReadThem(int B, boolean simd) {
        CompiledGraph g = GraphCompiler.compile(RandomGraphs.uniform(RandomGraphs.spec().nodes(2000).edges(12000).seed(11)));
        int n = g.nodeCount();
        Random rng = new Random(100 + B);
        float[] x = new float[n * B];
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian();
        x[17 * B] = Float.NaN;
        x[901 * B + B - 1] = Float.POSITIVE_INFINITY;
        x[1500 * B + B / 2] = Float.NEGATIVE_INFINITY;
        double[] expected = new double[n * B];
        for (int e = 0; e < g.edgeCount(); e++) {
            for (int b = 0; b < B; b++) expected[g.dst()[e] * B + b] += g.weight()[e] * (double) x[g.src()[e] * B + b];
        }
        for (int threads : new int[] {1, 2}) {
            float[] y = new float[n * B];
            java.util.Arrays.fill(y, 12345f); // every row must be written
            CsrSpmm.of(g).threads(threads).simd(simd).multiply(x, y, B);
            int finite = 0;
            int nonFinite = 0;
            for (int i = 0; i < expected.length; i++) {
                String at = "row " + i / B + ", column " + i % B + " (B=" + B + ", simd=" + simd + ", threads=" + threads + ")";
                double ref = expected[i];
                if (Double.isNaN(ref)) {
                    assertTrue(Float.isNaN(y[i]), at + ": expected NaN, got " + y[i]);
                    nonFinite++;
                } else if (Double.isInfinite(ref)) {
                    assertEquals(ref, y[i], 0.0, at);
                    nonFinite++;
                } else {
                    assertEquals(ref, y[i], 1e-4 * (1 + Math.abs(ref)), at);
                    finite++;
                }
            }
            assertTrue(nonFinite >= 3, "the non-finite inputs reach their rows: " + nonFinite);
            assertTrue(finite > expected.length - 100, finite + " finite results of " + expected.length);
        }
    }

    @org.junit.jupiter.api.Test
    void keptMasksTheAccumulatorWhateverItHolds() {
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(CsrSpmm.kept(Float.NaN, 3, 2)));
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(CsrSpmm.kept(Float.NEGATIVE_INFINITY, 0, -1)));
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(CsrSpmm.kept(-2.5f, Integer.MIN_VALUE, 0)));
        assertTrue(Float.isNaN(CsrSpmm.kept(Float.NaN, 7, 7)));
        assertEquals(Float.POSITIVE_INFINITY, CsrSpmm.kept(Float.POSITIVE_INFINITY, 7, 7));
        assertEquals(-2.5f, CsrSpmm.kept(-2.5f, 5, 5));
    }
}
