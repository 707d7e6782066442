package org.thousandbrains.ops;

import org.thousandbrains.graph.compile.CompiledGraph;

/**
 * Everything one pass needs from the parameters, taken at its start so that the backward pass sees
 * exactly the values the forward pass used: integer and fractional part of each delay, the
 * parameters in the pass's precision, which edges carry a trace (nonzero leak), the wave schedule
 * and the fixed work partitions.
 */
final class Plan {
    final CompiledGraph graph;
    final Precision precision;
    final int n;
    final int e;
    final int steps;
    final int batch;
    /** ⌊d⌋ per edge (CSR order). */
    final int[] k;
    /** Snapshots of the parameters (double, always kept). */
    final double[] w;
    final double[] frac;
    final double[] lam;
    final double[] bias;
    /** The same in float, for FLOAT32 passes (null otherwise). */
    final float[] wF;
    final float[] fracF;
    final float[] lamF;
    final float[] biasF;
    /** Offset of edge e's trace in the trace buffer (already times B), or -1 when it needs none. */
    final int[] traceOffset;
    final int traced;
    /** Largest ⌊d⌋ and the farthest step back any read reaches ({@code maxK + 1}). */
    final int maxK;
    final int reach;
    final byte[] activation;
    final boolean[] input;
    final Schedule schedule;
    final int parts;
    /** Threads that share the parts. */
    final int threads;
    /** Forward tasks per wave (see {@link Split}). */
    final int[][] forwardTasks;

    Plan(CompiledGraph g, Parameters p, Precision precision, int steps, int batch, int threads, boolean traceAll) {
        this.graph = g;
        this.precision = precision;
        this.n = g.nodeCount();
        this.e = g.edgeCount();
        this.steps = steps;
        this.batch = batch;
        this.w = p.weight().clone();
        this.lam = p.leak().clone();
        this.bias = p.bias().clone();
        double[] d = p.delay();
        this.k = new int[e];
        this.frac = new double[e];
        int mk = 0;
        for (int q = 0; q < e; q++) {
            check(g, q, w[q], d[q], lam[q]);
            int kq = (int) Math.floor(d[q]);
            k[q] = kq;
            frac[q] = d[q] - kq;
            mk = Math.max(mk, kq);
        }
        for (int v = 0; v < n; v++) {
            if (!Double.isFinite(bias[v])) throw new IllegalStateException("node '" + g.nodeId(v) + "': bias is " + bias[v]);
        }
        this.maxK = mk;
        this.reach = mk + 1;
        this.traceOffset = new int[e];
        int count = 0;
        for (int q = 0; q < e; q++) {
            traceOffset[q] = traceAll || lam[q] != 0.0 ? count++ : -1;
        }
        this.traced = count;
        Sizes.check("traces E_leaky*B", (long) count * batch);
        for (int q = 0; q < e; q++) if (traceOffset[q] >= 0) traceOffset[q] *= batch;
        if (precision == Precision.FLOAT32) {
            wF = toFloats(w);
            fracF = toFloats(frac);
            lamF = toFloats(lam);
            biasF = toFloats(bias);
        } else {
            wF = fracF = lamF = biasF = null;
        }
        this.activation = new byte[n];
        this.input = new boolean[n];
        for (int v = 0; v < n; v++) {
            activation[v] = (byte) g.activations()[v].ordinal();
            input[v] = g.isInput(v);
        }
        this.schedule = Schedule.of(g, k);
        long work = ((long) e + n) * batch;
        this.parts = Split.parts(work, threads);
        this.threads = parts == 1 ? 1 : threads;
        int[] rowPtr = g.rowPtr();
        this.forwardTasks = new int[schedule.waves()][];
        for (int wv = 0; wv < schedule.waves(); wv++) {
            forwardTasks[wv] = Split.tasks(schedule.wavePtr[wv], schedule.wavePtr[wv + 1], batch, parts, true, i -> {
                int v = schedule.node(i);
                return rowPtr[v + 1] - rowPtr[v] + 1;
            });
        }
    }

    private static void check(CompiledGraph g, int q, double w, double d, double lam) {
        String what = null;
        if (!(d >= 0 && d <= g.dMax())) what = "delay " + d + " outside [0, d_max=" + g.dMax() + "]";
        else if (!(lam >= 0 && lam < 1)) what = "leak " + lam + " outside [0, 1)";
        else if (!Double.isFinite(w)) what = "weight is " + w;
        if (what != null) {
            throw new IllegalStateException("edge #" + q + " '" + g.nodeId(g.src()[q]) + "' -> '" + g.nodeId(g.dst()[q])
                    + "': " + what + " (Parameters.clamp() restores the admissible range)");
        }
    }

    private static float[] toFloats(double[] a) {
        float[] r = new float[a.length];
        for (int i = 0; i < a.length; i++) r[i] = (float) a[i];
        return r;
    }
}
