package org.thousandbrains.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.topology.Activation;

/** An inference pass with a step listener sees, step by step, the states a full forward pass keeps. */
class StepListenerTest {
    @Test
    void listenerSeesEveryStepOfTheFullHistory() {
        CompiledGraph g = BlockGraphs.random(21, 3, 30, 600, 5, 4, 0.3, Activation.TANH, Activation.RELU);
        int T = 40;
        int B = 2;
        double[] in = new double[T * 5 * B];
        Random rng = new Random(5);
        for (int i = 0; i < in.length; i++) in[i] = rng.nextGaussian();
        int[] inputs = java.util.stream.IntStream.range(0, 5).toArray();
        for (Precision p : Precision.values()) {
            TemporalOperator op = TemporalOperator.of(g).precision(p).threads(2);
            double[][] full = new double[T + 1][];
            boolean[][] fullFiring = new boolean[T + 1][];
            try (ForwardPass f = op.forward(Inputs.perStep(inputs, T, B, in), T, B, null)) {
                for (int t = 1; t <= T; t++) {
                    full[t] = f.state(t);
                    fullFiring[t] = f.firing(t);
                }
            }
            double[] buffer = new double[g.nodeCount() * B];
            boolean[] mask = new boolean[g.nodeCount() * B];
            int[] seen = {0};
            try (ForwardPass r = op.infer(Inputs.perStep(inputs, T, B, in), T, B, null, (t, pass) -> {
                assertEquals(seen[0] + 1, t, "steps in order");
                seen[0] = t;
                assertArrayEquals(full[t], pass.stateInto(t, buffer), 0.0, p + " state at step " + t);
                assertArrayEquals(fullFiring[t], pass.firingInto(t, mask), p + " firing at step " + t);
                assertThrows(IllegalStateException.class, () -> pass.stateInto(t + 1, buffer), "a later step is not there yet");
                if (t < T) assertThrows(IllegalStateException.class, pass::readout, "readout before the last step");
            })) {
                assertEquals(T, seen[0]);
                assertArrayEquals(full[T], r.state(T), 0.0);
            }
        }
    }
    @Test
    void streamedInputGivesThePerStepInputsStatesAndOnlyInInference() {
        CompiledGraph g = BlockGraphs.random(22, 3, 30, 600, 5, 4, 0.3, Activation.TANH, Activation.RELU);
        int T = 25;
        int B = 3;
        int[] nodes = {4, 0, 2};
        float[] in = new float[T * nodes.length * B];
        Random rng = new Random(9);
        for (int i = 0; i < in.length; i++) in[i] = (float) rng.nextGaussian();
        for (Precision p : Precision.values()) {
            TemporalOperator op = TemporalOperator.of(g).precision(p).threads(2);
            double[][] expected = new double[T + 1][];
            try (ForwardPass f = op.forward(Inputs.perStep(nodes, T, B, in), T, B, null)) {
                for (int t = 1; t <= T; t++) expected[t] = f.state(t);
            }
            int[] filled = {0};
            Inputs streamed = Inputs.streamed(nodes, B, (t, values) -> {
                assertEquals(filled[0] + 1, t, "steps filled in order");
                filled[0] = t;
                System.arraycopy(in, (t - 1) * values.length, values, 0, values.length);
            });
            double[] buffer = new double[g.nodeCount() * B];
            try (ForwardPass r = op.infer(streamed, T, B, null, (t, pass) ->
                    assertArrayEquals(expected[t], pass.stateInto(t, buffer), 0.0, p + " state at step " + t))) {
                assertEquals(T, filled[0]);
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> op.forward(streamed, T, B, null));
            assertEquals(true, e.getMessage().contains("inference"), e.getMessage());
        }
    }
}
