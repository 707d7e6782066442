package org.thousandbrains.selfsup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.thousandbrains.autodiff.GradCheck;
import org.thousandbrains.autodiff.Tape;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.ops.Precision;
import org.thousandbrains.optim.Adam;
import org.thousandbrains.train.Batch;
import org.thousandbrains.train.Forward;
import org.thousandbrains.train.Objective;

/** Auxiliary heads: inference without them is exactly the main graph; exact combined gradients; weight 0 changes nothing. */
class AuxiliaryHeadsTest {
    private static final int[] LABELS = {0, 2, 1, 1, 0, 2};

    private static AuxiliaryHeads threeHeads(Network net, double weight) {
        return AuxiliaryHeads.on(net).head("a1", "h1", 2, weight).head("a2", "h2", 3, 0.5 * weight)
                .head("a3", java.util.List.of("h3:0", "h3:2"), 2, weight).seed(3).build();
    }

    @Test
    void inferenceWithoutTheHeadsIsExactlyTheMainGraph() {
        Network plain = SelfSupFixtures.layered(3, 1.0, 5, 1);
        Network withHeads = SelfSupFixtures.layered(3, 1.0, 5, 1);
        AuxiliaryHeads heads = threeHeads(withHeads, 0.4);
        assertEquals(plain.nodeCount() + 9, withHeads.nodeCount());
        GraphClassifier model = GraphClassifier.of(withHeads).threads(1);
        INDArray x = SelfSupFixtures.features(6, 5, 2);
        // same parameters, heads attached: the main logits are those of the graph without heads
        assertArrayEquals(SelfSupFixtures.values(GraphClassifier.of(plain).threads(1).logits(x)), SelfSupFixtures.values(model.logits(x)));
        // train a few steps with the heads, then remove them: the inference model's logits are the attached model's
        Objective obj = heads.objective(model);
        Adam adam = new Adam(model.parameters().learnable(), 1e-2);
        Batch batch = SelfSupFixtures.batch(x, LABELS);
        for (int s = 0; s < 3; s++) {
            adam.zeroGrad();
            Tape tape = new Tape();
            Forward f = obj.forward(tape, batch);
            tape.backward(f.loss());
            adam.step();
        }
        double[] trained = SelfSupFixtures.values(model.logits(x));
        assertTrue(!Arrays.equals(trained, SelfSupFixtures.values(GraphClassifier.of(plain).threads(1).logits(x))), "training moved the logits");
        Network inference = heads.strip(model.network());
        assertEquals(plain.nodeCount(), inference.nodeCount());
        assertEquals(plain.synapseCount(), inference.synapseCount());
        assertArrayEquals(trained, SelfSupFixtures.values(GraphClassifier.of(inference).threads(1).logits(x)));
    }

    @Test
    void combinedLossGradientMatchesFiniteDifferences() {
        Network net = SelfSupFixtures.layered(3, 1.0, 5, 4);
        AuxiliaryHeads heads = threeHeads(net, 0.7);
        GraphClassifier model = GraphClassifier.of(net, Precision.FLOAT64).threads(1);
        Objective obj = heads.objective(model);
        Batch batch = SelfSupFixtures.batch(SelfSupFixtures.features(6, 5, 5), LABELS);
        GradCheck.parameters(t -> obj.forward(t, batch).loss(), 1e-6, model.parameters()).assertBelow(1e-7);
    }

    @Test
    void lossIsMainPlusWeightedHeadCrossEntropies() {
        Network net = SelfSupFixtures.layered(3, 1.0, 5, 6);
        AuxiliaryHeads heads = threeHeads(net, 0.25);
        GraphClassifier model = GraphClassifier.of(net, Precision.FLOAT64).threads(1);
        INDArray x = SelfSupFixtures.features(6, 5, 7);
        double total = heads.objective(model).forward(Tape.inference(), SelfSupFixtures.batch(x, LABELS)).loss().value().getDouble(0);
        CompiledGraph g = model.graph();
        double expected = 0;
        try (var pass = model.pass(x, false)) {
            expected += crossEntropy(pass.readout(), LABELS);
            for (AuxiliaryHeads.Head h : heads.heads()) {
                double[] s = pass.state(h.readStep());
                double[] y = new double[h.nodes().size() * 6];
                for (int j = 0; j < h.nodes().size(); j++) {
                    int v = Arrays.asList(g.nodeIds()).indexOf(h.nodes().get(j));
                    for (int b = 0; b < 6; b++) y[j * 6 + b] = s[v * 6 + b];
                }
                expected += h.weight() * crossEntropy(y, LABELS);
            }
        }
        assertEquals(expected, total, 1e-12);
    }

    /** Mean softmax cross-entropy written out plainly, node-major logits [C][B]. */
    private static double crossEntropy(double[] y, int[] labels) {
        int B = labels.length;
        int c = y.length / B;
        double sum = 0;
        for (int b = 0; b < B; b++) {
            double z = 0;
            for (int j = 0; j < c; j++) z += Math.exp(y[j * B + b]);
            sum += Math.log(z) - y[labels[b] * B + b];
        }
        return sum / B;
    }

    @Test
    void withWeightZeroTheMainGraphGetsTheGradientsOfTrainingWithoutHeads() {
        Network plain = SelfSupFixtures.layered(3, 1.0, 5, 8);
        Network withHeads = SelfSupFixtures.layered(3, 1.0, 5, 8);
        AuxiliaryHeads heads = threeHeads(withHeads, 0.0);
        GraphClassifier a = GraphClassifier.of(plain, Precision.FLOAT64).threads(1);
        GraphClassifier b = GraphClassifier.of(withHeads, Precision.FLOAT64).threads(1);
        INDArray x = SelfSupFixtures.features(6, 5, 9);
        Tape ta = new Tape();
        Forward fa = a.classify(ta, x, LABELS);
        ta.backward(fa.loss());
        Tape tb = new Tape();
        Forward fb = heads.objective(b).forward(tb, SelfSupFixtures.batch(x, LABELS));
        tb.backward(fb.loss());
        assertEquals(fa.loss().value().getDouble(0), fb.loss().value().getDouble(0));
        int e = a.graph().edgeCount();
        int n = a.graph().nodeCount();
        // the heads' nodes come after the main graph's, so its edges keep their CSR positions
        assertArrayEquals(a.graph().src(), Arrays.copyOf(b.graph().src(), e));
        assertArrayEquals(a.graph().dst(), Arrays.copyOf(b.graph().dst(), e));
        assertArrayEquals(SelfSupFixtures.values(a.graphParameters().weight().grad()),
                Arrays.copyOf(SelfSupFixtures.values(b.graphParameters().weight().grad()), e));
        assertArrayEquals(SelfSupFixtures.values(a.graphParameters().bias().grad()),
                Arrays.copyOf(SelfSupFixtures.values(b.graphParameters().bias().grad()), n));
    }

    @Test
    void badHeadsAreNamed() {
        Network net = SelfSupFixtures.layered(3, 1.0, 5, 1);
        var ex = assertThrows(IllegalArgumentException.class, () -> AuxiliaryHeads.on(net).head("x", "h9", 1, 1));
        assertTrue(ex.getMessage().contains("'h9'"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class, () -> AuxiliaryHeads.on(net).head("x", "h1", 1, -1));
        assertTrue(ex.getMessage().contains("weight"), ex.getMessage());
        AuxiliaryHeads late = AuxiliaryHeads.on(net).head("late", "h1", 5, 1).build();
        ex = assertThrows(IllegalArgumentException.class, () -> late.objective(GraphClassifier.of(net)));
        assertTrue(ex.getMessage().contains("step 6 > T=5"), ex.getMessage());
    }
}
