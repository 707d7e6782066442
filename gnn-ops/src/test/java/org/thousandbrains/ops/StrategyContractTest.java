package org.thousandbrains.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.thousandbrains.graph.build.LayeredNetwork;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Synapse;

/**
 * The contract of DESIGN.md "Execution strategies": on random layered graphs with k-WTA groups,
 * units with inner recursion, a unit group, lateral leaky edges, extra recurrent edges with
 * fractional delays and leaks, and instant feed-forward layers, every strategy computes the states,
 * readout, firing, duty cycles and all gradients (w, d, λ, b, I, x0) of the reference CSR path — to
 * 1e-12 in float64 and float32 rounding in float32 — the dense strategy really runs blocks and the
 * sparse-sparse one really runs its kernel.
 */
class StrategyContractTest {
    private static final int T = 4;
    private static final int B = 5;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void everyStrategyMatchesCsr(long seed) {
        everyStrategyMatchesCsr(seed, false);
    }

    /** The same with overseer normalization on the k-WTA layer and on the sparse layer, whose overseer feeds the units. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void everyStrategyMatchesCsrWithOverseers(long seed) {
        everyStrategyMatchesCsr(seed, true);
    }

    private void everyStrategyMatchesCsr(long seed, boolean overseers) {
        CompiledGraph g = GraphCompiler.compile(randomLayered(seed, overseers));
        Random rng = new Random(seed);
        int n = g.nodeCount();
        int nIn = g.inputs().length;
        double[] in = GradientCheckTest.gaussian(rng, T * nIn * B);
        double[] x0 = seed % 2 == 0 ? null : GradientCheckTest.gaussian(rng, n * B, 0.3);
        double[] dOut = GradientCheckTest.gaussian(rng, g.outputs().length * B);
        double[][] dStates = new double[T + 1][];
        dStates[2] = GradientCheckTest.gaussian(rng, n * B, 0.1);
        for (Precision p : Precision.values()) {
            Result csr = run(g, Strategy.CSR, p, in, x0, dOut, dStates, seed % 3 == 0);
            for (Strategy s : new Strategy[] {Strategy.BLOCKS, Strategy.SPARSE, Strategy.AUTO}) {
                TemporalOperator probe = TemporalOperator.of(g).strategy(s);
                if (s == Strategy.BLOCKS) assertTrue(probe.denseBlocksInUse(T, B) >= 2, "blocks strategy runs no dense block");
                Result other = run(g, s, p, in, x0, dOut, dStates, seed % 3 == 0);
                String what = s + " " + p + " seed " + seed;
                if (s == Strategy.SPARSE) assertTrue(other.sparseProducts > 0, what + ": no sparse-sparse product ran");
                same(csr, other, p, what);
            }
        }
    }

    /**
     * Sparse-sparse on the layers it is made for: k-WTA groups (10% and 20% winners) feeding masked
     * weights of 30% and 40% (dense rows; seeds 5 to 8: 4%, index lists) and a dense output layer
     * (dense rows), instant or delay 1, every parameter learnable, half the inputs zero, loss seeds on the
     * readout and on states: SPARSE and AUTO give the CSR path's states and gradients. Seeds 3, 4, 7 and 8 run a
     * batch of 37, wider than a vector of floats, so that the vector kernels (k-WTA tiles, the sums' transposed
     * add) run besides their scalar tails; the others a batch of 5, which only the scalar code serves.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void sparseSparseMatchesCsrOnKwtaLayers(long seed) {
        boolean lists = seed > 4;
        int batch = (seed - 1) % 4 >= 2 ? 37 : B;
        assertTrue(SparseCost.indexed(0.04), "index lists at 4% weights");
        assertFalse(SparseCost.indexed(0.3), "dense rows at 30% weights");
        Network net = LayeredNetwork.builder().inputs(20).sparse(40, lists ? 0.04 : 0.3, Activation.RELU).kWinners(0.1)
                .sparse(30, lists ? 0.04 : 0.4, Activation.IDENTITY).kWinners(0.2).outputs(5).delay(seed % 2 == 0 ? 0.0 : 1.0)
                .learnable(Learnable.ALL).seed(seed).build();
        net.settings().delayRange(0, 4);
        CompiledGraph g = GraphCompiler.compile(net);
        Random rng = new Random(seed);
        // half the inputs zero, as pixels are
        double[] in = halfZero(rng, T * g.inputs().length * batch);
        double[] x0 = seed % 2 == 0 ? null : halfZero(rng, g.nodeCount() * batch);
        double[] dOut = GradientCheckTest.gaussian(rng, g.outputs().length * batch);
        double[][] dStates = new double[T + 1][];
        dStates[1] = GradientCheckTest.gaussian(rng, g.nodeCount() * batch, 0.1);
        for (Precision p : Precision.values()) {
            Result csr = run(g, Strategy.CSR, p, in, x0, dOut, dStates, seed % 3 != 0, batch);
            for (Strategy s : new Strategy[] {Strategy.SPARSE, Strategy.AUTO}) {
                Result other = run(g, s, p, in, x0, dOut, dStates, seed % 3 != 0, batch);
                String what = s + " " + p + " seed " + seed;
                if (s == Strategy.SPARSE) assertTrue(other.sparseProducts >= 2L * 3 * T, what + ": " + other.sparseProducts + " sparse-sparse products");
                same(csr, other, p, what);
            }
        }
    }

    /**
     * Dense rows too large for the second-level cache, whose listed rows the kernel adds whole instead of summing
     * them slice by slice in registers: a 600-wide k-WTA layer (5% winners) into a 520-wide one through 30% weights
     * (312 000 matrix entries, beyond the 262 144 of float32 and the 131 072 of float64 that stay summed in
     * registers), both the forward and the propagation of that block; instant or delay 1. SPARSE and AUTO give the
     * CSR path's states and gradients.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void sparseSparseMatchesCsrOnWideDenseRows(long seed) {
        int batch = 37;
        Network net = LayeredNetwork.builder().inputs(30).sparse(600, 0.3, Activation.RELU).kWinners(0.05)
                .sparse(520, 0.3, Activation.IDENTITY).kWinners(0.1).outputs(5).delay(seed % 2 == 0 ? 0.0 : 1.0)
                .seed(seed).build();
        CompiledGraph g = GraphCompiler.compile(net);
        Drive d = new Drive(g, seed, batch);
        for (Precision p : Precision.values()) {
            Result csr = run(g, Strategy.CSR, p, d.in, null, d.dOut, d.dStates, true, batch);
            for (Strategy s : new Strategy[] {Strategy.SPARSE, Strategy.AUTO}) {
                Result other = run(g, s, p, d.in, null, d.dOut, d.dStates, true, batch);
                String what = s + " " + p + " seed " + seed;
                if (s == Strategy.SPARSE) assertTrue(other.sparseProducts > 0, what + ": no sparse-sparse product ran");
                same(csr, other, p, what);
            }
        }
    }

    /**
     * The sparse-weight rows on the layers AUTO gives them (weights between the index lists' ≈ 17% and
     * {@link Strategy#AUTO_ROWS_MAX_DENSITY}, batches from {@link Strategy#AUTO_ROWS_MIN_BATCH}, weight gradients
     * only): pixel-like inputs half zero into 20% weights and a k-WTA group, 22% weights into a second one, a dense
     * readout; instant or delay 1, loss seeds on the readout and on states. AUTO gives the CSR path's states and
     * gradients, in both precisions, at batches of 128 (whole eight-vector blocks), 135 (a scalar tail) and 200
     * (whole vectors after the blocks), unbound and with the weights bound in place (float32, as a trainer binds them).
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void sparseWeightRowsMatchCsr(long seed) {
        int batch = new int[] {128, 135, 200}[(int) (seed - 1) % 3];
        Network net = LayeredNetwork.builder().inputs(50).sparse(70, 0.2, Activation.IDENTITY).kWinners(0.1)
                .sparse(40, 0.22, Activation.RELU).kWinners(0.2).outputs(5).delay(seed % 2 == 0 ? 0.0 : 1.0)
                .seed(seed).build();
        rowsMatchCsr(net, seed, batch, 2L * (2 * T - 1));
    }

    /**
     * The sparse-weight rows forming only the weight gradients of the GEMM's blocks into k-WTA groups (weights above
     * {@link Strategy#AUTO_ROWS_MAX_DENSITY}: 40% and 50% into groups 10% and 20% active): AUTO gives the CSR path's
     * states and gradients, likewise, unbound and bound.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void rowWeightGradientsOfGemmBlocksMatchCsr(long seed) {
        int batch = new int[] {128, 135, 200}[(int) (seed - 1) % 3];
        Network net = LayeredNetwork.builder().inputs(50).sparse(70, 0.4, Activation.IDENTITY).kWinners(0.1)
                .sparse(40, 0.5, Activation.RELU).kWinners(0.2).outputs(5).delay(seed % 2 == 0 ? 0.0 : 1.0)
                .seed(seed).build();
        rowsMatchCsr(net, seed, batch, 1);
    }

    /** Inputs half zero (as pixels are), a readout gradient and state seeds at step 1, drawn from {@code seed}. */
    private static final class Drive {
        final double[] in;
        final double[] dOut;
        final double[][] dStates = new double[T + 1][];

        Drive(CompiledGraph g, long seed, int batch) {
            Random rng = new Random(seed);
            in = halfZero(rng, T * g.inputs().length * batch);
            dOut = GradientCheckTest.gaussian(rng, g.outputs().length * batch);
            dStates[1] = GradientCheckTest.gaussian(rng, g.nodeCount() * batch, 0.1);
        }
    }

    /** AUTO against CSR on {@code net}, with at least {@code minProducts} products of the sparse rows in each precision. */
    private void rowsMatchCsr(Network net, long seed, int batch, long minProducts) {
        for (Synapse s : net.synapses()) s.weight((float) s.weight());
        CompiledGraph g = GraphCompiler.compile(net);
        Drive d = new Drive(g, seed, batch);
        double[] in = d.in;
        double[] dOut = d.dOut;
        double[][] dStates = d.dStates;
        for (Precision p : Precision.values()) {
            Result csr = run(g, Strategy.CSR, p, in, null, dOut, dStates, true, batch, true);
            Result auto = run(g, Strategy.AUTO, p, in, null, dOut, dStates, true, batch, true);
            String what = "AUTO " + p + " seed " + seed + " batch " + batch;
            assertTrue(auto.rowsProducts >= minProducts, what + ": " + auto.rowsProducts + " products of the sparse rows");
            same(csr, auto, p, what);
        }
        int e = g.edgeCount();
        Result free = run(g, Strategy.CSR, Precision.FLOAT32, in, null, dOut, null, true, batch, true);
        org.bytedeco.javacpp.FloatPointer w = new org.bytedeco.javacpp.FloatPointer(e);
        org.bytedeco.javacpp.FloatPointer gw = new org.bytedeco.javacpp.FloatPointer(e);
        for (int p = 0; p < e; p++) {
            w.put(p, (float) g.weight()[p]);
            gw.put(p, 0.5f);
        }
        TemporalOperator op = TemporalOperator.of(g).strategy(Strategy.AUTO).precision(Precision.FLOAT32).threads(1)
                .training(true).skipFrozenGradients(true).bindWeights(w, gw);
        java.util.Arrays.fill(op.parameters().weight(), 7.0);
        try (ForwardPass f = op.forward(Inputs.perStep(op.inputNodes(), T, batch, in), T, batch, null)) {
            Gradients gr = op.backward(f, dOut);
            double[] added = new double[e];
            for (int p = 0; p < e; p++) added[p] = gw.get(p) - 0.5f;
            close(free.gw, added, 2e-4, "AUTO bound weight gradients, seed " + seed);
            close(free.gb, gr.bias(), 2e-4, "AUTO bound bias gradients, seed " + seed);
        }
        assertTrue(op.rowsProducts() > 0, "bound: no product of the sparse rows ran");
    }

    /**
     * AUTO gives a block of sparse weights fed by input nodes to the sparse-sparse kernel (the inputs' density is
     * known only when they come): with sparse inputs the kernel runs it, with dense ones its cost model gives it
     * back to the GEMM; the states are the CSR path's either way.
     */
    @Test
    void autoRunsAnInputFedSparseBlockSparseSparseWhenItsInputsAreSparse() {
        Network net = LayeredNetwork.builder().inputs(400).sparse(300, 0.04, Activation.RELU).outputs(5).seed(4).build();
        CompiledGraph g = GraphCompiler.compile(net);
        Random rng = new Random(4);
        double[] sparseIn = new double[g.inputs().length * B];
        double[] denseIn = new double[sparseIn.length];
        for (int i = 0; i < sparseIn.length; i++) {
            denseIn[i] = rng.nextGaussian();
            sparseIn[i] = rng.nextInt(50) == 0 ? denseIn[i] : 0;
        }
        TemporalOperator csr = TemporalOperator.of(g).strategy(Strategy.CSR).precision(Precision.FLOAT64).threads(1);
        TemporalOperator auto = TemporalOperator.of(g).strategy(Strategy.AUTO).precision(Precision.FLOAT64).threads(1);
        close(infer(csr, sparseIn), infer(auto, sparseIn), 1e-12, "AUTO, sparse inputs");
        long[] sparse = auto.sparseProducts();
        assertTrue(sparse[0] > 0 && sparse[1] == 0, "sparse inputs: the kernel ran every product (" + Arrays.toString(sparse) + ")");
        close(infer(csr, denseIn), infer(auto, denseIn), 1e-12, "AUTO, dense inputs");
        long[] dense = auto.sparseProducts();
        assertTrue(dense[0] == sparse[0] && dense[1] > 0, "dense inputs: the GEMM ran them (" + Arrays.toString(dense) + ")");
    }

    /**
     * The sparse-sparse kernel keeps its weight layouts between passes while the weights stay the same; a weight
     * changed between two passes (as an optimizer or a user changes them, in place) reaches it: the second pass
     * equals the CSR path's with the new weights.
     */
    @Test
    void aWeightChangedBetweenPassesReachesTheSparseSparseKernel() {
        Network net = LayeredNetwork.builder().inputs(20).sparse(40, 0.15, Activation.RELU).kWinners(0.1)
                .sparse(30, 0.2, Activation.IDENTITY).kWinners(0.2).outputs(5).seed(9).build();
        CompiledGraph g = GraphCompiler.compile(net);
        Random rng = new Random(9);
        double[] in = halfZero(rng, g.inputs().length * B);
        for (Precision p : Precision.values()) {
            TemporalOperator sparse = TemporalOperator.of(g).strategy(Strategy.SPARSE).precision(p).threads(1);
            TemporalOperator csr = TemporalOperator.of(g).strategy(Strategy.CSR).precision(p).threads(1);
            double[] first = infer(sparse, in);
            assertTrue(sparse.sparseProducts()[0] > 0, "the kernel ran");
            double[] w = sparse.parameters().weight();
            for (int e = 0; e < w.length; e += 3) w[e] = -1.5 * w[e] + 0.01;
            System.arraycopy(w, 0, csr.parameters().weight(), 0, w.length);
            double[] second = infer(sparse, in);
            close(infer(csr, in), second, p == Precision.FLOAT64 ? 1e-12 : 2e-5, p + " after the change");
            boolean differs = false;
            for (int i = 0; i < first.length; i++) differs |= first[i] != second[i];
            assertTrue(differs, p + ": the change shows in the states");
            close(second, infer(sparse, in), 0, p + " a third pass, weights unchanged");
        }
    }

    /**
     * Without input gradients ({@link TemporalOperator#inputGradients}), blocks fed only by input nodes skip
     * their {@code Wᵀ·G}: every parameter gradient stays bit for bit what it is with them, on every strategy,
     * and the input and initial-state gradients are not made.
     */
    @ParameterizedTest
    @ValueSource(longs = {5, 6})
    void parameterGradientsDoNotDependOnInputGradients(long seed) {
        Network net = LayeredNetwork.builder().inputs(20).dense(40, Activation.RELU).kWinners(0.1)
                .sparse(30, 0.3, Activation.TANH).outputs(5).delay(seed % 2 == 0 ? 0.0 : 1.0)
                .learnable(Learnable.ALL).seed(seed).build();
        CompiledGraph g = GraphCompiler.compile(net);
        Random rng = new Random(seed);
        double[] in = halfZero(rng, T * g.inputs().length * B);
        double[] dOut = GradientCheckTest.gaussian(rng, g.outputs().length * B);
        for (Strategy s : Strategy.values()) {
            for (Precision p : Precision.values()) {
                Gradients with = gradients(g, s, p, in, dOut, true);
                Gradients without = gradients(g, s, p, in, dOut, false);
                String what = s + " " + p + " seed " + seed;
                assertNotNull(with.inputs(), what);
                assertNull(without.inputs(), what);
                assertNull(without.initialState(), what);
                close(with.weight(), without.weight(), 0, what + " weight");
                close(with.delay(), without.delay(), 0, what + " delay");
                close(with.leak(), without.leak(), 0, what + " leak");
                close(with.bias(), without.bias(), 0, what + " bias");
            }
        }
    }

    private static Gradients gradients(CompiledGraph g, Strategy s, Precision p, double[] in, double[] dOut, boolean inputGradients) {
        TemporalOperator op = TemporalOperator.of(g).strategy(s).precision(p).threads(1).inputGradients(inputGradients);
        try (ForwardPass f = op.forward(Inputs.perStep(op.inputNodes(), T, B, in), T, B, null)) {
            return op.backward(f, dOut, null);
        }
    }

    /** The states of a one-step inference pass. */
    private static double[] infer(TemporalOperator op, double[] in) {
        try (ForwardPass f = op.infer(Inputs.constant(op.inputNodes(), B, in), 1, B, null)) {
            return f.state(1).clone();
        }
    }

    private static void same(Result csr, Result other, Precision p, String what) {
        double tol = p == Precision.FLOAT64 ? 1e-12 : 2e-5;
        close(csr.states, other.states, tol, what + " states");
        close(csr.readout, other.readout, tol, what + " readout");
        assertEquals(csr.firing.length, other.firing.length);
        for (int i = 0; i < csr.firing.length; i++) assertEquals(csr.firing[i], other.firing[i], what + " firing " + i);
        close(csr.duty, other.duty, tol, what + " duty cycles");
        double gt = p == Precision.FLOAT64 ? 1e-11 : 2e-4;
        close(csr.gw, other.gw, gt, what + " grad w");
        close(csr.gd, other.gd, gt, what + " grad d");
        close(csr.gl, other.gl, gt, what + " grad lam");
        close(csr.gb, other.gb, gt, what + " grad b");
        close(csr.gi, other.gi, gt, what + " grad I");
        close(csr.gx0, other.gx0, gt, what + " grad x0");
        close(csr.gGain, other.gGain, gt, what + " grad gain");
        close(csr.gShift, other.gShift, gt, what + " grad shift");
        close(csr.running, other.running, tol, what + " running statistics");
    }

    /**
     * Float32 master weights bound in native memory (as a trainer binds them): the dense blocks multiply
     * with them in place and every weight gradient is added into the bound buffer; states and all
     * gradients equal those of an unbound pass with the same (float-rounded) weights.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void boundWeightsGiveTheSameStatesAndGradients(long seed) {
        Network net = randomLayered(seed);
        for (Synapse s : net.synapses()) s.weight((float) s.weight());
        CompiledGraph g = GraphCompiler.compile(net);
        Random rng = new Random(seed);
        int n = g.nodeCount();
        int nIn = g.inputs().length;
        double[] in = GradientCheckTest.gaussian(rng, T * nIn * B);
        double[] dOut = GradientCheckTest.gaussian(rng, g.outputs().length * B);
        Result free = run(g, Strategy.CSR, Precision.FLOAT32, in, null, dOut, null, true);
        int e = g.edgeCount();
        for (Strategy strategy : new Strategy[] {Strategy.BLOCKS, Strategy.SPARSE}) {
            org.bytedeco.javacpp.FloatPointer w = new org.bytedeco.javacpp.FloatPointer(e);
            org.bytedeco.javacpp.FloatPointer gw = new org.bytedeco.javacpp.FloatPointer(e);
            for (int p = 0; p < e; p++) {
                w.put(p, (float) g.weight()[p]);
                gw.put(p, 0.5f); // the gradient is added to what is there
            }
            TemporalOperator op = TemporalOperator.of(g).strategy(strategy).precision(Precision.FLOAT32).threads(2)
                    .training(true).bindWeights(w, gw);
            // the operator's own weights must not matter any more
            java.util.Arrays.fill(op.parameters().weight(), 7.0);
            assertTrue(op.denseBlocksInUse(T, B) >= 1);
            String what = strategy + " bound";
            try (ForwardPass f = op.forward(Inputs.perStep(op.inputNodes(), T, B, in), T, B, null)) {
                double[] states = new double[T * n * B];
                for (int t = 1; t <= T; t++) System.arraycopy(f.state(t), 0, states, (t - 1) * n * B, n * B);
                close(free.states, states, 2e-5, what + " states");
                Gradients gr = op.backward(f, dOut);
                double[] added = new double[e];
                for (int p = 0; p < e; p++) added[p] = gw.get(p) - 0.5f;
                close(free.gw, added, 2e-4, what + " weight gradients");
                close(free.gd, gr.delay(), 2e-4, what + " delay gradients");
                close(free.gb, gr.bias(), 2e-4, what + " bias gradients");
                for (double x : gr.weight()) assertEquals(0.0, x, 0.0, "weight gradients went to the bound buffer");
            }
            if (strategy == Strategy.SPARSE) assertTrue(op.sparseProducts()[0] > 0, "no sparse-sparse product ran");
        }
    }

    private record Result(double[] states, double[] readout, byte[] firing, double[] duty, double[] gw, double[] gd,
                          double[] gl, double[] gb, double[] gi, double[] gx0, double[] gGain, double[] gShift,
                          double[] running, long sparseProducts, long rowsProducts) {
    }

    private static Result run(CompiledGraph g, Strategy s, Precision p, double[] in, double[] x0, double[] dOut,
                              double[][] dStates, boolean training) {
        return run(g, s, p, in, x0, dOut, dStates, training, B);
    }

    private static Result run(CompiledGraph g, Strategy s, Precision p, double[] in, double[] x0, double[] dOut,
                              double[][] dStates, boolean training, int B) {
        return run(g, s, p, in, x0, dOut, dStates, training, B, false);
    }

    /**
     * An operator reuses its pooled arrays (histories, adjoints, aggregates, winner flags) from pass to pass, some
     * of them without clearing them: a pass after another one with other inputs, initial state and loss seeds gives
     * exactly what the same pass gives on a fresh operator, for every strategy and precision.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7})
    void aReusedOperatorsPassIsAFreshOnes(long seed) {
        // seeds 5 and 6: instant k-WTA layers only, so the adjoint ring has one slot (x(0) shares it with x(1));
        // seed 7: units whose members feed only a dense block, so only the units read their x(0)
        Network net = seed <= 4 ? randomLayered(seed, seed % 2 == 0)
                : seed == 7 ? LayeredNetwork.builder().inputs(6).dense(8, Activation.TANH).kWinners(0.5)
                        .units(3, 2, 2, 2, Activation.RELU).outputs(3).delay(0.0).seed(seed).build()
                : LayeredNetwork.builder().inputs(50).sparse(70, 0.2, Activation.IDENTITY).kWinners(0.1)
                        .sparse(40, 0.22, Activation.RELU).kWinners(0.2).outputs(5).delay(0.0).seed(seed).build();
        CompiledGraph g = GraphCompiler.compile(net);
        Random rng = new Random(seed + 40);
        int n = g.nodeCount();
        int nIn = g.inputs().length;
        int batch = 37;
        double[][] in = new double[2][];
        double[][] x0 = new double[2][];
        double[][] dOut = new double[2][];
        double[][][] dStates = new double[2][T + 1][];
        for (int r = 0; r < 2; r++) {
            in[r] = GradientCheckTest.gaussian(rng, T * nIn * batch);
            x0[r] = GradientCheckTest.gaussian(rng, n * batch, 0.3);
            dOut[r] = GradientCheckTest.gaussian(rng, g.outputs().length * batch);
            dStates[r][1 + r] = GradientCheckTest.gaussian(rng, n * batch, 0.1);
        }
        for (Precision p : Precision.values()) {
            for (Strategy s : Strategy.values()) {
                TemporalOperator reused = TemporalOperator.of(g).strategy(s).precision(p).threads(2).training(false);
                TemporalOperator fresh = TemporalOperator.of(g).strategy(s).precision(p).threads(2).training(false);
                pass(reused, g, in[0], x0[0], dOut[0], dStates[0], batch);
                Result want = pass(fresh, g, in[1], null, dOut[1], dStates[1], batch);
                Result got = pass(reused, g, in[1], null, dOut[1], dStates[1], batch);
                String what = s + " " + p + " seed " + seed;
                assertArrayEquals(want.states(), got.states(), what + ": states");
                assertArrayEquals(want.readout(), got.readout(), what + ": readout");
                assertArrayEquals(want.firing(), got.firing(), what + ": firing");
                assertArrayEquals(want.gw(), got.gw(), what + ": weight gradients");
                assertArrayEquals(want.gd(), got.gd(), what + ": delay gradients");
                assertArrayEquals(want.gl(), got.gl(), what + ": leak gradients");
                assertArrayEquals(want.gb(), got.gb(), what + ": bias gradients");
                assertArrayEquals(want.gi(), got.gi(), what + ": input gradients");
                assertArrayEquals(want.gx0(), got.gx0(), what + ": initial-state gradients");
                assertArrayEquals(want.gGain(), got.gGain(), what + ": gain gradients");
                assertArrayEquals(want.gShift(), got.gShift(), what + ": shift gradients");
            }
        }
    }

    /**
     * A pass skips the delay and leak checks when they are as the last pass saw them, reading the edges of a dense
     * block that is one CSR range only against its whole delay and zero leak, and comparing the others with copies:
     * a change of any edge between passes (a fraction, a leak, another whole delay; blocks that are ranges, a block
     * interleaved with recurrent edges, the recurrent edges) must give a fresh operator's pass, −0 the same pass as 0,
     * and a NaN the error naming the edge.
     */
    @Test
    void anEdgeChangedBetweenPassesIsSeen() {
        Network net = LayeredNetwork.builder().inputs(6).dense(8, Activation.TANH).dense(7, Activation.RELU).outputs(3)
                .delay(0.0).seed(3).build();
        List<Neuron> h2 = net.nodes().stream().filter(v -> "h2".equals(v.group())).toList();
        net.connect(h2.get(0), h2.get(3), 0.4, 1.5, 0.2);
        net.connect(h2.get(5), h2.get(1), -0.3, 2.0, 0.0);
        CompiledGraph g = GraphCompiler.compile(net);
        assertEquals(127, g.edgeCount());
        Random rng = new Random(8);
        int batch = 16;
        double[] in = GradientCheckTest.gaussian(rng, T * g.inputs().length * batch);
        double[] dOut = GradientCheckTest.gaussian(rng, g.outputs().length * batch);
        double[][] dStates = new double[T + 1][];
        double[][] changes = {{0.5, 0}, {0, 0.3}, {1, 0}, {-0.0, -0.0}, {3, 0.5}};
        for (Strategy s : new Strategy[] {Strategy.BLOCKS, Strategy.SPARSE}) {
            TemporalOperator reused = TemporalOperator.of(g).strategy(s).threads(1).training(false);
            assertEquals(3, reused.denseBlocksInUse(T, batch), s + ": the three layers run as dense blocks");
            double[] delay = reused.parameters().delay().clone();
            double[] leak = reused.parameters().leak().clone();
            for (int edge = 0; edge < g.edgeCount(); edge++) {
                double[] c = changes[edge % changes.length];
                pass(reused, g, in, null, dOut, dStates, batch);
                reused.parameters().delay()[edge] = c[0];
                reused.parameters().leak()[edge] = c[1];
                TemporalOperator fresh = TemporalOperator.of(g).strategy(s).threads(1).training(false);
                fresh.parameters().copyFrom(reused.parameters());
                Result want = pass(fresh, g, in, null, dOut, dStates, batch);
                Result got = pass(reused, g, in, null, dOut, dStates, batch);
                String what = s + " edge " + edge + " delay " + c[0] + " leak " + c[1];
                assertArrayEquals(want.states(), got.states(), what + ": states");
                assertArrayEquals(want.gw(), got.gw(), what + ": weight gradients");
                assertArrayEquals(want.gl(), got.gl(), what + ": leak gradients");
                reused.parameters().delay()[edge] = Double.NaN;
                final int e = edge;
                IllegalStateException ex = assertThrows(IllegalStateException.class,
                        () -> pass(reused, g, in, null, dOut, dStates, batch), what + ": NaN delay");
                assertTrue(ex.getMessage().contains("edge #" + e + " ") && ex.getMessage().contains("delay NaN"), ex.getMessage());
                reused.parameters().delay()[edge] = delay[edge];
                reused.parameters().leak()[edge] = leak[edge];
            }
        }
    }

    /** {@code skipFrozen}: as a trainer runs it, no delay or leak gradients where none is learnable. */
    private static Result run(CompiledGraph g, Strategy s, Precision p, double[] in, double[] x0, double[] dOut,
                              double[][] dStates, boolean training, int B, boolean skipFrozen) {
        TemporalOperator op = TemporalOperator.of(g).strategy(s).precision(p).threads(2).training(training)
                .skipFrozenGradients(skipFrozen);
        return pass(op, g, in, x0, dOut, dStates, B);
    }

    /** One forward and backward pass of {@code op}: everything the contract compares. */
    private static Result pass(TemporalOperator op, CompiledGraph g, double[] in, double[] x0, double[] dOut,
                               double[][] dStates, int B) {
        try (ForwardPass f = op.forward(Inputs.perStep(op.inputNodes(), T, B, in), T, B, x0)) {
            int n = g.nodeCount();
            double[] states = new double[T * n * B];
            for (int t = 1; t <= T; t++) System.arraycopy(f.state(t), 0, states, (t - 1) * n * B, n * B);
            byte[] firing = f.firingMasks();
            double[] readout = f.readout();
            Gradients gr = op.backward(f, dOut, dStates);
            GroupState live = op.groupState();
            double[] running = new double[2 * live.normMean().length];
            System.arraycopy(live.normMean(), 0, running, 0, live.normMean().length);
            System.arraycopy(live.normVariance(), 0, running, live.normMean().length, live.normMean().length);
            return new Result(states, readout, firing, live.duty().clone(), gr.weight(), gr.delay(), gr.leak(),
                    gr.bias(), gr.inputs(), gr.initialState(), gr.gain(), gr.shift(), running, op.sparseProducts()[0],
                    op.rowsProducts());
        }
    }

    private static void close(double[] want, double[] got, double tol, String what) {
        assertEquals(want.length, got.length, what + " length");
        double scale = 1;
        for (double w : want) scale = Math.max(scale, Math.abs(w));
        for (int i = 0; i < want.length; i++) {
            assertTrue(Math.abs(want[i] - got[i]) <= tol * scale, what + " [" + i + "]: " + want[i] + " vs " + got[i]);
        }
    }

    /**
     * inputs → dense tanh layer with k-WTA → sparse relu layer → unit layer (unit group, lateral
     * leaky edges) → outputs, feed-forward delay 0 (instant) or 1; every parameter learnable; plus
     * random recurrent edges with fractional delays and leaks (these stay on the CSR path), and
     * nonzero biases.
     */
    static Network randomLayered(long seed) {
        return randomLayered(seed, false);
    }

    /**
     * With {@code overseers}: overseer normalization on h1 (k-WTA; batch statistics for odd seeds) and on
     * h2, whose overseer feeds every node of the unit layer (delay 1); gains and shifts away from 1 and 0.
     */
    static Network randomLayered(long seed, boolean overseers) {
        LayeredNetwork.Builder layers = LayeredNetwork.builder().inputs(6).dense(8, Activation.TANH).kWinners(0.5);
        if (overseers) {
            layers.overseer();
            if (seed % 2 == 1) layers.batchStatistics();
        }
        layers.sparse(7, 0.6, Activation.RELU);
        if (overseers) layers.overseer().overseerFeedsNext();
        Network net = layers.units(3, 2, 2, 2, Activation.RELU).lateral(0.3)
                .outputs(3).delay(seed % 2 == 0 ? 0.0 : 1.0).learnable(Learnable.ALL).seed(seed).build();
        if (overseers) {
            Random r = new Random(seed * 7);
            for (Neuron v : net.nodes()) v.gain(1 + 0.3 * r.nextGaussian()).shift(0.2 * r.nextGaussian());
            net.groups().get("h1").rho(0.2).runningMean(0.1).runningVariance(0.8);
            net.groups().get("h2").rho(0.3);
        }
        Random rng = new Random(seed * 31);
        List<Neuron> hidden = new ArrayList<>();
        for (Neuron v : net.nodes()) {
            if (v.kind() == NodeKind.NEURON) hidden.add(v);
            if (v.kind() != NodeKind.INPUT) v.bias(0.2 * rng.nextGaussian());
        }
        for (int i = 0; i < 40; i++) {
            Neuron a = hidden.get(rng.nextInt(hidden.size()));
            Neuron b = hidden.get(rng.nextInt(hidden.size()));
            if (a.unit() != null && a.unit().equals(b.unit())) continue;
            // With instant layers, an edge back to an earlier layer would close a cycle through instant edges.
            if (seed % 2 == 0 && !java.util.Objects.equals(a.group(), b.group())) continue;
            Synapse s = net.connect(a, b, 0.3 * rng.nextGaussian(), 1 + 2.5 * rng.nextDouble(), 0.8 * rng.nextDouble());
            s.learnable(Learnable.ALL);
        }
        for (Synapse s : net.synapses()) if (s.weight() == 0) s.weight(0.1);
        net.settings().delayRange(0, 4);
        return net;
    }

    /** {@code n} values, each zero with probability ½ and N(0,1) otherwise, as pixels are half zero. */
    private static double[] halfZero(Random rng, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = rng.nextBoolean() ? 0 : rng.nextGaussian();
        return a;
    }
}
