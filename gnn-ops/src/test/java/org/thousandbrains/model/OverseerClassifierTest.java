package org.thousandbrains.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.thousandbrains.autodiff.Tape;
import org.thousandbrains.checkpoint.CheckpointIO;
import org.thousandbrains.graph.build.LayeredNetwork;
import org.thousandbrains.graph.graphml.GraphMLReader;
import org.thousandbrains.graph.graphml.GraphMLWriter;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.optim.Adam;

/**
 * Overseer normalization through the classifier: gain and shift are learnable tensors the optimizer
 * moves, the running statistics are state tensors that training updates and eval leaves alone, and a
 * checkpoint or the GraphML export of {@link GraphClassifier#network()} rebuilds a model with the same
 * eval-mode logits.
 */
class OverseerClassifierTest {
    @TempDir
    Path tmp;

    private static Network net() {
        Network net = LayeredNetwork.builder().inputs(3).dense(6, Activation.RELU).overseer().overseerFeedsNext()
                .dense(5, Activation.RELU).kWinners(0.6).overseer().outputs(3).seed(3).build();
        net.settings().readout(3, 1);
        net.groups().get("h1").rho(0.2);
        return net;
    }

    private static GraphClassifier trained(int steps, INDArray x, int[] labels) {
        GraphClassifier c = GraphClassifier.of(net()).threads(1);
        Adam adam = new Adam(c.parameters().learnable(), 2e-2);
        for (int i = 0; i < steps; i++) {
            adam.zeroGrad();
            Tape tape = new Tape();
            tape.backward(c.classify(tape, x, labels).loss());
            adam.step();
        }
        return c;
    }

    @Test
    void trainingMovesGainShiftAndRunningStatisticsEvalDoesNot() {
        INDArray x = GraphClassifierTest.features(8, 3, 21);
        int[] labels = {0, 1, 2, 0, 1, 2, 0, 1};
        GraphClassifier c = trained(0, x, labels);
        assertNotNull(c.parameters().get("gain"));
        assertNotNull(c.parameters().get("shift"));
        assertArrayEquals(new double[] {0, 0}, c.runningMeans(), 0.0);
        assertArrayEquals(new double[] {1, 1}, c.runningVariances(), 0.0);
        c.logits(x);
        c.classify(Tape.inference(), x, labels);
        assertArrayEquals(new double[] {0, 0}, c.runningMeans(), 0.0, "eval leaves the running mean alone");
        c = trained(4, x, labels);
        for (double m : c.runningMeans()) assertNotEquals(0.0, m);
        for (double v : c.runningVariances()) assertNotEquals(1.0, v);
        assertEquals(c.runningMeans()[0], c.operator().groupState().normMean()[0], 0.0, "state tensor in sync with the operator");
        boolean moved = false;
        for (double g : c.graphParameters().gain().value().dup('c').data().asDouble()) moved |= g != 1.0;
        for (double s : c.graphParameters().shift().value().dup('c').data().asDouble()) moved |= s != 0.0;
        assertTrue(moved, "the optimizer trains gain and shift");
    }

    @Test
    void checkpointAndGraphmlRebuildTheSameModel() throws IOException {
        INDArray x = GraphClassifierTest.features(8, 3, 22);
        int[] labels = {2, 1, 0, 0, 1, 2, 2, 1};
        GraphClassifier c = trained(5, x, labels);
        float[] logits = c.logits(x).dup('c').data().asFloat();

        Path file = tmp.resolve("o.tbck");
        CheckpointIO.write(file, c.checkpoint().build());
        GraphClassifier back = GraphClassifier.restore(CheckpointIO.read(file)).threads(1);
        assertArrayEquals(c.runningMeans(), back.runningMeans(), 0.0);
        assertArrayEquals(c.runningVariances(), back.runningVariances(), 0.0);
        assertArrayEquals(c.graphParameters().gain().value().dup('c').data().asDouble(),
                back.graphParameters().gain().value().dup('c').data().asDouble(), 0.0);
        assertArrayEquals(logits, back.logits(x).dup('c').data().asFloat(), 0f, "eval logits bit for bit");
        assertEquals(0.2, back.graph().groupStructure().normRho()[0], "rho travels in the graph");

        StringWriter w = new StringWriter();
        GraphMLWriter.write(c.network(), w);
        Network read = new GraphMLReader().read(new ByteArrayInputStream(w.toString().getBytes(StandardCharsets.UTF_8)), "m.graphml")
                .network();
        assertEquals(c.runningMeans()[0], read.groups().get("h1").runningMean(), 0.0);
        GraphClassifier fromGraphml = GraphClassifier.of(read).threads(1);
        assertArrayEquals(logits, fromGraphml.logits(x).dup('c').data().asFloat(), 0f, "the GraphML export carries the model");
    }
}
