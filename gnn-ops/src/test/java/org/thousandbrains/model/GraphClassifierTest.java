package org.thousandbrains.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.autodiff.GradCheck;
import org.thousandbrains.autodiff.Losses;
import org.thousandbrains.autodiff.Tape;
import org.thousandbrains.checkpoint.CheckpointIO;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.Unit;
import org.thousandbrains.ops.ForwardPass;
import org.thousandbrains.ops.Inputs;
import org.thousandbrains.ops.Precision;
import org.thousandbrains.ops.TemporalOperator;
import org.thousandbrains.optim.Adam;
import org.thousandbrains.train.Forward;

/**
 * The classifier over the one operator: exact gradients (finite differences, float64 operator) through a
 * k-WTA group with boosting and a unit group of two units with inner recursion, lateral delayed leaky
 * edges and a mean-of-last-K readout; training vs eval mode; the input layout; checkpoint round trip.
 */
class GraphClassifierTest {
    @TempDir
    Path tmp;

    /**
     * 3 inputs; k-WTA group "k" of 4 tanh neurons (k = 2, boost 1.5) with recurrent edges; a unit group
     * "U" of 2 units of 3 tanh neurons (rec 2, 1 winner) with internal edges and a lateral edge; 3 outputs
     * reading both; fractional delays (never near an integer), leaks; T = 4, readout mean of the last 2.
     */
    static Network tiny(long seed) {
        Random r = new Random(seed);
        Network net = new Network();
        net.settings().delayRange(1, 8).readout(4, 2);
        net.addGroup(new NodeGroup("k").kWinners(2).boost(1.5).period(50));
        net.addGroup(new NodeGroup("U").unitWinners(1));
        net.addUnit(new Unit("u0").rec(2));
        net.addUnit(new Unit("u1").rec(2));
        Neuron[] in = new Neuron[3];
        for (int i = 0; i < 3; i++) in[i] = net.addNode("in" + i, NodeKind.INPUT, Activation.IDENTITY);
        Neuron[] k = new Neuron[4];
        for (int i = 0; i < 4; i++) k[i] = net.addNode("k" + i, NodeKind.NEURON, Activation.TANH).group("k").bias(0.2 * r.nextGaussian());
        Neuron[][] u = new Neuron[2][3];
        for (int a = 0; a < 2; a++) {
            for (int i = 0; i < 3; i++) {
                u[a][i] = net.addNode("u" + a + "." + i, NodeKind.NEURON, Activation.TANH).group("U").unit("u" + a)
                        .bias(0.2 * r.nextGaussian());
            }
        }
        Neuron[] out = new Neuron[3];
        for (int c = 0; c < 3; c++) out[c] = net.addNode("out" + c, NodeKind.OUTPUT, Activation.IDENTITY);
        for (Neuron v : k) for (Neuron x : in) edge(net, r, x, v);
        for (int i = 0; i < 4; i++) edge(net, r, k[i], k[(i + 1) % 4]);
        for (Neuron[] unit : u) {
            for (Neuron v : unit) {
                for (Neuron x : in) edge(net, r, x, v);
                for (Neuron w : unit) if (w != v) edge(net, r, w, v); // internal: delay and leak ignored
            }
        }
        for (int i = 0; i < 3; i++) edge(net, r, u[0][i], u[1][i]); // lateral
        for (Neuron o : out) {
            for (Neuron v : k) edge(net, r, v, o);
            for (Neuron[] unit : u) for (Neuron v : unit) edge(net, r, v, o);
        }
        return net;
    }

    private static void edge(Network net, Random r, Neuron from, Neuron to) {
        double delay = 1 + r.nextInt(2) + 0.1 + 0.8 * r.nextDouble();
        net.connect(from, to, 0.8 * r.nextGaussian(), delay, 0.6 * r.nextDouble());
    }

    static INDArray features(int B, int n, long seed) {
        Random r = new Random(seed);
        float[] f = new float[B * n];
        for (int i = 0; i < f.length; i++) f[i] = r.nextFloat();
        return Nd4j.create(f, new long[] {B, n}, DataType.FLOAT);
    }

    @Test
    void gradientOfTheLossMatchesFiniteDifferencesThroughKWinnersAndUnits() {
        GraphClassifier c = GraphClassifier.of(tiny(3), Precision.FLOAT64).skipFrozenGradients(false).threads(1);
        assertEquals(1, c.graph().groupStructure().kwtaCount());
        assertEquals(2, c.graph().groupStructure().unitCount());
        INDArray x = features(5, 3, 11);
        int[] labels = {0, 2, 1, 1, 0};
        double[] dutyBefore = c.dutyCycles();
        // all parameters: the duty cycles and observations are state, put back before every (training-mode) evaluation
        GradCheck.Result r = GradCheck.parameters(t -> c.classify(t, x, labels).loss(), 1e-6, c.parameters()).assertBelow(1e-6);
        assertTrue(r.checked() > 100, r.checked() + " gradient entries checked");
        assertArrayEquals(dutyBefore, c.dutyCycles(), 0.0, "the check leaves the k-WTA state as it found it");
        double delayGrad = c.graphParameters().delay().grad().sumNumber().doubleValue();
        double leakGrad = c.graphParameters().leak().grad().sumNumber().doubleValue();
        assertNotEquals(0.0, delayGrad, "delays get gradients");
        assertNotEquals(0.0, leakGrad, "leaks get gradients");
    }

    @Test
    void trainingModeMovesDutyCyclesEvalModeDoesNot() {
        GraphClassifier c = GraphClassifier.of(tiny(4)).threads(1);
        INDArray x = features(6, 3, 12);
        int[] labels = {0, 1, 2, 0, 1, 2};
        c.classify(Tape.inference(), x, labels);
        c.logits(x);
        assertArrayEquals(new double[4], c.dutyCycles(), 0.0, "eval mode leaves duty cycles alone");
        assertEquals(0L, c.observationCounts()[0]);
        Tape tape = new Tape();
        Forward f = c.classify(tape, x, labels);
        tape.backward(f.loss());
        assertEquals(6L * 4, c.observationCounts()[0], "B·T observations");
        double sum = 0;
        for (double d : c.dutyCycles()) sum += d;
        assertEquals(2.0, sum, 1e-12, "k = 2 winners per observation: duty cycles sum to k");
        assertEquals(sum, c.parameters().get("k.duty_cycle").value().sumNumber().doubleValue(), 1e-12, "state tensor in sync");
        assertEquals(24L, c.parameters().get("k.observations").value().getLong(0));
    }

    /** The readout {@code [3][B]} of one eval pass of a fresh operator of {@code g} over {@code x [B, 3]}, transposed by hand. */
    private static double[] onePassReadout(CompiledGraph g, INDArray x, int B) {
        float[] rows = x.dup('c').data().asFloat();
        float[] nodeMajor = new float[rows.length];
        for (int b = 0; b < B; b++) for (int i = 0; i < 3; i++) nodeMajor[i * B + b] = rows[b * 3 + i];
        TemporalOperator op = TemporalOperator.of(g).threads(1);
        try (ForwardPass p = op.infer(Inputs.constant(op.inputNodes(), B, nodeMajor), g.steps(), B, null)) {
            return p.readout();
        }
    }

    @Test
    void featuresDriveTheInputNodesAndLogitsAreTheReadout() {
        Network net = tiny(5);
        CompiledGraph g = GraphCompiler.compile(net);
        GraphClassifier c = GraphClassifier.of(g).threads(1);
        int B = 4;
        INDArray x = features(B, 3, 13);
        double[] y = onePassReadout(g, x, B);
        float[] logits = c.logits(x).dup('c').data().asFloat();
        for (int b = 0; b < B; b++) for (int j = 0; j < 3; j++) assertEquals((float) y[j * B + b], logits[b * 3 + j], 1e-6f); // the classifier keeps float32 master weights
        // the loss is the mean softmax cross-entropy of those logits
        int[] labels = {2, 0, 1, 2};
        double loss = c.classify(Tape.inference(), x, labels).loss().value().getDouble(0);
        double expected = Losses.softmaxCrossEntropy(new Tape().constant(c.logits(x).castTo(DataType.DOUBLE)), labels).value().getDouble(0);
        assertEquals(expected, loss, 1e-6);
    }

    @Test
    void evalBatchesLargerThanAChunkGiveTheLogitsOfOneWholePass() {
        Network net = tiny(6);
        CompiledGraph g = GraphCompiler.compile(net);
        GraphClassifier c = GraphClassifier.of(g).threads(1);
        int B = 2 * GraphClassifier.EVAL_CHUNK + 3; // three chunks, of unequal sizes
        INDArray x = features(B, 3, 14);
        double[] y = onePassReadout(g, x, B);
        float[] logits = c.logits(x).dup('c').data().asFloat();
        for (int b = 0; b < B; b++) {
            for (int j = 0; j < 3; j++) assertEquals((float) y[j * B + b], logits[b * 3 + j], 1e-6f, "sample " + b + ", output " + j);
        }
        assertArrayEquals(logits, c.logits(x.castTo(DataType.DOUBLE)).dup('c').data().asFloat(), 0f, "a float64 batch, cast once");
        int[] labels = new int[B];
        for (int b = 0; b < B; b++) labels[b] = b % 3;
        Forward f = c.classify(Tape.inference(), x, labels);
        assertArrayEquals(logits, f.logits().dup('c').data().asFloat(), 0f, "the eval loss sees the same logits");
        double expected = Losses.softmaxCrossEntropy(new Tape().constant(c.logits(x).castTo(DataType.DOUBLE)), labels).value().getDouble(0);
        assertEquals(expected, f.loss().value().getDouble(0), 1e-6);
    }

    /**
     * The sparse model's delays and leaks are not learnable, so the classifier tells its operator that they did not
     * change between passes; delays set through the classifier's tensor still reach the next pass (every edge at
     * 0.5, so no layer is a whole-delay block any more): its logits are those of a fresh classifier of the same
     * network whose first pass sees those delays, and setting them back gives the first logits again.
     */
    @Test
    void delaysSetThroughTheTensorReachTheNextPass() {
        Architecture sparse = Architecture.parse("sparse");
        GraphClassifier c = GraphClassifier.of(sparse.network(12, new int[] {32, 32}, 3, 0)).threads(1);
        assertTrue(!c.graphParameters().delay().learnable() && !c.graphParameters().leak().learnable(), "frozen delays and leaks");
        INDArray x = features(6, 12, 15);
        float[] first = c.logits(x).dup('c').data().asFloat();
        assertArrayEquals(first, c.logits(x).dup('c').data().asFloat(), 0f, "a pass with unchanged delays");
        INDArray start = c.graphParameters().delay().value().dup();
        INDArray later = start.dup().assign(0.5);
        c.graphParameters().delay().set(later);
        float[] delayed = c.logits(x).dup('c').data().asFloat();
        GraphClassifier fresh = GraphClassifier.of(sparse.network(12, new int[] {32, 32}, 3, 0)).threads(1);
        fresh.graphParameters().delay().set(later.dup());
        float[] expected = fresh.logits(x).dup('c').data().asFloat();
        assertTrue(!java.util.Arrays.equals(first, expected), "the delays matter");
        assertArrayEquals(expected, delayed, 1e-6f, "the pass after the change sees it");
        c.graphParameters().delay().set(start);
        assertArrayEquals(first, c.logits(x).dup('c').data().asFloat(), 0f, "delays set back");
    }

    /** {@code steps} Adam steps (lr 1e-2) of {@code c} on the 8 samples {@code x} with fixed labels. */
    private static void adamSteps(GraphClassifier c, INDArray x, int steps) {
        int[] labels = {0, 1, 2, 0, 1, 2, 0, 1};
        Adam adam = new Adam(c.parameters().learnable(), 1e-2);
        for (int i = 0; i < steps; i++) {
            adam.zeroGrad();
            Tape tape = new Tape();
            tape.backward(c.classify(tape, x, labels).loss());
            adam.step();
        }
    }

    @Test
    void checkpointRebuildsTheSameModelFromTheFileAlone() throws IOException {
        GraphClassifier c = GraphClassifier.of(tiny(6)).threads(1);
        c.decayBoost(0.9);
        assertEquals(1.35, c.boostStrengths()[0], 1e-12);
        INDArray x = features(8, 3, 14);
        adamSteps(c, x, 5);
        Path file = tmp.resolve("m.tbck");
        CheckpointIO.write(file, c.checkpoint().build());
        GraphClassifier back = GraphClassifier.restore(CheckpointIO.read(file)).threads(2);
        assertEquals(c.steps(), back.steps());
        assertEquals(c.readoutWindow(), back.readoutWindow());
        assertArrayEquals(c.weights(), back.weights(), 0.0);
        assertArrayEquals(c.delays(), back.delays(), 0.0);
        assertArrayEquals(c.leaks(), back.leaks(), 0.0);
        assertArrayEquals(c.dutyCycles(), back.dutyCycles(), 0.0);
        assertArrayEquals(c.observationCounts(), back.observationCounts());
        assertArrayEquals(c.boostStrengths(), back.boostStrengths(), 0.0);
        assertArrayEquals(c.logits(x).dup('c').data().asFloat(), back.logits(x).dup('c').data().asFloat(), 0f,
                "eval-mode logits bit for bit");
        assertNotEquals(0.0, c.parameters().get("k.duty_cycle").value().sumNumber().doubleValue());
    }

    @Test
    void javaSerializationCarriesTheTrainedModelThroughItsCheckpoint() throws Exception {
        GraphClassifier c = GraphClassifier.of(tiny(6)).threads(1);
        INDArray x = features(8, 3, 14);
        adamSteps(c, x, 3);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(java.util.List.of(c, "after"));
        }
        Object read;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            read = in.readObject();
        }
        GraphClassifier back = (GraphClassifier) ((java.util.List<?>) read).get(0);
        assertEquals("after", ((java.util.List<?>) read).get(1));
        // the same graph in the same edge order: per-edge arrays of the two line up
        assertArrayEquals(c.graph().src(), back.graph().src());
        assertArrayEquals(c.graph().dst(), back.graph().dst());
        assertArrayEquals(c.graph().learnable(), back.graph().learnable());
        assertArrayEquals(c.weights(), back.weights(), 0.0);
        assertArrayEquals(c.delays(), back.delays(), 0.0);
        assertArrayEquals(c.leaks(), back.leaks(), 0.0);
        assertArrayEquals(c.dutyCycles(), back.dutyCycles(), 0.0);
        assertArrayEquals(c.logits(x).dup('c').data().asFloat(), back.logits(x).dup('c').data().asFloat(), 0f,
                "eval-mode logits bit for bit");
        GraphClassifier wide = GraphClassifier.of(tiny(6), Precision.FLOAT64);
        java.io.NotSerializableException e = assertThrows(java.io.NotSerializableException.class,
                () -> new java.io.ObjectOutputStream(new java.io.ByteArrayOutputStream()).writeObject(wide));
        assertTrue(e.getMessage().contains("float32"), e.getMessage());
    }

    @Test
    void readableSummaryAndClearErrors() {
        GraphClassifier c = GraphClassifier.of(tiny(7));
        String s = c.toString();
        for (String part : new String[] {"16 nodes (3 in, 3 out)", "edges", "k-WTA k k=2/4", "2 units", "T=4", "mean of last 2", "float32"}) {
            assertTrue(s.contains(part), s + " lacks " + part);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.logits(features(2, 5, 1)));
        assertTrue(e.getMessage().contains("[batch, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.classify(Tape.inference(), features(2, 3, 1), new int[] {0, 3}));
        assertTrue(e.getMessage().contains("label 3"), e.getMessage());
    }

    @Test
    void boostDecaysPerEpochAndChangesTheSelection() {
        GraphClassifier c = GraphClassifier.of(tiny(6)).threads(1);
        double[] beta = c.boostStrengths();
        assertTrue(beta.length > 0 && beta[0] > 0, "tiny graphs have a k-WTA group with boosting");
        org.thousandbrains.train.TrainListener l = c.boostDecayPerEpoch(0.9);
        l.onEpochEnd(null, null);
        l.onEpochEnd(null, null);
        assertEquals(beta[0] * 0.9 * 0.9, c.boostStrengths()[0], 1e-15);
        // the decayed strength is what the next pass uses
        c.logits(features(3, 3, 1));
        assertEquals(beta[0] * 0.81, c.operator().groupState().boost()[0], 1e-15);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> c.decayBoost(-1));
    }
}
