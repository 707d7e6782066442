package org.thousandbrains.optim;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 Adam step and finite check of {@link Kernels} straight on the parameters' native memory with the
 * incubating Vector API: no copies into Java arrays and back. The same operations in the same order as the
 * scalar loop (multiply, add, square root, divide; no fused multiply-add; subnormal moments stored as 0), so the
 * results are bit for bit the same. {@link Kernels} calls it only when the Vector API is there ({@link Kernels#SIMD}), so that this class,
 * which names its types, is never loaded without it.
 */
final class AdamSimd {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private AdamSimd() {
    }

    /** {@link Kernels#adam} on float32 buffers of {@code n} elements (see there for the arguments). */
    static void adam(ByteBuffer p, ByteBuffer g, ByteBuffer m, ByteBuffer v, int n, float b1, float b2, float a1,
                     float a2, float c2, float e, float s, float wd, float dec) {
        p = p.order(ORDER);
        g = g.order(ORDER);
        m = m.order(ORDER);
        v = v.order(ORDER);
        boolean decay = dec != 1;
        boolean l2 = wd != 0;
        int L = S.length();
        int k = 0;
        for (int upper = S.loopBound(n); k < upper; k += L) {
            int o = k * Float.BYTES;
            FloatVector x = FloatVector.fromByteBuffer(S, p, o, ORDER);
            if (decay) x = x.mul(dec);
            FloatVector gk = FloatVector.fromByteBuffer(S, g, o, ORDER);
            if (l2) gk = gk.add(x.mul(wd));
            FloatVector mk = flush(FloatVector.fromByteBuffer(S, m, o, ORDER).mul(b1).add(gk.mul(a1)));
            FloatVector vk = flush(FloatVector.fromByteBuffer(S, v, o, ORDER).mul(b2).add(gk.mul(a2).mul(gk)));
            mk.intoByteBuffer(m, o, ORDER);
            vk.intoByteBuffer(v, o, ORDER);
            x.add(mk.div(vk.lanewise(VectorOperators.SQRT).div(c2).add(e)).mul(s)).intoByteBuffer(p, o, ORDER);
        }
        // the tail through the scalar loop (the buffers' order is native now)
        Kernels.adamFloat(p.asFloatBuffer(), g.asFloatBuffer(), m.asFloatBuffer(), v.asFloatBuffer(), k, n, b1, b2, a1, a2, c2,
                e, s, wd, dec);
    }

    /** {@code x} with its subnormal lanes set to +0, as {@link Kernels#flush(float)}. */
    private static FloatVector flush(FloatVector x) {
        return x.blend(0f, x.abs().compare(VectorOperators.LT, Float.MIN_NORMAL));
    }

    /** Whether all {@code n} floats of {@code a} are finite (no NaN, no infinity). */
    static boolean allFinite(ByteBuffer a, int n) {
        a = a.order(ORDER);
        int L = S.length();
        int k = 0;
        for (int upper = S.loopBound(n); k < upper; k += L) {
            FloatVector x = FloatVector.fromByteBuffer(S, a, k * Float.BYTES, ORDER);
            // x − x is 0 for finite x, NaN for NaN and the infinities
            VectorMask<Float> bad = x.sub(x).test(VectorOperators.IS_NAN);
            if (bad.anyTrue()) return false;
        }
        for (; k < n; k++) if (!Float.isFinite(a.getFloat(k * Float.BYTES))) return false;
        return true;
    }
}
