package org.thousandbrains.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.rules.FiredOnly;

/**
 * The fired-only parameter mask of {@link TemporalOperator#backward(ForwardPass, double[], double[][], byte[])}
 * against an independent reference: the per-sample BPTT gradients (each sample run alone, B = 1), summed
 * over the samples in which the parameter's target node fired. On random graphs with tanh layers,
 * thresholds θ > 0, k-WTA, units, a unit group and leaky recurrent edges, on every execution strategy
 * and both precisions; the mask really drops something, and the input gradients (backpropagation to
 * earlier nodes) are unchanged.
 */
class FiredOnlyMaskTest {
    private static final int T = 4;
    private static final int B = 6;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void maskedGradientIsTheSumOfFiredSamples(long seed) {
        Network net = StrategyContractTest.randomLayered(seed);
        int i = 0;
        for (Neuron v : net.nodes()) if (v.kind() == NodeKind.NEURON && i++ % 3 == 0) v.threshold(0.15);
        CompiledGraph g = GraphCompiler.compile(net);
        Random rng = new Random(seed);
        int nIn = g.inputs().length;
        double[] in = new double[T * nIn * B];
        for (int k = 0; k < in.length; k++) in[k] = rng.nextGaussian();
        double[] dOut = new double[g.outputs().length * B];
        for (int k = 0; k < dOut.length; k++) dOut[k] = rng.nextGaussian();
        int n = g.nodeCount();
        int e = g.edgeCount();
        int[] dst = g.dst();
        for (Precision p : Precision.values()) {
            // reference: per-sample gradients, masked by "fired in that sample"
            double[] rw = new double[e];
            double[] rd = new double[e];
            double[] rl = new double[e];
            double[] rb = new double[n];
            int dropped = 0;
            for (int b = 0; b < B; b++) {
                TemporalOperator one = TemporalOperator.of(g).strategy(Strategy.CSR).precision(p);
                double[] in1 = new double[T * nIn];
                for (int k = 0; k < T * nIn; k++) in1[k] = in[k * B + b];
                double[] d1 = new double[g.outputs().length];
                for (int o = 0; o < d1.length; o++) d1[o] = dOut[o * B + b];
                try (ForwardPass f = one.forward(Inputs.perStep(one.inputNodes(), T, 1, in1), T, 1, null)) {
                    boolean[] fired = f.firedAtAnyStep();
                    Gradients gr = one.backward(f, d1);
                    for (int q = 0; q < e; q++) {
                        if (!fired[dst[q]]) continue;
                        rw[q] += gr.weight()[q];
                        rd[q] += gr.delay()[q];
                        rl[q] += gr.leak()[q];
                    }
                    for (int v = 0; v < n; v++) {
                        if (fired[v]) rb[v] += gr.bias()[v];
                        else if (!g.isInput(v)) dropped++;
                    }
                }
            }
            assertTrue(dropped > 0, "some node never fired in some sample");
            for (Strategy s : Strategy.values()) {
                TemporalOperator op = TemporalOperator.of(g).strategy(s).precision(p).threads(2);
                try (ForwardPass f = op.forward(Inputs.perStep(op.inputNodes(), T, B, in), T, B, null)) {
                    Gradients plain = op.backward(f, dOut);
                    Gradients masked = op.backward(f, dOut, null, FiredOnly.fired(f));
                    double tol = p == Precision.FLOAT64 ? 1e-11 : 2e-4;
                    String what = s + " " + p + " seed " + seed;
                    close(rw, masked.weight(), tol, what + " grad w");
                    close(rd, masked.delay(), tol, what + " grad d");
                    close(rl, masked.leak(), tol, what + " grad lam");
                    close(rb, masked.bias(), tol, what + " grad b");
                    close(plain.inputs(), masked.inputs(), tol, what + " grad I (backprop unchanged)");
                    double diff = 0;
                    for (int v = 0; v < n; v++) diff = Math.max(diff, Math.abs(plain.bias()[v] - masked.bias()[v]));
                    assertTrue(diff > 1e-6, what + ": the mask changes the bias gradient");
                }
            }
        }
    }

    private static void close(double[] want, double[] got, double tol, String what) {
        assertEquals(want.length, got.length, what + " length");
        double scale = 1;
        for (double w : want) scale = Math.max(scale, Math.abs(w));
        for (int k = 0; k < want.length; k++) assertEquals(want[k], got[k], tol * scale, what + " [" + k + "]");
    }
}
