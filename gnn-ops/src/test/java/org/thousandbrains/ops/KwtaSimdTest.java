package org.thousandbrains.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.thousandbrains.graph.build.LayeredNetwork;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.Synapse;

/**
 * The vector k-WTA stage ({@link KwtaSimd}) against the scalar one: the same winners, so bit-identical states,
 * over training passes whose duty-cycle boosts drift apart, and then in inference. Weights in quarters and inputs in {-1, 0, 1} make
 * many members share an aggregate exactly (ties broken by member order), and the drifting boosts make some
 * scores differ in double but round to one float (the crowded lanes that the vector stage settles in double).
 */
class KwtaSimdTest {
    @BeforeEach
    void needsVectorApi() {
        assumeTrue(Simd.AVAILABLE, "JVM without --add-modules jdk.incubator.vector: only the scalar kernels exist");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void sameWinnersAsTheScalarStage(long seed) {
        CompiledGraph g = GraphCompiler.compile(tiedLayers(seed));
        int B = 2 * Simd.lanes() + 5;
        int T = 3;
        TemporalOperator vec = TemporalOperator.of(g).precision(Precision.FLOAT32).training(true);
        TemporalOperator sca = TemporalOperator.of(g).precision(Precision.FLOAT32).training(true).simd(false);
        Random rng = new Random(seed);
        int nIn = g.inputs().length;
        for (int pass = 0; pass < 6; pass++) {
            double[] in = new double[T * nIn * B];
            for (int i = 0; i < in.length; i++) in[i] = rng.nextInt(3) - 1;
            try (ForwardPass fv = vec.forward(Inputs.perStep(vec.inputNodes(), T, B, in), T, B, null);
                 ForwardPass fs = sca.forward(Inputs.perStep(sca.inputNodes(), T, B, in), T, B, null)) {
                for (int t = 1; t <= T; t++) assertArrayEquals(fs.state(t), fv.state(t), "pass " + pass + ", x(" + t + ")");
            }
        }
        // then inference, with the boosts the training passes left
        vec.training(false);
        sca.training(false);
        double[] in = new double[T * nIn * B];
        for (int i = 0; i < in.length; i++) in[i] = rng.nextInt(3) - 1;
        try (ForwardPass fv = vec.infer(Inputs.perStep(vec.inputNodes(), T, B, in), T, B, null);
             ForwardPass fs = sca.infer(Inputs.perStep(sca.inputNodes(), T, B, in), T, B, null)) {
            assertArrayEquals(fs.readout(), fv.readout(), "inference readout");
        }
    }

    /**
     * The winner flags come from the operator's pool without being cleared: a pass after another one (other inputs)
     * reports the winners a fresh operator reports, and its backward the same gradients, on both stages.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void pooledWinnerFlagsHoldOnlyThisPass(boolean simd) {
        CompiledGraph g = GraphCompiler.compile(tiedLayers(5));
        int B = Simd.lanes() + 3;
        int T = 2;
        TemporalOperator reused = TemporalOperator.of(g).precision(Precision.FLOAT32).simd(simd);
        TemporalOperator fresh = TemporalOperator.of(g).precision(Precision.FLOAT32).simd(simd);
        int nIn = g.inputs().length;
        Random rng = new Random(12);
        double[] first = new double[T * nIn * B];
        double[] second = new double[T * nIn * B];
        for (int i = 0; i < first.length; i++) first[i] = rng.nextInt(3) - 1;
        for (int i = 0; i < second.length; i++) second[i] = rng.nextGaussian();
        double[] seed = new double[reused.outputs().length * B];
        for (int i = 0; i < seed.length; i++) seed[i] = rng.nextGaussian();
        try (ForwardPass p = reused.forward(Inputs.perStep(reused.inputNodes(), T, B, first), T, B, null)) {
            reused.backward(p, seed);
        }
        try (ForwardPass r = reused.forward(Inputs.perStep(reused.inputNodes(), T, B, second), T, B, null);
             ForwardPass f = fresh.forward(Inputs.perStep(fresh.inputNodes(), T, B, second), T, B, null)) {
            for (int t = 1; t <= T; t++) assertArrayEquals(f.kwtaWinners(t), r.kwtaWinners(t), "winners at step " + t);
            assertArrayEquals(fresh.backward(f, seed).weight(), reused.backward(r, seed).weight(), "weight gradients");
        }
    }

    /** A lane whose scores hold a NaN goes to the scalar stage; its neighbours in the vector stay on the vector one. */
    @Test
    void aNanLaneGivesTheScalarStageResult() {
        CompiledGraph g = GraphCompiler.compile(tiedLayers(4));
        int B = Simd.lanes();
        TemporalOperator vec = TemporalOperator.of(g).precision(Precision.FLOAT32);
        TemporalOperator sca = TemporalOperator.of(g).precision(Precision.FLOAT32).simd(false);
        int nIn = g.inputs().length;
        double[] in = new double[nIn * B];
        Random rng = new Random(9);
        for (int i = 0; i < in.length; i++) in[i] = rng.nextGaussian();
        in[3 * B + 2] = Double.NaN;
        try (ForwardPass fv = vec.forward(Inputs.perStep(vec.inputNodes(), 1, B, in), 1, B, null);
             ForwardPass fs = sca.forward(Inputs.perStep(sca.inputNodes(), 1, B, in), 1, B, null)) {
            assertArrayEquals(fs.state(1), fv.state(1));
        }
    }

    /** The keys order as the floats do, −0 and +0 alike, and NaN lies beyond both infinities. */
    @Test
    void keysOrderAsTheRoundedScores() {
        double[] v = {Double.NEGATIVE_INFINITY, -3e38, -1.5, -1e-45, -0.0, 0.0, 1e-45, 2.0, 3.4e38, 1e300};
        for (int i = 0; i + 1 < v.length; i++) {
            int a = KwtaSimd.key(v[i]);
            int b = KwtaSimd.key(v[i + 1]);
            assertEquals(Float.compare((float) v[i] + 0f, (float) v[i + 1] + 0f), Integer.compare(a, b), v[i] + " vs " + v[i + 1]);
        }
        assertTrue(KwtaSimd.key(Double.NaN) > KwtaSimd.key(Double.POSITIVE_INFINITY));
        assertTrue(KwtaSimd.key(-Double.NaN) > KwtaSimd.key(Double.POSITIVE_INFINITY)
                || KwtaSimd.key(-Double.NaN) < KwtaSimd.key(Double.NEGATIVE_INFINITY));
    }

    /** Three k-WTA layers (200, 96 and 70 members; relu, tanh, identity) with weights in quarters and biases 0. */
    private static Network tiedLayers(long seed) {
        Network net = LayeredNetwork.builder().inputs(12)
                .dense(200, Activation.RELU).kWinners(0.1)
                .sparse(96, 0.5, Activation.TANH).kWinners(0.25, 3.0)
                .dense(70, Activation.IDENTITY).kWinners(0.5)
                .outputs(4).seed(seed).build();
        for (Synapse s : net.synapses()) s.weight(Math.max(0.25, Math.abs(Math.round(4 * s.weight()) / 4.0)) * Math.signum(s.weight() + 1e-9));
        for (Neuron v : net.nodes()) v.bias(0);
        return net;
    }
}
