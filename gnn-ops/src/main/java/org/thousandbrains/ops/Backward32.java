package org.thousandbrains.ops;

/**
 * The fused float32 BPTT step, run per source node over the CSC (so every write lands in rows the
 * thread owns): for each out-edge it advances the adjoint trace {@code g̃ = ga_v + λ·g̃} and its
 * companion {@code q = g̃_old + λ·q}, recomputes {@code r} and {@code x_u(t−k−1) − x_u(t−k)} from
 * the stored states, accumulates the weight, leak and delay gradients and pushes
 * {@code (1−f)·w·g̃} and {@code f·w·g̃} into the state adjoints of the source at {@code t−k} and
 * {@code t−k−1}. {@link #finish} turns a node's completed state adjoint into {@code ∂L/∂a}, the
 * bias and input gradients. The twin {@link Backward64} is the same code in double;
 * {@link Backward32Simd} overrides {@link #edges} with the Vector API.
 */
class Backward32 {
    final Plan plan;
    final BackwardEdges edges;
    final BackwardSeeds seeds;
    final History history;
    final float[] h;
    /** State adjoints {@code [N][gSlots][B]}, a ring over steps. */
    final float[] g;
    final int gSlots;
    /** ∂L/∂a at the current step and at the next one. */
    float[] ga;
    float[] gaNext;
    final float[] gt;
    final float[] q;
    final float[] c0;
    final float[] c1;
    final float[] fC;
    final float[] lamC;
    final double[] accW;
    final double[] accL;
    final double[] accD;
    final double[] gBias;
    final Inputs.Bound in;
    final float[] gInputs;
    /** The state of every node before step 0. */
    final float[] zeros;

    Backward32(Plan plan, BackwardEdges edges, BackwardSeeds seeds, History history, float[] h, Buffers buffers,
               Inputs.Bound in) {
        this.plan = plan;
        this.edges = edges;
        this.seeds = seeds;
        this.history = history;
        this.h = h;
        int B = plan.batch;
        this.gSlots = plan.reach + 1;
        this.g = buffers.floats(Sizes.check("state adjoints N*(reach+1)*B", (long) plan.n * gSlots * B));
        this.ga = buffers.floats(plan.n * B);
        this.gaNext = buffers.floats(plan.n * B);
        this.gt = buffers.floats(edges.traced * B);
        this.q = buffers.floats(edges.traced * B);
        int e = plan.e;
        this.c0 = new float[e];
        this.c1 = new float[e];
        this.fC = new float[e];
        this.lamC = new float[e];
        for (int j = 0; j < e; j++) {
            int p = edges.edgeOf[j];
            fC[j] = (float) plan.frac[p];
            lamC[j] = (float) plan.lam[p];
            c0[j] = (float) ((1 - plan.frac[p]) * plan.w[p]);
            c1[j] = (float) (plan.frac[p] * plan.w[p]);
        }
        this.accW = new double[e];
        this.accL = new double[e];
        this.accD = new double[e];
        this.gBias = new double[plan.n];
        this.in = in;
        this.gInputs = in.length() > 0 ? new float[in.length()] : null;
        this.zeros = new float[B];
    }

    /** Hands the scratch buffers back. */
    void release(Buffers buffers) {
        buffers.give(g);
        buffers.give(ga);
        buffers.give(gaNext);
        buffers.give(gt);
        buffers.give(q);
    }

    void swapStep() {
        float[] t = gaNext;
        gaNext = ga;
        ga = t;
    }

    /** ∂L/∂x(0), read from the adjoint ring after step 1. */
    float[] initialState() {
        int B = plan.batch;
        float[] r = new float[plan.n * B];
        for (int u = 0; u < plan.n; u++) System.arraycopy(g, (u * gSlots) * B, r, u * B, B);
        return r;
    }

    /** Per-task scratch space for {@link #edges} (none here). */
    float[] scratch() {
        return null;
    }

    /** Processes out-edges {@code [jFrom, jTo)} (CSC positions) of source {@code u} at step {@code tau}. */
    void edges(int tau, int u, int jFrom, int jTo, float[] scratch) {
        for (int j = jFrom; j < jTo; j++) edge(tau, u, j, 0, plan.batch);
    }

    /** Lanes {@code [b0, b1)} of the edge at CSC position j (source u) at step tau. */
    final void edge(int tau, int u, int j, int b0, int b1) {
        final int B = plan.batch;
        final float[] x = h;
        final float[] gv = g;
        final float[] gaCur = ga;
        final float[] gtr = gt;
        final float[] qq = q;
        final int kk = edges.k[j];
        final int tm = tau - kk;
        float[] x0a = x;
        float[] x1a = x;
        int h0 = (u * history.slots + tm) * B;
        int h1 = h0 - B;
        if (tm < 1) {
            x1a = zeros;
            h1 = 0;
            if (tm < 0) {
                x0a = zeros;
                h0 = 0;
            }
        }
        final int gaOff = edges.dst[j] * B;
        final float fp = fC[j];
        final int ts = edges.traceOffset[j];
        float dw = 0f;
        float dl = 0f;
        float dd = 0f;
        float[] gsrc;
        int goff;
        if (ts >= 0) {
            float lp = lamC[j];
            for (int b = b0; b < b1; b++) {
                float go = gtr[ts + b];
                float qn = go + lp * qq[ts + b];
                float gn = gaCur[gaOff + b] + lp * go;
                gtr[ts + b] = gn;
                qq[ts + b] = qn;
                float x0 = x0a[h0 + b];
                float dx = x1a[h1 + b] - x0;
                float r = x0 + fp * dx;
                dw += r * gn;
                dl += r * qn;
                dd += gn * dx;
            }
            gsrc = gtr;
            goff = ts;
        } else {
            final float[] gaNxt = gaNext;
            for (int b = b0; b < b1; b++) {
                float gn = gaCur[gaOff + b];
                float x0 = x0a[h0 + b];
                float dx = x1a[h1 + b] - x0;
                float r = x0 + fp * dx;
                dw += r * gn;
                dl += r * gaNxt[gaOff + b];
                dd += gn * dx;
            }
            gsrc = gaCur;
            goff = gaOff;
        }
        accW[j] += dw;
        accL[j] += dl;
        accD[j] += dd;
        if (tm >= 0) {
            int g0 = pushRow(u, tau, kk);
            float a0 = c0[j];
            if (tm >= 1) {
                int g1 = pushRow(u, tau, kk + 1);
                float a1 = c1[j];
                for (int b = b0; b < b1; b++) {
                    float gn = gsrc[goff + b];
                    gv[g0 + b] += a0 * gn;
                    gv[g1 + b] += a1 * gn;
                }
            } else {
                for (int b = b0; b < b1; b++) gv[g0 + b] += a0 * gsrc[goff + b];
            }
        }
    }

    /** Offset of the adjoint row of {@code x_u(tau − back)} in the ring ({@code 0 <= tau − back}, {@code back < gSlots}). */
    final int pushRow(int u, int tau, int back) {
        int slot = tau % gSlots - back;
        if (slot < 0) slot += gSlots;
        return (u * gSlots + slot) * plan.batch;
    }

    /** Completes node u at step tau: adds the loss seeds, forms ∂L/∂a, the bias and input gradients, clears the slot. */
    void finish(int tau, int u) {
        final int B = plan.batch;
        final float[] gv = g;
        final int go = (u * gSlots + tau % gSlots) * B;
        seeds.addTo(tau, u, gv, go);
        int io = in.offset(tau, u, B);
        int ao = u * B;
        if (plan.input[u]) {
            if (io >= 0) for (int b = 0; b < B; b++) gInputs[io + b] += gv[go + b];
            for (int b = 0; b < B; b++) ga[ao + b] = 0f;
        } else {
            int xo = (u * history.slots + history.slot(tau)) * B;
            gBias[u] += derivative(plan.activation[u], h, xo, gv, go, ga, ao, 0, B);
            float[] a = ga;
            if (io >= 0) for (int b = 0; b < B; b++) gInputs[io + b] += a[ao + b];
        }
        for (int b = 0; b < B; b++) gv[go + b] = 0f;
    }

    /**
     * Lanes {@code [b0, b1)}: {@code a = g·φ'} from the state adjoint {@code g} and the output
     * {@code x} (relu: g where x > 0, else 0); returns their sum.
     */
    float derivative(byte act, float[] x, int xo, float[] g, int go, float[] a, int ao, int b0, int b1) {
        switch (act) {
            case Act.RELU:
                for (int b = b0; b < b1; b++) a[ao + b] = x[xo + b] > 0f ? g[go + b] : 0f;
                break;
            case Act.TANH:
                for (int b = b0; b < b1; b++) a[ao + b] = g[go + b] * (1f - x[xo + b] * x[xo + b]);
                break;
            case Act.SIGMOID:
                for (int b = b0; b < b1; b++) a[ao + b] = g[go + b] * (x[xo + b] * (1f - x[xo + b]));
                break;
            default:
                System.arraycopy(g, go + b0, a, ao + b0, b1 - b0);
        }
        float sum = 0f;
        for (int b = b0; b < b1; b++) sum += a[ao + b];
        return sum;
    }
}
