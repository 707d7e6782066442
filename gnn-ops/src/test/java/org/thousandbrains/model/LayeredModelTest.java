package org.thousandbrains.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.autodiff.GradCheck;
import org.thousandbrains.autodiff.Parameter;
import org.thousandbrains.autodiff.Tape;
import org.thousandbrains.autodiff.Var;
import org.thousandbrains.graph.build.LayeredNetwork;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Unit;

/** The forward pass against cases computed by hand from DESIGN.md, and its gradients against finite differences. */
class LayeredModelTest {
    /**
     * Inputs i0, i1; group h of two units U0 = {a0, a1}, U1 = {b0, b1}, rec 2, one winning unit; output o.
     * Hand computation for x = (1, 2):
     * e = (0.1 + 1, 0 + 2, 0 + 0.5, 0.2 - 2) = (1.1, 2, 0.5, -1.8); z¹ = relu(e) = (1.1, 2, 0.5, 0);
     * z² = relu(e + W_int z¹) with a1→a0 1.0, a0→a1 0.5, b0→b1 2.0: (3.1, 2.55, 0.5, 0);
     * unit means 2.825 and 0.25: U0 wins, (3.1, 2.55, 0, 0); o = 1·3.1 + 2·2.55 = 8.2.
     */
    static Network unitsByHand() {
        Network net = new Network();
        net.settings().delayRange(0, 8);
        net.addGroup(new NodeGroup("h")).unitWinners(1);
        net.addUnit(new Unit("U0").rec(2));
        net.addUnit(new Unit("U1").rec(2));
        Neuron i0 = net.addNode("i0", NodeKind.INPUT).group("in");
        Neuron i1 = net.addNode("i1", NodeKind.INPUT).group("in");
        Neuron a0 = net.addNode("a0", NodeKind.NEURON).group("h").unit("U0").bias(0.1);
        Neuron a1 = net.addNode("a1", NodeKind.NEURON).group("h").unit("U0");
        Neuron b0 = net.addNode("b0", NodeKind.NEURON).group("h").unit("U1");
        Neuron b1 = net.addNode("b1", NodeKind.NEURON).group("h").unit("U1").bias(0.2);
        Neuron o = net.addNode("o", NodeKind.OUTPUT).group("out");
        net.connect(i0, a0, 1, 0, 0).learnable(Learnable.WEIGHT);
        net.connect(i1, a1, 1, 0, 0).learnable(Learnable.WEIGHT);
        net.connect(i0, b0, 0.5, 0, 0).learnable(Learnable.WEIGHT);
        net.connect(i1, b1, -1, 0, 0).learnable(Learnable.WEIGHT);
        net.connect(a1, a0, 1.0, 1, 0).learnable(Learnable.WEIGHT);
        net.connect(a0, a1, 0.5, 1, 0).learnable(Learnable.WEIGHT);
        net.connect(b0, b1, 2.0, 1, 0).learnable(Learnable.WEIGHT);
        net.connect(a0, o, 1, 0, 0).learnable(Learnable.WEIGHT);
        net.connect(a1, o, 2, 0, 0).learnable(Learnable.WEIGHT);
        net.connect(b0, o, 3, 0, 0).learnable(Learnable.WEIGHT);
        net.connect(b1, o, 4, 0, 0).learnable(Learnable.WEIGHT);
        return net;
    }

    @Test
    void unitsForwardMatchesTheHandComputation() {
        LayeredModel model = new LayeredModel(unitsByHand(), DataType.DOUBLE, 0);
        assertEquals(1, model.steps());
        INDArray x = Nd4j.create(new double[][] {{1, 2}, {0, 0}});
        INDArray[][] states = model.states(x);
        int h = model.layout().position("h");
        // second sample: e = (0.1, 0, 0, 0.2) -> z¹ = e -> z² = (0.1, 0.05, 0, 0.2); means 0.075 and 0.1: U1 wins
        assertArrayEquals(new double[] {3.1, 2.55, 0, 0, 0, 0, 0, 0.2}, states[1][h].dup('c').data().asDouble(), 1e-12);
        INDArray logits = model.forward(Tape.inference(), x).value();
        assertEquals(8.2, logits.getDouble(0, 0), 1e-12);
        assertEquals(0.8, logits.getDouble(1, 0), 1e-12);
    }

    /**
     * Input i feeds a and b instantly (weight 1); a lateral edge a → b (weight 2, leak 0.5, delay 1); output
     * reads b. With x = 1 at every step: s(1) = 0, s(2) = x_a(1) = 1, s(3) = 0.5·1 + 1 = 1.5, so
     * b(1) = 1, b(2) = 1 + 2·1 = 3, b(3) = 1 + 2·1.5 = 4.
     */
    @Test
    void leakyLateralTraceOverSteps() {
        Network net = new Network();
        net.settings().delayRange(0, 8);
        Neuron i = net.addNode("i", NodeKind.INPUT).group("in");
        Neuron a = net.addNode("a", NodeKind.NEURON).group("h");
        Neuron b = net.addNode("b", NodeKind.NEURON).group("h");
        Neuron o = net.addNode("o", NodeKind.OUTPUT).group("out");
        net.connect(i, a, 1, 0, 0);
        net.connect(i, b, 1, 0, 0);
        net.connect(a, b, 2, 1, 0.5);
        net.connect(b, o, 1, 0, 0);
        INDArray x = Nd4j.ones(DataType.DOUBLE, 1, 1);
        LayeredModel byDefault = new LayeredModel(net, DataType.DOUBLE, 0);
        assertEquals(2, byDefault.steps());
        assertEquals(3.0, byDefault.forward(Tape.inference(), x).value().getDouble(0), 1e-12);
        assertEquals(4.0, new LayeredModel(net, DataType.DOUBLE, 3).forward(Tape.inference(), x).value().getDouble(0), 1e-12);
        assertEquals(1.0, new LayeredModel(net, DataType.DOUBLE, 1).forward(Tape.inference(), x).value().getDouble(0), 1e-12);
    }

    @Test
    void gradientsOfUnitsLateralAndSparseBlocksMatchFiniteDifferences() {
        Network net = LayeredNetwork.builder().inputs(5)
                .sparse(6, 0.5, Activation.TANH)
                .units(3, 2, 2, 2, Activation.TANH).lateral(0.4)
                .outputs(3).seed(9).build();
        LayeredModel model = new LayeredModel(net, DataType.DOUBLE, 3);
        INDArray x = random(4, 5, 1).subi(0.5);
        INDArray c = random(4, 3, 2).subi(0.5);
        Parameter[] ps = model.parameters().learnable().toArray(new Parameter[0]);
        GradCheck.Result r = GradCheck.parameters(t -> model.forward(t, x).mul(t.constant(c)).sum(), 1e-6, ps);
        r.assertBelow(1e-6);
        // the gradient of masked (absent) weights is not used: they stay 0 after projection
        assertEquals(0.0, model.parameters().get("input->h1.weight").value().mul(
                BlockLayout.mask(model.layout().matrices().get(0), DataType.DOUBLE).rsub(1)).sumNumber().doubleValue(), 0.0);
    }

    /** Fractional delays, a delayed feed-forward block and k-WTA: the hand-written passes equal the tape composition. */
    @Test
    void handWrittenPassesEqualTheTapeComposition() {
        Network net = LayeredNetwork.builder().inputs(5)
                .sparse(8, 0.5, Activation.IDENTITY).kWinners(0.25)
                .units(3, 2, 2, 2, Activation.TANH).lateral(0.3)
                .outputs(3).seed(4).build();
        for (org.thousandbrains.graph.topology.Synapse s : net.synapses()) {
            if (s.leak() > 0) s.delay(1.5); // lateral edges: fractional delay, read from two steps
        }
        LayeredModel model = new LayeredModel(net, DataType.DOUBLE, 4);
        INDArray x = random(6, 5, 3).subi(0.3);
        INDArray c = random(6, 3, 4).subi(0.5);
        org.thousandbrains.nn.KWinners kw = model.kWinners(model.layout().position("h1"));
        kw.setState(new float[] {0.1f, 0.3f, 0, 0.2f, 0.05f, 0.4f, 0.15f, 0.25f}, 500);
        float[] duty = kw.dutyCycle();

        model.parameters().zeroGrad();
        Tape tape = new Tape();
        Var out = model.forward(tape, x);
        tape.backward(out.mul(tape.constant(c)).sum());
        java.util.Map<String, INDArray> fast = new java.util.HashMap<>();
        for (Parameter p : model.parameters().learnable()) fast.put(p.name(), p.grad().dup());
        org.junit.jupiter.api.Assertions.assertEquals(500 + 4 * 6, kw.learningIterations()); // one duty-cycle update per step
        float[] trained = kw.dutyCycle();

        kw.setState(duty, 500);
        model.parameters().zeroGrad();
        Tape ref = new Tape();
        Var expected = TapeReference.logits(model, ref, x, true);
        ref.backward(expected.mul(ref.constant(c)).sum());
        assertArrayEquals(expected.value().dup('c').data().asDouble(), out.value().dup('c').data().asDouble(), 1e-12);
        for (Parameter p : model.parameters().learnable()) {
            assertArrayEquals(p.grad().dup('c').data().asDouble(), fast.get(p.name()).dup('c').data().asDouble(), 1e-12, p.name());
        }
        assertArrayEquals(kw.dutyCycle(), trained);
    }

    @Test
    void inputGradientOfTheClampedInput() {
        Network net = LayeredNetwork.builder().inputs(4).dense(5, Activation.TANH).outputs(2).seed(1).build();
        LayeredModel model = new LayeredModel(net, DataType.DOUBLE, 0);
        INDArray x = random(3, 4, 5);
        GradCheck.inputs((t, v) -> model.forward(t, v[0]).mul(t.constant(Nd4j.ones(DataType.DOUBLE, 3, 2).muli(0.7))).sum(), 1e-6, x)
                .assertBelow(1e-7);
    }

    @Test
    void fusedCrossEntropyEqualsTheTapeLoss() {
        Network net = LayeredNetwork.builder().inputs(4).sparse(6, 0.5, Activation.IDENTITY).kWinners(0.5)
                .dense(5, Activation.RELU).outputs(3).seed(2).build();
        LayeredModel model = new LayeredModel(net, DataType.DOUBLE, 0);
        INDArray x = random(7, 4, 6).muli(3);
        int[] labels = {0, 2, 1, 1, 0, 2, 2};
        org.thousandbrains.nn.KWinners kw = model.kWinners(model.layout().position("h1"));
        model.parameters().zeroGrad();
        Tape t1 = new Tape();
        Var l1 = org.thousandbrains.autodiff.Losses.softmaxCrossEntropy(model.forward(t1, x), labels);
        t1.backward(l1);
        java.util.Map<String, INDArray> expected = new java.util.HashMap<>();
        for (Parameter p : model.parameters().learnable()) expected.put(p.name(), p.grad().dup());
        kw.setState(new float[6], 0); // the first pass trained the duty cycles: start the second from the same state
        model.parameters().zeroGrad();
        Tape t2 = new Tape();
        LayeredModel.Classified c = model.classify(t2, x, labels);
        t2.backward(c.loss());
        assertEquals(l1.value().getDouble(0), c.loss().value().getDouble(0), 1e-12);
        for (Parameter p : model.parameters().learnable()) {
            assertArrayEquals(expected.get(p.name()).dup('c').data().asDouble(), p.grad().dup('c').data().asDouble(), 1e-12, p.name());
        }
        GradCheck.parameters(t -> model.classify(t, x, labels).loss(), 1e-6,
                model.parameters().learnable().toArray(new Parameter[0])).assertBelow(1e-6);
    }

    /** Uniform [0, 1) values from a seeded generator. */
    static INDArray random(int rows, int cols, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = r.nextDouble();
        return Nd4j.create(v, new long[] {rows, cols}, DataType.DOUBLE);
    }
}
