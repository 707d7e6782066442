package org.thousandbrains.ops;

import static org.thousandbrains.ops.SimdKernels.L;
import static org.thousandbrains.ops.SimdKernels.S;

import jdk.incubator.vector.FloatVector;

/**
 * {@link Forward32} with the edge loop on Vector API registers: the row's accumulators stay in two
 * vectors while its edges stream past, each edge costing two state loads, a trace load and store
 * per vector. Same operations in the same order per lane as the scalar kernel, so the same bits.
 * The k-WTA stage takes a vector of lanes at a time ({@link KwtaSimd}), with the scalar stage's winners.
 */
final class Forward32Simd extends Forward32 {
    Forward32Simd(Plan plan, History history, float[] h, float[] trace, Inputs.Bound in, float[] preActivations,
                  StageBuffers stage) {
        super(plan, history, h, trace, in, preActivations, stage);
    }

    @Override
    void kwta(int t, int q, int b0, int b1) {
        if (!KwtaSimd.USABLE) {
            super.kwta(t, q, b0, b1);
            return;
        }
        int[] ptr = groups.kwtaPtr();
        KwtaSimd tiles = KwtaSimd.forMembers(ptr[q + 1] - ptr[q]);
        int b = b0;
        for (; b + L <= b1; b += L) if (!tiles.tile(this, t, q, b)) super.kwta(t, q, b, b + L);
        if (b < b1) super.kwta(t, q, b, b1);
    }

    @Override
    void accumulate(int t, int v, int io, int b0, int b1, float[] acc) {
        final int vecEnd = b0 + (b1 - b0) / L * L;
        final int B = plan.batch;
        final int slots = history.slots;
        final int slotT = history.slot(t);
        final int[] src = plan.src;
        final int[] k = plan.k;
        final float[] w = plan.wF;
        final float[] f = plan.fracF;
        final float[] lam = plan.lamF;
        final int[] tr = plan.traceOffset;
        final float[] x = h;
        final float[] s = trace;
        final float[] inData = in.f;
        final float bv = plan.biasF[v];
        final int pBegin = plan.rowPtr[v];
        final int pEnd = plan.rowPtr[v + 1];
        int b = b0;
        for (; b + 2 * L <= vecEnd; b += 2 * L) {
            FloatVector a0 = FloatVector.broadcast(S, bv);
            FloatVector a1 = a0;
            if (io >= 0) {
                a0 = a0.add(FloatVector.fromArray(S, inData, io + b));
                a1 = a1.add(FloatVector.fromArray(S, inData, io + b + L));
            }
            for (int p = pBegin; p < pEnd; p++) {
                int kp = k[p];
                int s0 = slotT - kp;
                if (s0 < 0) s0 += slots;
                int s1 = s0 == 0 ? slots - 1 : s0 - 1;
                int base = src[p] * slots;
                float[] x0a = x;
                float[] x1a = x;
                int h0 = (base + s0) * B + b;
                int h1 = (base + s1) * B + b;
                if (t - kp < 1) {
                    x1a = zeros;
                    h1 = 0;
                    if (t - kp < 0) {
                        x0a = zeros;
                        h0 = 0;
                    }
                }
                float fp = f[p];
                FloatVector x00 = FloatVector.fromArray(S, x0a, h0);
                FloatVector x01 = FloatVector.fromArray(S, x0a, h0 + L);
                FloatVector r0 = FloatVector.fromArray(S, x1a, h1).sub(x00).mul(fp).add(x00);
                FloatVector r1 = FloatVector.fromArray(S, x1a, h1 + L).sub(x01).mul(fp).add(x01);
                int ts = tr[p];
                if (ts >= 0) {
                    float lp = lam[p];
                    ts += b;
                    r0 = FloatVector.fromArray(S, s, ts).mul(lp).add(r0);
                    r1 = FloatVector.fromArray(S, s, ts + L).mul(lp).add(r1);
                    r0.intoArray(s, ts);
                    r1.intoArray(s, ts + L);
                }
                float wp = w[p];
                a0 = a0.add(r0.mul(wp));
                a1 = a1.add(r1.mul(wp));
            }
            a0.intoArray(acc, b);
            a1.intoArray(acc, b + L);
        }
        for (; b < vecEnd; b += L) {
            FloatVector a0 = FloatVector.broadcast(S, bv);
            if (io >= 0) a0 = a0.add(FloatVector.fromArray(S, inData, io + b));
            for (int p = pBegin; p < pEnd; p++) {
                int kp = k[p];
                int s0 = slotT - kp;
                if (s0 < 0) s0 += slots;
                int s1 = s0 == 0 ? slots - 1 : s0 - 1;
                int base = src[p] * slots;
                float[] x0a = x;
                float[] x1a = x;
                int h0 = (base + s0) * B + b;
                int h1 = (base + s1) * B + b;
                if (t - kp < 1) {
                    x1a = zeros;
                    h1 = 0;
                    if (t - kp < 0) {
                        x0a = zeros;
                        h0 = 0;
                    }
                }
                FloatVector x00 = FloatVector.fromArray(S, x0a, h0);
                FloatVector r0 = FloatVector.fromArray(S, x1a, h1).sub(x00).mul(f[p]).add(x00);
                int ts = tr[p];
                if (ts >= 0) {
                    r0 = FloatVector.fromArray(S, s, ts + b).mul(lam[p]).add(r0);
                    r0.intoArray(s, ts + b);
                }
                a0 = a0.add(r0.mul(w[p]));
            }
            a0.intoArray(acc, b);
        }
        if (b < b1) super.accumulate(t, v, io, b, b1, acc);
    }
}
