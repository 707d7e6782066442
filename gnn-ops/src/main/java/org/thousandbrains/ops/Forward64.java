package org.thousandbrains.ops;

/**
 * The fused float64 forward step over a range of target rows and batch lanes: for each edge of a row
 * it reads the source's two neighbouring past states, interpolates, updates the edge's trace if it
 * has one and accumulates {@code w·s} into the row, then applies the activation (or the clamp of an
 * input node) and writes {@code x_v(t)}. No per-edge temporaries: one {@code B}-vector per thread.
 * The twin {@link Forward32} is the same code in float.
 */
final class Forward64 {
    final Plan plan;
    final History history;
    final double[] h;
    final double[] trace;
    final Inputs.Bound in;
    final double[] preActivations;
    /** The state of every node before step 0. */
    final double[] zeros;

    Forward64(Plan plan, History history, double[] h, double[] trace, Inputs.Bound in, double[] preActivations) {
        this.plan = plan;
        this.history = history;
        this.h = h;
        this.trace = trace;
        this.in = in;
        this.preActivations = preActivations;
        this.zeros = new double[plan.batch];
    }

    /** Computes {@code x(t)} for the rows and lanes of task {@code i} of {@code tasks}. */
    void rows(int t, int[] tasks, int i) {
        int r0 = tasks[4 * i];
        int r1 = tasks[4 * i + 1];
        int b0 = tasks[4 * i + 2];
        int b1 = tasks[4 * i + 3];
        if (r0 >= r1 || b0 >= b1) return;
        final int B = plan.batch;
        final double[] acc = new double[B];
        final int aBase = preActivations == null ? -1 : (t - 1) * plan.n * B;
        final int slotT = history.slot(t);
        for (int r = r0; r < r1; r++) {
            int v = plan.schedule.node(r);
            int io = in.offset(t, v, B);
            accumulate(t, v, io, b0, b1, acc);
            if (aBase >= 0) System.arraycopy(acc, b0, preActivations, aBase + v * B + b0, b1 - b0);
            int out = (v * history.slots + slotT) * B;
            if (plan.input[v]) {
                if (io >= 0) System.arraycopy(in.d, io + b0, h, out + b0, b1 - b0);
                else for (int b = b0; b < b1; b++) h[out + b] = 0.0;
            } else {
                activate(plan.activation[v], acc, h, out, b0, b1);
            }
        }
    }

    /** {@code acc[b0..b1) = b_v + I_v(t) + Σ w·s} over the in-edges of v, updating their traces. */
    void accumulate(int t, int v, int io, int b0, int b1, double[] acc) {
        final int B = plan.batch;
        final int slots = history.slots;
        final int slotT = history.slot(t);
        final int[] src = plan.graph.src();
        final int[] k = plan.k;
        final double[] w = plan.w;
        final double[] f = plan.frac;
        final double[] lam = plan.lam;
        final int[] tr = plan.traceOffset;
        final double[] x = h;
        final double[] s = trace;
        double bv = plan.bias[v];
        if (io >= 0) {
            final double[] inData = in.d;
            for (int b = b0; b < b1; b++) acc[b] = bv + inData[io + b];
        } else {
            for (int b = b0; b < b1; b++) acc[b] = bv;
        }
        final int[] rowPtr = plan.graph.rowPtr();
        for (int p = rowPtr[v], end = rowPtr[v + 1]; p < end; p++) {
            int kp = k[p];
            int s0 = slotT - kp;
            if (s0 < 0) s0 += slots;
            int s1 = s0 == 0 ? slots - 1 : s0 - 1;
            int base = src[p] * slots;
            double[] x0a = x;
            double[] x1a = x;
            int h0 = (base + s0) * B;
            int h1 = (base + s1) * B;
            if (t - kp < 1) {
                x1a = zeros;
                h1 = 0;
                if (t - kp < 0) {
                    x0a = zeros;
                    h0 = 0;
                }
            }
            double wp = w[p];
            double fp = f[p];
            int ts = tr[p];
            if (ts < 0) {
                for (int b = b0; b < b1; b++) {
                    double x0 = x0a[h0 + b];
                    acc[b] += wp * (x0 + fp * (x1a[h1 + b] - x0));
                }
            } else {
                double lp = lam[p];
                for (int b = b0; b < b1; b++) {
                    double x0 = x0a[h0 + b];
                    double sv = lp * s[ts + b] + (x0 + fp * (x1a[h1 + b] - x0));
                    s[ts + b] = sv;
                    acc[b] += wp * sv;
                }
            }
        }
    }

    private static void activate(byte act, double[] a, double[] x, int out, int b0, int b1) {
        switch (act) {
            case Act.RELU:
                for (int b = b0; b < b1; b++) x[out + b] = Math.max(a[b], 0.0);
                break;
            case Act.TANH:
                for (int b = b0; b < b1; b++) x[out + b] = Math.tanh(a[b]);
                break;
            case Act.SIGMOID:
                for (int b = b0; b < b1; b++) x[out + b] = (1.0 / (1.0 + Math.exp(-a[b])));
                break;
            default:
                System.arraycopy(a, b0, x, out + b0, b1 - b0);
        }
    }
}
