package org.thousandbrains.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The Vector API Adam step and finite check give bit for bit what the scalar float32 loop gives, tails included. */
class AdamSimdTest {
    @Test
    void vectorAdamMatchesTheScalarLoopBitForBit() {
        assumeTrue(Kernels.SIMD, "the JVM runs without jdk.incubator.vector");
        Random r = new Random(5);
        for (int n : new int[] {1, 15, 16, 17, 1000, 10_007}) {
            for (float[] opt : new float[][] {{0, 1}, {0.01f, 1}, {0, 0.999f}}) {
                ByteBuffer[] a = buffers(n, r);
                ByteBuffer[] b = new ByteBuffer[4];
                for (int k = 0; k < 4; k++) b[k] = copy(a[k]);
                for (int step = 1; step <= 3; step++) {
                    float c2 = (float) Math.sqrt(1 - Math.pow(0.999, step));
                    float s = (float) (-1e-3 / (1 - Math.pow(0.9, step)));
                    AdamSimd.adam(a[0], a[1], a[2], a[3], n, 0.9f, 0.999f, 0.1f, 0.001f, c2, 1e-8f, s, opt[0], opt[1]);
                    Kernels.adamFloat(f(b[0]), f(b[1]), f(b[2]), f(b[3]), 0, n, 0.9f, 0.999f, 0.1f, 0.001f, c2, 1e-8f, s, opt[0],
                            opt[1]);
                }
                for (int k : new int[] {0, 2, 3}) {
                    assertArrayEquals(bits(b[k], n), bits(a[k], n), "n " + n + " array " + k + " l2 " + opt[0] + " decay " + opt[1]);
                }
            }
        }
    }

    /**
     * Moments just above the smallest normal float with a zero gradient decay to subnormals in one step;
     * both loops store it as +0 (either sign), keep normal moments, and leave a normal-size weight where the
     * unflushed update (in double) would have left it.
     */
    @Test
    void momentsDecayingIntoTheSubnormalRangeAreStoredAsZero() {
        assumeTrue(Kernels.SIMD, "the JVM runs without jdk.incubator.vector");
        int n = 37; // two vectors and a tail on 16 lanes
        ByteBuffer[] a = new ByteBuffer[4];
        for (int k = 0; k < 4; k++) a[k] = ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder());
        for (int j = 0; j < n; j++) {
            boolean tiny = j % 3 != 0;
            a[0].putFloat(j * 4, 0.05f + j * 1e-3f);
            a[1].putFloat(j * 4, 0f);
            a[2].putFloat(j * 4, tiny ? (j % 2 == 0 ? 1 : -1) * 1.05f * Float.MIN_NORMAL : 1e-3f);
            a[3].putFloat(j * 4, tiny ? 1.0005f * Float.MIN_NORMAL : 4e-6f);
        }
        ByteBuffer[] b = new ByteBuffer[4];
        for (int k = 0; k < 4; k++) b[k] = copy(a[k]);
        float c2 = (float) Math.sqrt(1 - Math.pow(0.999, 5));
        float s = (float) (-1e-3 / (1 - Math.pow(0.9, 5)));
        AdamSimd.adam(a[0], a[1], a[2], a[3], n, 0.9f, 0.999f, 0.1f, 0.001f, c2, 1e-8f, s, 0, 1);
        Kernels.adamFloat(f(b[0]), f(b[1]), f(b[2]), f(b[3]), 0, n, 0.9f, 0.999f, 0.1f, 0.001f, c2, 1e-8f, s, 0, 1);
        for (int k : new int[] {0, 2, 3}) assertArrayEquals(bits(b[k], n), bits(a[k], n), "array " + k);
        for (int j = 0; j < n; j++) {
            boolean tiny = j % 3 != 0;
            float m0 = tiny ? (j % 2 == 0 ? 1 : -1) * 1.05f * Float.MIN_NORMAL : 1e-3f;
            float v0 = tiny ? 1.0005f * Float.MIN_NORMAL : 4e-6f;
            float m = m0 * 0.9f;
            float v = v0 * 0.999f;
            assertEquals(tiny, Math.abs(m) < Float.MIN_NORMAL && v < Float.MIN_NORMAL, "the case is what it says");
            assertEquals(Float.floatToRawIntBits(tiny ? 0f : m), Float.floatToRawIntBits(a[2].getFloat(j * 4)), "m at " + j);
            assertEquals(Float.floatToRawIntBits(tiny ? 0f : v), Float.floatToRawIntBits(a[3].getFloat(j * 4)), "v at " + j);
            float p0 = 0.05f + j * 1e-3f;
            double unflushed = p0 + (double) s * (m / (Math.sqrt(v) / c2 + 1e-8));
            assertEquals((float) unflushed, a[0].getFloat(j * 4), 0f, "weight at " + j);
        }
    }

    @Test
    void vectorFiniteCheckFindsNonFiniteValuesInVectorsAndTail() {
        assumeTrue(Kernels.SIMD, "the JVM runs without jdk.incubator.vector");
        int n = 1003;
        ByteBuffer a = ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder());
        for (int k = 0; k < n; k++) a.putFloat(k * 4, k % 2 == 0 ? Float.MAX_VALUE : -1e-30f);
        assertTrue(AdamSimd.allFinite(a, n));
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            for (int at : new int[] {0, 15, 16, 991, 992, n - 1}) {
                ByteBuffer b = copy(a);
                b.putFloat(at * 4, bad);
                assertFalse(AdamSimd.allFinite(b, n), bad + " at " + at);
                assertTrue(AdamSimd.allFinite(b, at), "only the first " + at + " are read");
            }
        }
    }

    private static ByteBuffer[] buffers(int n, Random r) {
        ByteBuffer[] out = new ByteBuffer[4];
        for (int k = 0; k < 4; k++) {
            out[k] = ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder());
            for (int j = 0; j < n; j++) {
                float x = (float) r.nextGaussian();
                out[k].putFloat(j * 4, k == 3 ? x * x * 1e-4f : k == 1 && j % 7 == 0 ? 0 : x); // v >= 0; some zero gradients
            }
        }
        return out;
    }

    private static ByteBuffer copy(ByteBuffer a) {
        ByteBuffer c = ByteBuffer.allocateDirect(a.capacity()).order(ByteOrder.nativeOrder());
        c.put(a.duplicate().clear()).clear();
        return c;
    }

    private static java.nio.FloatBuffer f(ByteBuffer b) {
        return b.duplicate().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private static int[] bits(ByteBuffer b, int n) {
        int[] out = new int[n];
        for (int k = 0; k < n; k++) out[k] = Float.floatToRawIntBits(b.getFloat(k * 4));
        return out;
    }
}
