package org.thousandbrains.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.NodeKind;

/**
 * Overseer normalization (DESIGN.md, "Seed mechanisms"): states, per-step statistics and the running
 * mean and variance against a direct implementation written here, over several steps and batches, in
 * training (running and batch statistics) and eval mode; exact gradients (weights, delays, leaks,
 * biases, gains, shifts, through the overseer's out-edges and a k-WTA group) against central
 * differences in float64 in eval mode, where μ and σ² are the constants the backward pass assumes;
 * and training-mode gradients equal to eval-mode ones at the same μ, σ².
 */
class OverseerNormTest {
    private static final int T = 3;
    private static final int B = 4;
    private static final double RHO = 0.1;
    private static final double EPS = 1e-5;

    /** i0, i1 → g0..g2 (relu, instant), g0 → g1 (delay 1), overseer o of g; o → out (delay 1), g2 → out (instant). */
    private static Network small(boolean batchStatistics) {
        Network net = new Network();
        net.settings().delayRange(0, 4).readout(T, 1);
        net.addGroup(new NodeGroup("g").rho(RHO).epsilon(EPS).runningMean(0.2).runningVariance(1.5).batchStatistics(batchStatistics));
        Neuron i0 = net.addNode("i0", NodeKind.INPUT);
        Neuron i1 = net.addNode("i1", NodeKind.INPUT);
        Neuron[] g = new Neuron[3];
        for (int j = 0; j < 3; j++) {
            g[j] = net.addNode("g" + j, NodeKind.NEURON).group("g").bias(0.1 * j - 0.05).gain(1 + 0.25 * j).shift(0.1 - 0.1 * j);
            net.connect(i0, g[j], 0.6 - 0.4 * j, 0, 0);
            net.connect(i1, g[j], -0.3 + 0.5 * j, 0, 0);
        }
        net.connect(g[0], g[1], 0.8, 1, 0);
        Neuron o = net.addNode("o", NodeKind.OVERSEER).group("g");
        Neuron out = net.addNode("out", NodeKind.OUTPUT).bias(0.05);
        net.connect(o, out, 0.7, 1, 0);
        net.connect(g[2], out, 0.5, 0, 0);
        return net;
    }

    /** The direct implementation: states {@code [t][node][b]} of {@link #small} for inputs {@code [t][2][b]}; updates {@code run}. */
    private static double[][][] reference(double[] in, boolean training, boolean batchStatistics, double[] run,
                                          double[] usedMean) {
        double[] w0 = {0.6, 0.2, -0.2};
        double[] w1 = {-0.3, 0.2, 0.7};
        double[] bias = {-0.05, 0.05, 0.15};
        double[] gain = {1, 1.25, 1.5};
        double[] shift = {0.1, 0, -0.1};
        double[][][] x = new double[T + 1][7][B]; // i0 i1 g0 g1 g2 o out
        for (int t = 1; t <= T; t++) {
            double[][] a = new double[3][B];
            for (int b = 0; b < B; b++) {
                x[t][0][b] = in[((t - 1) * 2) * B + b];
                x[t][1][b] = in[((t - 1) * 2 + 1) * B + b];
                for (int j = 0; j < 3; j++) a[j][b] = bias[j] + w0[j] * x[t][0][b] + w1[j] * x[t][1][b];
                a[1][b] += 0.8 * x[t - 1][2][b];
            }
            double m = 0;
            for (double[] row : a) for (double v : row) m += v;
            m /= 3 * B;
            double q = 0;
            for (double[] row : a) for (double v : row) q += (v - m) * (v - m);
            q /= 3 * B;
            double mu = run[0];
            double var = run[1];
            if (training) {
                run[0] = mu = (1 - RHO) * mu + RHO * m;
                run[1] = var = (1 - RHO) * var + RHO * q;
                if (batchStatistics) {
                    mu = m;
                    var = q;
                }
            }
            usedMean[t - 1] = mu;
            for (int b = 0; b < B; b++) {
                double mean = 0;
                for (int j = 0; j < 3; j++) {
                    double hat = gain[j] * (a[j][b] - mu) / Math.sqrt(var + EPS) + shift[j];
                    x[t][2 + j][b] = Math.max(0, hat);
                    mean += x[t][2 + j][b] / 3;
                }
                x[t][5][b] = mean;
                x[t][6][b] = 0.05 + 0.7 * x[t - 1][5][b] + 0.5 * x[t][4][b];
            }
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void statesAndRunningStatisticsFollowTheDirectImplementation(boolean batchStatistics) {
        CompiledGraph g = GraphCompiler.compile(small(batchStatistics));
        Random rng = new Random(7);
        double[] run = {0.2, 1.5};
        for (Precision p : Precision.values()) {
            TemporalOperator op = TemporalOperator.of(g).precision(p).threads(1);
            run[0] = 0.2;
            run[1] = 1.5;
            // two training batches, then eval twice: the running values carry over, eval leaves them alone
            for (int pass = 0; pass < 4; pass++) {
                boolean training = pass < 2;
                double[] in = new double[T * 2 * B];
                for (int i = 0; i < in.length; i++) in[i] = rng.nextGaussian();
                double[] used = new double[T];
                double[][][] want = reference(in, training, batchStatistics, run, used);
                op.training(training);
                try (ForwardPass f = op.forward(Inputs.perStep(op.inputNodes(), T, B, in), T, B, null)) {
                    double tol = p == Precision.FLOAT64 ? 1e-12 : 1e-5;
                    for (int t = 1; t <= T; t++) {
                        double[] x = f.state(t);
                        for (int v = 0; v < 7; v++) {
                            for (int b = 0; b < B; b++) {
                                assertEquals(want[t][v][b], x[v * B + b], tol, p + " pass " + pass + " t=" + t + " node " + g.nodeId(v));
                            }
                        }
                        assertEquals(used[t - 1], f.normMean(t)[0], tol, p + " mean used at t=" + t);
                    }
                }
                double tol = p == Precision.FLOAT64 ? 1e-12 : 1e-6;
                assertEquals(run[0], op.groupState().normMean()[0], tol, p + " running mean after pass " + pass);
                assertEquals(run[1], op.groupState().normVariance()[0], tol, p + " running variance after pass " + pass);
                // continue from the operator's values, as a trainer would (float32 rounds its sums)
                run[0] = op.groupState().normMean()[0];
                run[1] = op.groupState().normVariance()[0];
            }
        }
    }

    @Test
    void inferenceNeverUpdatesTheRunningStatistics() {
        CompiledGraph g = GraphCompiler.compile(small(false));
        TemporalOperator op = TemporalOperator.of(g).training(true);
        double[] in = new double[2 * B];
        java.util.Arrays.fill(in, 0.5);
        op.infer(Inputs.constant(op.inputNodes(), B, in), T, B, null).close();
        assertArrayEquals(new double[] {0.2}, op.groupState().normMean());
        assertArrayEquals(new double[] {1.5}, op.groupState().normVariance());
    }

    /**
     * i → g (plain overseen, tanh, instant leaky edges, a recurrent fractional edge) → k (k-WTA 2 of 4,
     * overseen, tanh) → outputs; overseers' out-edges with fractional delays and leaks into k and out.
     */
    static Network rich(long seed) {
        Random rng = new Random(seed);
        Network net = new Network();
        net.settings().delayRange(0, 4).readout(4, 1);
        net.addGroup(new NodeGroup("g").runningMean(0.1).runningVariance(1.3));
        net.addGroup(new NodeGroup("k").kWinners(2).runningMean(-0.2).runningVariance(0.7));
        Neuron[] in = new Neuron[3];
        for (int i = 0; i < 3; i++) in[i] = net.addNode("i" + i, NodeKind.INPUT);
        Neuron[] g = new Neuron[4];
        Neuron[] k = new Neuron[4];
        for (int j = 0; j < 4; j++) {
            g[j] = net.addNode("g" + j, NodeKind.NEURON, Activation.TANH).group("g");
            for (Neuron u : in) net.connect(u, g[j], rng.nextGaussian(), 0.2 + 0.6 * rng.nextDouble(), 0.5 * rng.nextDouble());
        }
        net.connect(g[1], g[2], 0.7, 1.4, 0.3);
        Neuron og = net.addNode("og", NodeKind.OVERSEER).group("g");
        for (int j = 0; j < 4; j++) {
            k[j] = net.addNode("k" + j, NodeKind.NEURON, Activation.TANH).group("k");
            for (Neuron u : g) net.connect(u, k[j], rng.nextGaussian(), 0.3, 0);
        }
        Neuron ok = net.addNode("ok", NodeKind.OVERSEER).group("k");
        net.connect(og, k[1], 0.9, 1.3, 0.4);
        Neuron[] out = {net.addNode("out0", NodeKind.OUTPUT), net.addNode("out1", NodeKind.OUTPUT)};
        for (Neuron o : out) for (Neuron u : k) net.connect(u, o, rng.nextGaussian(), 0.5, 0);
        net.connect(ok, out[0], 1.1, 2.2, 0.2);
        net.connect(og, out[1], -0.8, 1.5, 0);
        for (Neuron v : net.nodes()) {
            if (v.kind() == NodeKind.INPUT || v.kind() == NodeKind.OVERSEER) continue;
            v.bias(0.3 * rng.nextGaussian()).gain(1 + 0.3 * rng.nextGaussian()).shift(0.2 * rng.nextGaussian());
        }
        return net;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void gradientsMatchCentralDifferencesInEvalMode(long seed) {
        CompiledGraph g = GraphCompiler.compile(rich(seed));
        TemporalOperator op = TemporalOperator.of(g).precision(Precision.FLOAT64).threads(1).strategy(Strategy.CSR);
        int steps = g.steps();
        int batch = 3;
        Random rng = new Random(seed + 100);
        double[] in = new double[steps * 3 * batch];
        for (int i = 0; i < in.length; i++) in[i] = rng.nextGaussian();
        double[] c = new double[2 * batch];
        for (int i = 0; i < c.length; i++) c[i] = rng.nextGaussian();
        double[][] dStates = new double[steps + 1][];
        for (int t = 1; t <= steps; t++) {
            dStates[t] = new double[g.nodeCount() * batch];
            for (int i = 0; i < dStates[t].length; i++) dStates[t][i] = 0.3 * rng.nextGaussian();
        }
        Inputs inputs = Inputs.perStep(op.inputNodes(), steps, batch, in);
        DoubleSupplier loss = () -> {
            try (ForwardPass f = op.infer(inputs, steps, batch, null)) {
                double l = dot(c, f.readout());
                return l;
            }
        };
        DoubleSupplier fullLoss = () -> {
            try (ForwardPass f = op.forward(inputs, steps, batch, null)) {
                double l = dot(c, f.readout());
                for (int t = 1; t <= steps; t++) l += dot(dStates[t], f.state(t));
                return l;
            }
        };
        Gradients gr;
        try (ForwardPass f = op.forward(inputs, steps, batch, null)) {
            gr = op.backward(f, c, dStates);
        }
        Parameters p = op.parameters();
        compare("weight", gr.weight(), p.weight(), fullLoss);
        compare("delay", gr.delay(), p.delay(), fullLoss);
        compare("leak", gr.leak(), p.leak(), fullLoss);
        compare("bias", gr.bias(), p.bias(), fullLoss);
        compare("gain", gr.gain(), p.gain(), fullLoss);
        compare("shift", gr.shift(), p.shift(), fullLoss);
        // the overseers' out-edges carry gradient (they are read), and the overseers' biases none
        int[] src = g.src();
        boolean seen = false;
        for (int e = 0; e < g.edgeCount(); e++) seen |= g.groupStructure().isOverseer(src[e]) && gr.weight()[e] != 0;
        assertTrue(seen, "no gradient on an overseer's out-edge");
        for (int o : g.groupStructure().normOverseer()) assertEquals(0.0, gr.bias()[o], 0.0);
        assertTrue(Math.abs(loss.getAsDouble()) > 0);
    }

    /**
     * Training mode treats the statistics as constants: with T = 1 its gradients equal those of an eval
     * pass whose frozen μ, σ² are the ones training normalised with (running or batch statistics).
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void trainingGradientsTreatTheStatisticsAsConstants(boolean batchStatistics) {
        Network net = rich(4);
        net.settings().readout(1, 1);
        for (NodeGroup grp : net.groups().values()) grp.batchStatistics(batchStatistics).rho(0.3);
        CompiledGraph g = GraphCompiler.compile(net);
        int batch = 5;
        Random rng = new Random(11);
        double[] in = new double[3 * batch];
        for (int i = 0; i < in.length; i++) in[i] = rng.nextGaussian();
        double[] c = new double[2 * batch];
        for (int i = 0; i < c.length; i++) c[i] = rng.nextGaussian();
        TemporalOperator train = TemporalOperator.of(g).precision(Precision.FLOAT64).training(true);
        Gradients gt;
        double[] mean;
        double[] var;
        double[] readout;
        try (ForwardPass f = train.forward(Inputs.constant(train.inputNodes(), batch, in), 1, batch, null)) {
            mean = f.normMean(1);
            var = f.normVariance(1);
            readout = f.readout();
            gt = train.backward(f, c);
        }
        TemporalOperator eval = TemporalOperator.of(g).precision(Precision.FLOAT64);
        eval.groupState().setNormalization(mean, var);
        try (ForwardPass f = eval.forward(Inputs.constant(eval.inputNodes(), batch, in), 1, batch, null)) {
            assertArrayEquals(readout, f.readout(), 1e-12);
            Gradients ge = eval.backward(f, c);
            assertArrayEquals(ge.weight(), gt.weight(), 1e-12);
            assertArrayEquals(ge.bias(), gt.bias(), 1e-12);
            assertArrayEquals(ge.gain(), gt.gain(), 1e-12);
            assertArrayEquals(ge.shift(), gt.shift(), 1e-12);
        }
        assertArrayEquals(mean, eval.groupState().normMean(), 0.0, "eval left the running mean alone");
    }

    private static void compare(String what, double[] grad, double[] values, DoubleSupplier loss) {
        double h = 1e-6;
        for (int i = 0; i < values.length; i++) {
            double keep = values[i];
            if (what.equals("leak") && keep < 2 * h) continue; // λ = 0 sits on the edge of [0, 1)
            values[i] = keep + h;
            double up = loss.getAsDouble();
            values[i] = keep - h;
            double down = loss.getAsDouble();
            values[i] = keep;
            double fd = (up - down) / (2 * h);
            assertEquals(fd, grad[i], 1e-6 * (1 + Math.abs(fd)), what + " [" + i + "]");
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
