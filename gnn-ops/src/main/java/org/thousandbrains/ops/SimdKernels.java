package org.thousandbrains.ops;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Entry point to the Vector API kernels; loaded only when {@link Simd#AVAILABLE}. Holds the species
 * (the machine's preferred float vector).
 */
final class SimdKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Ints with a float vector's lanes. */
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, S.vectorShape());

    private SimdKernels() {
    }

    /** Doubles in vectors of the same shape. */
    private static final VectorSpecies<Double> DOUBLES = VectorSpecies.of(double.class, S.vectorShape());

    static int lanes() {
        return L;
    }

    static Forward32 forward(Plan plan, History history, float[] h, float[] trace, Inputs.Bound in, float[] preActivations,
                             StageBuffers stage) {
        return new Forward32Simd(plan, history, h, trace, in, preActivations, stage);
    }

    static Backward32 backward(Plan plan, BackwardEdges edges, BackwardSeeds seeds, History history, float[] h,
                               Buffers buffers, Inputs.Bound in, StageBuffers stage) {
        return new Backward32Simd(plan, edges, seeds, history, h, buffers, in, stage);
    }

    static void spmmRows(int[] rowPtr, int[] src, float[] w, float[] x, float[] y, int B, int r0, int r1) {
        SpmmSimd.rows(rowPtr, src, w, x, y, B, r0, r1);
    }

    static void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, y, yo + i).add(FloatVector.fromArray(S, x, xo + i).mul(a)).intoArray(y, yo + i);
        }
        for (; i < n; i++) y[yo + i] += a * x[xo + i];
    }

    /**
     * Two vectors of doubles scaled and rounded into one float vector (each half converted in its own lanes, 0 in
     * the other, joined by their bits so that a −0 stays −0), then added: one float shape only, as everywhere here
     * (a second shape at the Vector API's shared call sites makes the compiler keep vectors as objects).
     */
    static void addRounded(double a, double[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        int half = DOUBLES.length();
        if (half * 2 == L) {
            for (int end = S.loopBound(n); i < end; i += L) {
                IntVector low = ((FloatVector) DoubleVector.fromArray(DOUBLES, x, xo + i).mul(a)
                        .convertShape(VectorOperators.D2F, S, 0)).reinterpretAsInts();
                IntVector high = ((FloatVector) DoubleVector.fromArray(DOUBLES, x, xo + i + half).mul(a)
                        .convertShape(VectorOperators.D2F, S, -1)).reinterpretAsInts();
                FloatVector.fromArray(S, y, yo + i).add(low.or(high).reinterpretAsFloats()).intoArray(y, yo + i);
            }
        }
        for (; i < n; i++) y[yo + i] += (float) (a * x[xo + i]);
    }

    static void gatherAxpy(float a, float[] x, int xo, int[] idx, float[] y, int i0, int i1) {
        int i = i0;
        for (int end = i0 + S.loopBound(i1 - i0); i < end; i += L) {
            FloatVector.fromArray(S, y, i).add(FloatVector.fromArray(S, x, xo, idx, i).mul(a)).intoArray(y, i);
        }
        for (; i < i1; i++) y[i] += a * x[xo + idx[i]];
    }

    static void addColumn(float[] x, int x0, int[] rowOffset, float[] to, int to0, int n) {
        int b = 0;
        for (int end = S.loopBound(n); b < end; b += L) {
            FloatVector.fromArray(S, to, to0 + b).add(FloatVector.fromArray(S, x, x0, rowOffset, b)).intoArray(to, to0 + b);
        }
        for (; b < n; b++) to[to0 + b] += x[x0 + rowOffset[b]];
    }

    /** The padded CSR and the zero-extended copy of x for {@link CsrSpmm} at B = 1. */
    private static final class GatherState {
        final SpmmSimd.Padded padded;
        final float[] x;

        GatherState(SpmmSimd.Padded padded, int n) {
            this.padded = padded;
            this.x = new float[n + 1];
        }
    }

    static void spmmPrepareGather(CsrSpmm k, float[] x) {
        GatherState g = (GatherState) k.gather;
        if (g == null) {
            g = new GatherState(new SpmmSimd.Padded(k.n, k.rowPtr, k.src, k.weight), k.n);
            k.gather = g;
        }
        System.arraycopy(x, 0, g.x, 0, k.n);
    }

    static void spmmGather(CsrSpmm k, float[] y, int r0, int r1) {
        GatherState g = (GatherState) k.gather;
        SpmmSimd.rowsGather(g.padded, g.x, y, r0, r1);
    }

    /**
     * The lanes of {@code v} added first to last, through {@code scratch} (at least {@link #L} floats; a
     * {@code toArray} per call is an allocation the JIT does not remove). {@code reduceLanes(ADD)} leaves the
     * order open, and the interpreter and the C2 intrinsic do not agree on it, so a run would depend on how warm
     * the JIT is (a resumed run would not repeat an uninterrupted one bit for bit).
     */
    /** {@link #sumInOrder(FloatVector, float[])} through this thread's scratch (for callers that run on several threads). */
    static float sumInOrder(FloatVector v) {
        return sumInOrder(v, LANES.get());
    }

    private static final ThreadLocal<float[]> LANES = ThreadLocal.withInitial(() -> new float[L]);

    static float sumInOrder(FloatVector v, float[] scratch) {
        v.intoArray(scratch, 0);
        float total = 0f;
        for (int i = 0; i < L; i++) total += scratch[i];
        return total;
    }

    /** Lane i's bit ({@code 1 << i}) per lane: a mask's lanes as the bits of an int ({@link #nonzeros}). */
    private static final IntVector LANE_BITS = IntVector.fromArray(INTS, laneBits(), 0);

    private static int[] laneBits() {
        int[] bits = new int[L];
        for (int i = 0; i < L; i++) bits[i] = 1 << i;
        return bits;
    }

    /**
     * Per byte value m, the positions of m's set bits, lowest first, in a row of {@link #L} ints (the rest 0), for
     * {@link #nonzeros}: in vectors of {@link #INTS}, the shape every other vector here has (a second shape of int
     * vector at the same call sites made the compiler keep the vectors as objects, which tripled the scan's time).
     */
    private static final int[] SET_BITS = setBits();

    private static int[] setBits() {
        int[] t = new int[256 * L];
        for (int m = 0; m < 256; m++) {
            int c = 0;
            for (int k = 0; k < 8; k++) if ((m >>> k & 1) != 0) t[m * L + c++] = k;
        }
        return t;
    }

    /**
     * {@link Simd#nonzeros}: a vector of values compared with 0 at a time, its nonzero lanes as the bits of an int
     * (a blend and an or-reduction: {@code VectorMask.toLong} is no intrinsic on Java 17); each byte of those bits
     * listed without a branch, as its row of {@link #SET_BITS} written whole (offset by the byte's first lane), the
     * count then moved on by the byte's set bits, so that the next byte's row overwrites what lies past it. A branch
     * per vector or per set bit (the form before) mispredicts on data that changes from row to row, which doubled
     * the scan's time. A row is written only where all of it fits into {@code at} (else its bits one by one), so
     * that lists {@link Simd#LIST_SLACK} longer than {@code n} take the branch-free form throughout. Vectors of
     * fewer than eight lanes return −1 (the caller's scalar scan).
     */
    static int nonzeros(float[] a, int from, int n, int[] at) {
        if (L < 8) return -1;
        int c = 0;
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            VectorMask<Float> nz = FloatVector.fromArray(S, a, from + i).compare(VectorOperators.NE, 0f);
            int bits = IntVector.zero(INTS).blend(LANE_BITS, nz.cast(INTS)).reduceLanes(VectorOperators.OR);
            for (int k = 0; k < L; k += 8) {
                int m = bits >>> k & 0xFF;
                if (c + L <= at.length) {
                    IntVector.fromArray(INTS, SET_BITS, m * L).add(i + k).intoArray(at, c);
                    c += Integer.bitCount(m);
                } else {
                    for (; m != 0; m &= m - 1) at[c++] = i + k + Integer.numberOfTrailingZeros(m);
                }
            }
        }
        for (; i < n; i++) if (a[from + i] != 0) at[c++] = i;
        return c;
    }

    /** {@link Simd#countNonzeros}: the nonzero lanes of a vector at a time counted. */
    static int countNonzeros(float[] a, int from, int n) {
        int c = 0;
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            c += FloatVector.fromArray(S, a, from + i).compare(VectorOperators.NE, 0f).trueCount();
        }
        for (; i < n; i++) c += a[from + i] != 0 ? 1 : 0;
        return c;
    }

    /** {@link Simd#allEqual}: two vector sums of {@code |a − v|}. */
    static boolean allEqual(double[] a, int from, int to, double v) {
        final int step = DOUBLES.length();
        DoubleVector s0 = DoubleVector.zero(DOUBLES);
        DoubleVector s1 = s0;
        int i = from;
        for (; i + 2 * step <= to; i += 2 * step) {
            s0 = s0.add(DoubleVector.fromArray(DOUBLES, a, i).sub(v).abs());
            s1 = s1.add(DoubleVector.fromArray(DOUBLES, a, i + step).sub(v).abs());
        }
        double s = s0.add(s1).reduceLanes(VectorOperators.ADD);
        for (; i < to; i++) s += Math.abs(a[i] - v);
        return s == 0.0;
    }

    /** {@link Simd#allFinite}: two vector sums of the values times 0 (their order does not matter: 0 or NaN). */
    static boolean allFinite(double[] w) {
        final int n = w.length;
        final int step = DOUBLES.length();
        DoubleVector s0 = DoubleVector.zero(DOUBLES);
        DoubleVector s1 = s0;
        int i = 0;
        for (; i + 2 * step <= n; i += 2 * step) {
            s0 = s0.add(DoubleVector.fromArray(DOUBLES, w, i).mul(0.0));
            s1 = s1.add(DoubleVector.fromArray(DOUBLES, w, i + step).mul(0.0));
        }
        double s = s0.add(s1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) s += w[i] * 0.0;
        return s == 0.0;
    }
}
