package org.thousandbrains.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.autodiff.GradCheck;
import org.thousandbrains.autodiff.Tape;
import org.thousandbrains.checkpoint.CheckpointIO;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.compile.TopologyException;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.ops.ForwardPass;
import org.thousandbrains.ops.Inputs;
import org.thousandbrains.ops.Precision;
import org.thousandbrains.ops.TemporalOperator;

/**
 * Sequence inputs ({@code input_steps} L &gt; 0): a sample of {@code L·nIn} step-major values reaches the
 * input nodes one step at a time, the steps after L get 0; exact gradients; checkpoint round trip; errors.
 */
class SequenceInputTest {
    @TempDir
    Path tmp;

    /** {@link GraphClassifierTest#tiny} (3 inputs, T = 5, mean of the last 2) shown sequences of 3 steps. */
    private static Network tinySequence(long seed) {
        Network net = GraphClassifierTest.tiny(seed);
        net.settings().readout(5, 2).inputSteps(3);
        return net;
    }

    @Test
    void stepMajorFeaturesGoToTheInputNodesStepByStep() {
        // in0 -> o (w 1), in1 -> o (w 10), delay 1, no leak; T = 3, L = 2, readout = mean of the 3 steps
        Network net = new Network();
        net.settings().readout(3, 3).inputSteps(2);
        Neuron a = net.addNode("in0", NodeKind.INPUT, Activation.IDENTITY);
        Neuron b = net.addNode("in1", NodeKind.INPUT, Activation.IDENTITY);
        Neuron o = net.addNode("o", NodeKind.OUTPUT, Activation.IDENTITY);
        net.connect(a, o, 1.0, 1.0, 0.0);
        net.connect(b, o, 10.0, 1.0, 0.0);
        GraphClassifier c = GraphClassifier.of(net, Precision.FLOAT64).threads(1);
        assertEquals(4, c.inputSize());
        assertEquals(2, c.inputSteps());
        // sample: step 1 (in0, in1) = (1, 2), step 2 = (3, 4); o(1) = 0, o(2) = 1 + 20, o(3) = 3 + 40, o-step 4 would be 0
        INDArray x = Nd4j.create(new float[] {1, 2, 3, 4}, new long[] {1, 4}, DataType.FLOAT);
        assertEquals((0 + 21 + 43) / 3.0, c.logits(x).getDouble(0, 0), 1e-6);
    }

    @Test
    void logitsEqualTheOperatorDrivenDirectlyWithPerStepInputs() {
        Network net = tinySequence(5);
        GraphClassifier c = GraphClassifier.of(net, Precision.FLOAT64).threads(1);
        int B = 4;
        int nIn = 3;
        int L = 3;
        int T = 5;
        INDArray x = GraphClassifierTest.features(B, L * nIn, 21);
        // direct construction: [T][nIn][B], sample b's value t·nIn + i at step t+1, zeros after L
        double[] data = new double[T * nIn * B];
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < L; t++) {
                for (int i = 0; i < nIn; i++) data[(t * nIn + i) * B + b] = x.getFloat(b, t * nIn + i);
            }
        }
        TemporalOperator op = TemporalOperator.of(GraphCompiler.compile(tinySequence(5))).precision(Precision.FLOAT64).threads(1);
        op.training(false);
        double[] readout;
        try (ForwardPass p = op.infer(Inputs.perStep(op.inputNodes(), T, B, data), T, B, null)) {
            readout = p.readout();
        }
        INDArray logits = c.logits(x);
        int nOut = c.outputSize();
        for (int b = 0; b < B; b++) {
            for (int j = 0; j < nOut; j++) assertEquals(readout[j * B + b], logits.getDouble(b, j), 1e-6, "sample " + b + " class " + j);
        }
        // a later step of the sequence matters: changing step 2's values changes the logits
        INDArray y = x.dup();
        for (int b = 0; b < B; b++) for (int i = 0; i < nIn; i++) y.putScalar(b, nIn + i, x.getFloat(b, nIn + i) + 1f);
        assertNotEquals(logits.sumNumber().doubleValue(), c.logits(y).sumNumber().doubleValue());
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        GraphClassifier c = GraphClassifier.of(tinySequence(3), Precision.FLOAT64).skipFrozenGradients(false).threads(1);
        INDArray x = GraphClassifierTest.features(5, 9, 11);
        int[] labels = {0, 2, 1, 1, 0};
        GradCheck.Result r = GradCheck.parameters(t -> c.classify(t, x, labels).loss(), 1e-6, c.parameters()).assertBelow(1e-6);
        assertTrue(r.checked() > 100, r.checked() + " gradient entries checked");
        assertNotEquals(0.0, c.graphParameters().delay().grad().sumNumber().doubleValue(), "delays get gradients");
    }

    @Test
    void checkpointCarriesTheInputSteps() throws IOException {
        GraphClassifier c = GraphClassifier.of(tinySequence(6)).threads(1);
        Path file = tmp.resolve("seq.tbck");
        CheckpointIO.write(file, c.checkpoint().build());
        GraphClassifier back = GraphClassifier.restore(CheckpointIO.read(file)).threads(1);
        assertEquals(3, back.inputSteps());
        assertEquals(9, back.inputSize());
        INDArray x = GraphClassifierTest.features(6, 9, 2);
        assertArrayEquals(c.logits(x).dup('c').data().asFloat(), back.logits(x).dup('c').data().asFloat(), 0f);
        assertTrue(c.toString().contains("input sequence of 3 steps"), c.toString());
    }

    @Test
    void clearErrorsForTooManyInputStepsAndAWrongFeatureCount() {
        Network tooLong = GraphClassifierTest.tiny(1);
        tooLong.settings().readout(4, 2).inputSteps(5);
        TopologyException e = assertThrows(TopologyException.class, () -> GraphClassifier.of(tooLong));
        assertTrue(e.getMessage().contains("L=5") && e.getMessage().contains("T=4"), e.getMessage());

        GraphClassifier c = GraphClassifier.of(tinySequence(1)).threads(1);
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> c.logits(GraphClassifierTest.features(2, 3, 1)));
        assertTrue(wrong.getMessage().contains("[batch, 9]") && wrong.getMessage().contains("input_steps L=3")
                && wrong.getMessage().contains("[2, 3]"), wrong.getMessage());
        Tape tape = new Tape();
        assertThrows(IllegalArgumentException.class, () -> c.classify(tape, GraphClassifierTest.features(2, 10, 1), new int[] {0, 1}));
    }
}
