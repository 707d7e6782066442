package org.thousandbrains.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.thousandbrains.graph.build.RandomGraphs;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.topology.Activation;

/**
 * The Vector API kernels against the scalar ones (runs where the JVM has
 * {@code --add-modules jdk.incubator.vector}, as the build's test runs do): forward states, traces
 * and SpMM results are bit-identical (same operations per lane); backward sums lanes in another
 * order, so gradients agree to float32 rounding. Batches cover whole vectors, a vector plus a tail,
 * and more than two vectors.
 */
class SimdPathTest {
    @BeforeEach
    void needsVectorApi() {
        assumeTrue(Simd.AVAILABLE, "JVM without --add-modules jdk.incubator.vector: only the scalar kernels exist");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 21})
    void temporalOperatorMatchesTheScalarKernels(int extraLanes) {
        int B = Simd.lanes() * (extraLanes == 21 ? 2 : 1) + extraLanes;
        int T = 6;
        CompiledGraph g = BlockGraphs.random(29, 3, 30, 1500, 6, 5, 0.3, Activation.values());
        int n = g.nodeCount();
        Random rng = new Random(B);
        double[] in = GradientCheckTest.gaussian(rng, T * n * B);
        double[] x0 = GradientCheckTest.gaussian(rng, n * B);
        double[] dr = GradientCheckTest.gaussian(rng, g.outputs().length * B);
        TemporalOperator vec = TemporalOperator.of(g).threads(2).recordInternals(true);
        TemporalOperator sca = TemporalOperator.of(g).threads(2).recordInternals(true).simd(false);
        try (ForwardPass fv = vec.forward(Inputs.dense(T, n, B, in), T, B, x0);
             ForwardPass fs = sca.forward(Inputs.dense(T, n, B, in), T, B, x0)) {
            for (int t = 1; t <= T; t++) {
                assertArrayEquals(fs.state(t), fv.state(t), "x(" + t + ")");
                assertArrayEquals(fs.trace(t), fv.trace(t), "s(" + t + ")");
                assertArrayEquals(fs.preActivation(t), fv.preActivation(t), "a(" + t + ")");
            }
            Gradients gv = vec.backward(fv, dr);
            Gradients gs = sca.backward(fs, dr);
            assertClose(gs.weight(), gv.weight());
            assertClose(gs.delay(), gv.delay());
            assertClose(gs.leak(), gv.leak());
            assertClose(gs.bias(), gv.bias());
            assertClose(gs.inputs(), gv.inputs());
            assertClose(gs.initialState(), gv.initialState());
        }
    }

    /** Overseen groups (k-WTA and plain, batch statistics for odd seeds) in training mode: the vector path agrees too. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void overseenGroupsMatchTheScalarKernels(long seed) {
        int B = Simd.lanes() + 3;
        int T = 4;
        CompiledGraph g = org.thousandbrains.graph.compile.GraphCompiler.compile(StrategyContractTest.randomLayered(seed, true));
        Random rng = new Random(seed);
        int nIn = g.inputs().length;
        double[] in = GradientCheckTest.gaussian(rng, T * nIn * B);
        double[] dr = GradientCheckTest.gaussian(rng, g.outputs().length * B);
        TemporalOperator vec = TemporalOperator.of(g).threads(2).training(true);
        TemporalOperator sca = TemporalOperator.of(g).threads(2).training(true).simd(false);
        try (ForwardPass fv = vec.forward(Inputs.perStep(vec.inputNodes(), T, B, in), T, B, null);
             ForwardPass fs = sca.forward(Inputs.perStep(sca.inputNodes(), T, B, in), T, B, null)) {
            for (int t = 1; t <= T; t++) assertArrayEquals(fs.state(t), fv.state(t), 1e-5, "x(" + t + ")");
            assertArrayEquals(sca.groupState().normMean(), vec.groupState().normMean(), 1e-6);
            assertArrayEquals(sca.groupState().normVariance(), vec.groupState().normVariance(), 1e-6);
            Gradients gv = vec.backward(fv, dr);
            Gradients gs = sca.backward(fs, dr);
            assertClose(gs.weight(), gv.weight());
            assertClose(gs.bias(), gv.bias());
            assertClose(gs.gain(), gv.gain());
            assertClose(gs.shift(), gv.shift());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5})
    void spmmMatchesTheScalarKernel(int extraLanes) {
        int B = 2 * Simd.lanes() + extraLanes;
        CompiledGraph g = GraphCompiler.compile(RandomGraphs.uniform(RandomGraphs.spec().nodes(500).edges(6000).seed(2)));
        float[] x = new float[g.nodeCount() * B];
        Random rng = new Random(1);
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian();
        float[] yv = new float[x.length];
        float[] ys = new float[x.length];
        CsrSpmm.of(g).multiply(x, yv, B);
        CsrSpmm.of(g).simd(false).multiply(x, ys, B);
        assertArrayEquals(ys, yv);
    }

    /**
     * The vector nonzero scan lists what a scalar scan lists (NaN counted as nonzero, −0 not), at densities from
     * none to all, offsets and lengths that leave tails, vectors with one nonzero lane and with several; into a list
     * exactly as long as the values scanned (the branch-free listing, which writes ahead of its count, must not run
     * past its end) and into one with the slack that lets it run throughout; the counting scan counts as many.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 30, 100})
    void nonzeroScanListsWhatAScalarScanLists(int percent) {
        Random rng = new Random(percent);
        float[] a = new float[1000];
        int[] want = new int[a.length];
        for (int rep = 0; rep < 40; rep++) {
            for (int i = 0; i < a.length; i++) {
                boolean nonzero = rng.nextInt(100) < percent;
                a[i] = !nonzero ? (rng.nextBoolean() ? 0f : -0f) : rng.nextInt(20) == 0 ? Float.NaN : (float) rng.nextGaussian();
            }
            int from = rng.nextInt(40);
            int n = rng.nextInt(a.length - from);
            int c = 0;
            for (int i = 0; i < n; i++) if (a[from + i] != 0 || Float.isNaN(a[from + i])) want[c++] = i;
            assertEquals(c, Simd.countNonzeros(a, from, n), "counted at " + from + "+" + n);
            for (int[] at : new int[][] {new int[n], new int[n + Simd.LIST_SLACK]}) {
                if (SimdKernels.lanes() < 8) {
                    assertEquals(-1, SimdKernels.nonzeros(a, from, n, at), "no vector form under eight lanes");
                    continue;
                }
                assertEquals(c, SimdKernels.nonzeros(a, from, n, at), "count at " + from + "+" + n + ", list of " + at.length);
                for (int j = 0; j < c; j++) assertEquals(want[j], at[j], "offset " + j + ", list of " + at.length);
            }
        }
    }

    /**
     * The vector sum of listed rows equals, bit for bit, a loop that adds the products to each element in list order
     * (the same multiply, then add): row lengths that leave no tail, a vector tail and a scalar tail, empty lists,
     * lists that repeat a row, sums written fresh and added to what is there.
     */
    @Test
    void listedRowsSumAsAScalarLoopSums() {
        Random rng = new Random(21);
        for (int rep = 0; rep < 300; rep++) {
            int n = 1 + rng.nextInt(300); // eight vectors at a time from 128 on (16 lanes)
            int pitch = n + rng.nextInt(20);
            int rowCount = 1 + rng.nextInt(30);
            float[] rows = new float[rowCount * pitch];
            for (int i = 0; i < rows.length; i++) rows[i] = (float) rng.nextGaussian();
            int listed = rng.nextInt(12);
            int j0 = rng.nextInt(4);
            int[] idx = new int[j0 + listed];
            float[] val = new float[j0 + listed];
            for (int j = 0; j < idx.length; j++) {
                idx[j] = rng.nextInt(rowCount);
                val[j] = (float) rng.nextGaussian();
            }
            boolean add = rng.nextBoolean();
            int o = rng.nextInt(9);
            float[] out = new float[o + n + 5];
            for (int i = 0; i < out.length; i++) out[i] = (float) rng.nextGaussian();
            float[] want = out.clone();
            for (int c = 0; c < n; c++) {
                float a = add ? want[o + c] : 0f;
                for (int j = j0; j < idx.length; j++) a += val[j] * rows[idx[j] * pitch + c];
                want[o + c] = a;
            }
            Simd.sumListedRows(idx, val, j0, idx.length, rows, pitch, n, out, o, add);
            assertArrayEquals(want, out, "n " + n + " listed " + listed + " add " + add);
        }
    }

    /** Signed zeros included: a −0 seed added to a −0 gradient stays −0, as in the scalar loop. */
    @Test
    void seedsAreRoundedAndAddedAsAScalarLoopDoes() {
        Random rng = new Random(23);
        for (int rep = 0; rep < 200; rep++) {
            int n = rng.nextInt(70);
            int xo = rng.nextInt(5);
            int yo = rng.nextInt(5);
            double a = rep % 3 == 0 ? 1 : rng.nextGaussian();
            double[] x = new double[xo + n + 3];
            for (int i = 0; i < x.length; i++) x[i] = rng.nextInt(8) == 0 ? -0.0 : rng.nextGaussian() * Math.pow(10, rng.nextInt(9) - 4);
            float[] y = new float[yo + n + 3];
            for (int i = 0; i < y.length; i++) y[i] = rng.nextInt(8) == 0 ? -0f : (float) rng.nextGaussian();
            float[] want = y.clone();
            for (int i = 0; i < n; i++) want[yo + i] += (float) (a * x[xo + i]);
            Simd.addRounded(a, x, xo, y, yo, n);
            assertArrayEquals(want, y, "n " + n + " offsets " + xo + ", " + yo);
        }
    }

    /**
     * {@code allEqual} (vector and scalar) says what a loop of {@code ==} says: −0 equals 0, one value off by the
     * least subnormal, by one ulp, by ±∞ or a NaN anywhere in the range (tails included) makes it false, values
     * outside the range do not count.
     */
    @Test
    void allEqualSaysWhatComparisonsSay() {
        Random rng = new Random(12);
        double[] odd = {Double.MIN_VALUE, -Double.MIN_VALUE, Math.ulp(3.0), Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.NaN, 1e300, -1e-300};
        for (int rep = 0; rep < 400; rep++) {
            double v = rng.nextInt(4);
            double[] a = new double[rng.nextInt(70)];
            for (int i = 0; i < a.length; i++) a[i] = v == 0 && rng.nextBoolean() ? -0.0 : v;
            int from = a.length == 0 ? 0 : rng.nextInt(a.length);
            int to = from + rng.nextInt(a.length - from + 1);
            if (rng.nextBoolean() && a.length > 0) {
                int at = rng.nextInt(a.length);
                double o = odd[rng.nextInt(odd.length)];
                a[at] = o == Math.ulp(3.0) ? Math.nextUp(v) : v + o;
            }
            boolean want = true;
            for (int i = from; i < to; i++) want &= a[i] == v;
            String what = "v " + v + " in " + Arrays.toString(Arrays.copyOfRange(a, from, to));
            assertEquals(want, SimdKernels.allEqual(a, from, to, v), "vector: " + what);
            assertEquals(want, Simd.allEqualScalar(a, from, to, v), "scalar: " + what);
        }
    }

    private static void assertClose(double[] expected, double[] actual) {
        double scale = 1;
        for (double v : expected) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], 2e-5 * scale, "element " + i);
    }
}
