package org.thousandbrains.ops;

/**
 * Drives one backward pass: steps {@code T..1}; within a step the instant waves in reverse (their
 * instant out-edges, then node completion), then every other edge per source; finally the per-edge
 * sums are mapped back to CSR order and scaled by {@code w} where the chain rule asks for it.
 */
final class BackwardRun {
    private final ForwardPass pass;
    private final BackwardSeeds seeds;
    private final Workers workers;
    private final Buffers buffers;
    private final boolean simd;

    BackwardRun(ForwardPass pass, BackwardSeeds seeds, Workers workers, Buffers buffers, boolean simd) {
        this.pass = pass;
        this.seeds = seeds;
        this.workers = workers;
        this.buffers = buffers;
        this.simd = simd;
    }

    Gradients run() {
        Plan plan = pass.plan;
        BackwardEdges be = new BackwardEdges(plan);
        Schedule s = plan.schedule;
        if (plan.precision == Precision.FLOAT32) {
            Backward32 k = Simd.backward(simd, plan, be, seeds, pass.history, pass.hF, buffers, pass.inputs);
            for (int tau = plan.steps; tau >= 1; tau--) {
                final int t = tau;
                for (int w = s.waves() - 1; w >= 0; w--) {
                    final int[] tasks = be.waveTasks[w];
                    workers.run(plan.parts, i -> {
                        float[] scratch = k.scratch();
                        for (int pos = tasks[4 * i]; pos < tasks[4 * i + 1]; pos++) {
                            int u = s.node(pos);
                            k.edges(t, u, be.start[u], be.instantEnd[u], scratch);
                            k.finish(t, u);
                        }
                    });
                }
                workers.run(plan.parts, i -> {
                    float[] scratch = k.scratch();
                    for (int u = be.edgeTasks[4 * i]; u < be.edgeTasks[4 * i + 1]; u++) {
                        k.edges(t, u, be.instantEnd[u], be.start[u + 1], scratch);
                    }
                });
                k.swapStep();
            }
            float[] x0f = k.initialState();
            double[] x0 = new double[x0f.length];
            for (int i = 0; i < x0.length; i++) x0[i] = x0f[i];
            Gradients gr = collect(plan, be, k.accW, k.accL, k.accD, k.gBias, k.gInputs, null, x0);
            k.release(buffers);
            return gr;
        }
        Backward64 k = new Backward64(plan, be, seeds, pass.history, pass.hD, buffers, pass.inputs);
        for (int tau = plan.steps; tau >= 1; tau--) {
            final int t = tau;
            for (int w = s.waves() - 1; w >= 0; w--) {
                final int[] tasks = be.waveTasks[w];
                workers.run(plan.parts, i -> {
                    for (int pos = tasks[4 * i]; pos < tasks[4 * i + 1]; pos++) {
                        int u = s.node(pos);
                        k.edges(t, u, be.start[u], be.instantEnd[u], null);
                        k.finish(t, u);
                    }
                });
            }
            workers.run(plan.parts, i -> {
                for (int u = be.edgeTasks[4 * i]; u < be.edgeTasks[4 * i + 1]; u++) {
                    k.edges(t, u, be.instantEnd[u], be.start[u + 1], null);
                }
            });
            k.swapStep();
        }
        Gradients gr = collect(plan, be, k.accW, k.accL, k.accD, k.gBias, null, k.gInputs, k.initialState());
        k.release(buffers);
        return gr;
    }

    private Gradients collect(Plan plan, BackwardEdges be, double[] accW, double[] accL, double[] accD, double[] gBias,
                              float[] gInF, double[] gInD, double[] x0) {
        int e = plan.e;
        double[] gw = new double[e];
        double[] gl = new double[e];
        double[] gd = new double[e];
        for (int j = 0; j < e; j++) {
            int p = be.edgeOf[j];
            gw[p] = accW[j];
            gl[p] = plan.w[p] * accL[j];
            gd[p] = plan.w[p] * accD[j];
        }
        double[] direct = seeds.initial();
        if (direct != null) for (int i = 0; i < x0.length; i++) x0[i] += direct[i];
        return new Gradients(gw, gd, gl, gBias, gInF, gInD, x0);
    }
}
