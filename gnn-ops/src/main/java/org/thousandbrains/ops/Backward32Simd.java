package org.thousandbrains.ops;

import static org.thousandbrains.ops.SimdKernels.L;
import static org.thousandbrains.ops.SimdKernels.S;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Backward32} with each edge's lane loop on Vector API registers and the adjoint pushes fused
 * into the same pass. The three per-edge sums stay vectors until the edge ends and are parked in a
 * small scratch block; their lanes are added up after the block, in plain scalar code. Keeping the
 * horizontal sums out of the streaming loop keeps long dependency chains from stalling the memory
 * loads, and the fixed scalar order makes the result identical in every execution mode. Lanes that
 * do not fill a vector go through the scalar edge code. The node completions ({@code derivative}, the
 * k-WTA winner mask and the bias sums) run on vectors too.
 */
final class Backward32Simd extends Backward32 {
    Backward32Simd(Plan plan, BackwardEdges edges, BackwardSeeds seeds, History history, float[] h, Buffers buffers,
                   Inputs.Bound in, StageBuffers stage) {
        super(plan, edges, seeds, history, h, buffers, in, stage);
    }

    /** Winner flags, one byte per float lane. */
    private static final VectorSpecies<Byte> FLAGS = VectorSpecies.of(byte.class, VectorShape.forBitSize(L * 8));

    /** Edges per scratch block. */
    static final int BLOCK = 64;

    @Override
    float[] scratch() {
        return new float[3 * L * BLOCK];
    }

    @Override
    void edges(int tau, int u, int jFrom, int jTo, float[] scratch) {
        for (int j = jFrom; j < jTo; j += BLOCK) block(tau, u, j, Math.min(jTo, j + BLOCK), scratch);
    }

    private void block(int tau, int u, int jFrom, int jTo, float[] scratch) {
        final int B = plan.batch;
        final int vecEnd = B / L * L;
        final float[] x = h;
        final float[] gv = g;
        final float[] gaCur = ga;
        final float[] gaNxt = gaNext;
        final float[] gtr = gt;
        final float[] qq = q;
        final int[] dst = edges.dst;
        final int[] kC = edges.k;
        final int[] tr = edges.traceOffset;
        final int hu = u * history.slots + tau;
        for (int j = jFrom; j < jTo; j++) {
            final int kk = kC[j];
            final int tm = tau - kk;
            float[] x0a = x;
            float[] x1a = x;
            int h0 = (hu - kk) * B;
            int h1 = h0 - B;
            if (tm < 1) {
                x1a = zeros;
                h1 = 0;
                if (tm < 0) {
                    x0a = zeros;
                    h0 = 0;
                }
            }
            final int gaOff = dst[j] * B;
            final float fp = fC[j];
            final int ts = tr[j];
            final boolean push0 = tm >= 0;
            final boolean push1 = tm >= 1;
            final int g0 = push0 ? pushRow(u, tau, kk) : 0;
            final int g1 = push1 ? pushRow(u, tau, kk + 1) : 0;
            final float a0 = c0[j];
            final float a1 = c1[j];
            final float lp = lamC[j];
            FloatVector dw = FloatVector.zero(S);
            FloatVector dl = dw;
            FloatVector dd = dw;
            for (int b = 0; b < vecEnd; b += L) {
                FloatVector gn;
                FloatVector qn;
                if (ts >= 0) {
                    FloatVector go = FloatVector.fromArray(S, gtr, ts + b);
                    qn = FloatVector.fromArray(S, qq, ts + b).mul(lp).add(go);
                    gn = go.mul(lp).add(FloatVector.fromArray(S, gaCur, gaOff + b));
                    gn.intoArray(gtr, ts + b);
                    qn.intoArray(qq, ts + b);
                } else {
                    gn = FloatVector.fromArray(S, gaCur, gaOff + b);
                    qn = FloatVector.fromArray(S, gaNxt, gaOff + b);
                }
                FloatVector x0 = FloatVector.fromArray(S, x0a, h0 + b);
                FloatVector dx = FloatVector.fromArray(S, x1a, h1 + b).sub(x0);
                FloatVector r = dx.mul(fp).add(x0);
                dw = dw.add(r.mul(gn));
                dl = dl.add(r.mul(qn));
                dd = dd.add(gn.mul(dx));
                if (push0) FloatVector.fromArray(S, gv, g0 + b).add(gn.mul(a0)).intoArray(gv, g0 + b);
                if (push1) FloatVector.fromArray(S, gv, g1 + b).add(gn.mul(a1)).intoArray(gv, g1 + b);
            }
            int o = (j - jFrom) * 3 * L;
            dw.intoArray(scratch, o);
            dl.intoArray(scratch, o + L);
            dd.intoArray(scratch, o + 2 * L);
        }
        for (int j = jFrom; j < jTo; j++) {
            int o = (j - jFrom) * 3 * L;
            float w0 = 0f;
            float w1 = 0f;
            float l0 = 0f;
            float l1 = 0f;
            float d0 = 0f;
            float d1 = 0f;
            for (int i = 0; i < L; i += 2) {
                w0 += scratch[o + i];
                w1 += scratch[o + i + 1];
                l0 += scratch[o + L + i];
                l1 += scratch[o + L + i + 1];
                d0 += scratch[o + 2 * L + i];
                d1 += scratch[o + 2 * L + i + 1];
            }
            accW[j] += w0 + w1;
            accL[j] += l0 + l1;
            accD[j] += d0 + d1;
            if (vecEnd < B) edge(tau, u, j, vecEnd, B);
        }
    }

    @Override
    float derivative(byte act, float[] x, int xo, float[] g, int go, float[] a, int ao, int b0, int b1) {
        final int vecEnd = b0 + (b1 - b0) / L * L;
        final FloatVector zero = FloatVector.zero(S);
        final FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector sum = zero;
        for (int b = b0; b < vecEnd; b += L) {
            FloatVector gv = FloatVector.fromArray(S, g, go + b);
            FloatVector r;
            if (act == Act.RELU) {
                r = zero.blend(gv, FloatVector.fromArray(S, x, xo + b).compare(VectorOperators.GT, 0f));
            } else if (act == Act.TANH) {
                FloatVector xv = FloatVector.fromArray(S, x, xo + b);
                r = gv.mul(one.sub(xv.mul(xv)));
            } else if (act == Act.SIGMOID) {
                FloatVector xv = FloatVector.fromArray(S, x, xo + b);
                r = gv.mul(xv.mul(one.sub(xv)));
            } else {
                r = gv;
            }
            r.intoArray(a, ao + b);
            sum = sum.add(r);
        }
        float total = SimdKernels.sumInOrder(sum);
        if (vecEnd < b1) total += super.derivative(act, x, xo, g, go, a, ao, vecEnd, b1);
        return total;
    }

    @Override
    void keepWinners(int wo, int ao, int b0, int b1) {
        final int vecEnd = b0 + (b1 - b0) / L * L;
        final FloatVector zero = FloatVector.zero(S);
        for (int b = b0; b < vecEnd; b += L) {
            // flags widened to float lanes and compared there (a byte mask cast to float lanes is not compiled to one instruction)
            VectorMask<Float> lost = ((FloatVector) ByteVector.fromArray(FLAGS, kwtaWin, wo + b)
                    .convertShape(VectorOperators.B2F, S, 0)).compare(VectorOperators.EQ, 0f);
            FloatVector.fromArray(S, ga, ao + b).blend(zero, lost).intoArray(ga, ao + b);
        }
        if (vecEnd < b1) super.keepWinners(wo, ao, vecEnd, b1);
    }

    /**
     * {@link Backward32#kwtaMember} for identity and relu members in one pass over the lanes (derivative, winner
     * mask, clearing, bias sum): the same operations per lane as the separate stages, so the same results.
     */
    @Override
    double kwtaMember(byte act, int xo, int go, int ao, int wo) {
        final int B = plan.batch;
        final int vecEnd = B / L * L;
        if ((act != Act.IDENTITY && act != Act.RELU) || vecEnd < B) return super.kwtaMember(act, xo, go, ao, wo);
        final FloatVector zero = FloatVector.zero(S);
        FloatVector sum = zero;
        for (int b = 0; b < B; b += L) {
            FloatVector r = FloatVector.fromArray(S, g, go + b);
            if (act == Act.RELU) r = zero.blend(r, FloatVector.fromArray(S, h, xo + b).compare(VectorOperators.GT, 0f));
            VectorMask<Float> lost = ((FloatVector) ByteVector.fromArray(FLAGS, kwtaWin, wo + b)
                    .convertShape(VectorOperators.B2F, S, 0)).compare(VectorOperators.EQ, 0f);
            r = r.blend(zero, lost);
            r.intoArray(ga, ao + b);
            zero.intoArray(g, go + b);
            sum = r.fma(FloatVector.fromArray(S, own, ao + b), sum);
        }
        return SimdKernels.sumInOrder(sum);
    }

    @Override
    double ownSum(int ao) {
        final int B = plan.batch;
        final int vecEnd = B / L * L;
        FloatVector sum = FloatVector.zero(S);
        for (int b = 0; b < vecEnd; b += L) {
            sum = FloatVector.fromArray(S, ga, ao + b).fma(FloatVector.fromArray(S, own, ao + b), sum);
        }
        double total = SimdKernels.sumInOrder(sum);
        return vecEnd < B ? total + ownSum(ao, vecEnd, B) : total;
    }
}
