package org.thousandbrains.ops;

/** Drives one forward pass: history set-up, the steps wave by wave over the workers, readout and recording. */
final class ForwardRun {
    private final TemporalOperator owner;
    private final Plan plan;
    private final History history;
    private final Inputs.Bound in;
    private final int meanOfLast;
    private final int[] outputs;
    private final double[] x0;
    private final boolean record;
    private final Workers workers;
    private final Buffers buffers;
    private final boolean simd;

    ForwardRun(TemporalOperator owner, Plan plan, History history, Inputs.Bound in, int meanOfLast, int[] outputs,
               double[] x0, boolean record, Workers workers, Buffers buffers, boolean simd) {
        this.owner = owner;
        this.plan = plan;
        this.history = history;
        this.in = in;
        this.meanOfLast = meanOfLast;
        this.outputs = outputs.clone();
        this.x0 = x0;
        this.record = record;
        this.workers = workers;
        this.buffers = buffers;
        this.simd = simd;
    }

    ForwardPass run() {
        int n = plan.n;
        int B = plan.batch;
        int T = plan.steps;
        int length = Sizes.check("state history N*(T+reach+1)*B", (long) n * history.slots * B);
        int traceLength = plan.traced * B;
        if (record) {
            Sizes.check("recorded pre-activations T*N*B", (long) T * n * B);
            Sizes.check("recorded traces T*E*B", (long) T * plan.e * B);
        }
        double[] readout = new double[outputs.length * B];
        if (plan.precision == Precision.FLOAT32) {
            // Every slot is written before it is read, except x(0): set it here.
            float[] h = buffers.floatsUncleared(length);
            for (int v = 0; v < n; v++) {
                int o = (v * history.slots + history.slot(0)) * B;
                for (int b = 0; b < B; b++) h[o + b] = x0 == null ? 0f : (float) x0[v * B + b];
            }
            float[] trace = buffers.floats(traceLength);
            float[] a = record ? new float[T * n * B] : null;
            float[] s = record ? new float[T * plan.e * B] : null;
            Forward32 kernel = Simd.forward(simd, plan, history, h, trace, in, a);
            for (int t = 1; t <= T; t++) {
                final int step = t;
                for (int w = 0; w < plan.schedule.waves(); w++) {
                    final int[] tasks = plan.forwardTasks[w];
                    workers.run(plan.parts, i -> kernel.rows(step, tasks, i));
                }
                if (t > T - meanOfLast) {
                    for (int o = 0; o < outputs.length; o++) {
                        int off = (outputs[o] * history.slots + history.slot(t)) * B;
                        for (int b = 0; b < B; b++) readout[o * B + b] += h[off + b];
                    }
                }
                if (record) System.arraycopy(trace, 0, s, (t - 1) * plan.e * B, plan.e * B);
            }
            buffers.give(trace);
            scale(readout);
            return new ForwardPass(owner, plan, history, in, meanOfLast, outputs, h, null, readout, a, null, s, null);
        }
        double[] h = buffers.doublesUncleared(length);
        for (int v = 0; v < n; v++) {
            int o = (v * history.slots + history.slot(0)) * B;
            if (x0 == null) java.util.Arrays.fill(h, o, o + B, 0.0);
            else System.arraycopy(x0, v * B, h, o, B);
        }
        double[] trace = buffers.doubles(traceLength);
        double[] a = record ? new double[T * n * B] : null;
        double[] s = record ? new double[T * plan.e * B] : null;
        Forward64 kernel = new Forward64(plan, history, h, trace, in, a);
        for (int t = 1; t <= T; t++) {
            final int step = t;
            for (int w = 0; w < plan.schedule.waves(); w++) {
                final int[] tasks = plan.forwardTasks[w];
                workers.run(plan.parts, i -> kernel.rows(step, tasks, i));
            }
            if (t > T - meanOfLast) {
                for (int o = 0; o < outputs.length; o++) {
                    int off = (outputs[o] * history.slots + history.slot(t)) * B;
                    for (int b = 0; b < B; b++) readout[o * B + b] += h[off + b];
                }
            }
            if (record) System.arraycopy(trace, 0, s, (t - 1) * plan.e * B, plan.e * B);
        }
        buffers.give(trace);
        scale(readout);
        return new ForwardPass(owner, plan, history, in, meanOfLast, outputs, null, h, readout, null, a, null, s);
    }

    private void scale(double[] readout) {
        if (meanOfLast == 1) return;
        double inv = 1.0 / meanOfLast;
        for (int i = 0; i < readout.length; i++) readout[i] *= inv;
    }
}
