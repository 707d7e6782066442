package org.thousandbrains.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.autodiff.Tape;
import org.thousandbrains.checkpoint.Checkpoint;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.ops.ForwardPass;
import org.thousandbrains.ops.Inputs;
import org.thousandbrains.ops.TemporalOperator;
import org.thousandbrains.optim.Sgd;
import org.thousandbrains.rules.FiredOnly;
import org.thousandbrains.rules.HebbianStrengthening;
import org.thousandbrains.rules.Rules;
import org.thousandbrains.rules.ThreeFactor;

/**
 * Learning rules inside the classifier: with SGD at rate 0 the only change of a Hebbian step is the
 * rule's own {@code Δw}, computed independently here from an operator pass over the same batch; the
 * rule travels in the checkpoint; three-factor needs η > 0.
 */
class GraphClassifierRuleTest {
    private static Network net() {
        return Architecture.DENSE.network(6, new int[] {5}, 3, 7);
    }

    @Test
    void hebbianChangeIsAddedAfterTheOptimizerStep() {
        Network n = net();
        GraphClassifier c = GraphClassifier.of(n, org.thousandbrains.ops.Precision.FLOAT64).rule(new HebbianStrengthening(0.05));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 6);
        int[] labels = {0, 1, 2, 1};
        double[] w0 = c.weights();
        // the reference: the same batch through a plain operator, the rule's formula on its pass
        TemporalOperator op = TemporalOperator.of(c.graph()).precision(org.thousandbrains.ops.Precision.FLOAT64).recordInternals(true);
        double[] in = new double[6 * 4];
        for (int i = 0; i < 6; i++) for (int b = 0; b < 4; b++) in[i * 4 + b] = x.getDouble(b, i);
        double[] expected;
        try (ForwardPass f = op.forward(Inputs.constant(op.inputNodes(), 4, in), c.steps(), 4, null)) {
            double[] y = f.readout();
            boolean[] correct = new boolean[4];
            for (int b = 0; b < 4; b++) {
                int best = 0;
                for (int j = 1; j < 3; j++) if (y[j * 4 + b] > y[best * 4 + b]) best = j;
                correct[b] = best == labels[b];
            }
            expected = HebbianStrengthening.change(f, c.graph().dst(), correct, 0.05);
        }
        Sgd sgd = new Sgd(c.parameters().learnable(), 0.0, 0, 0);
        sgd.zeroGrad();
        Tape t = new Tape();
        t.backward(c.classify(t, x, labels).loss());
        sgd.step();
        c.afterStep();
        double[] w1 = c.weights();
        for (int e = 0; e < w0.length; e++) assertEquals(w0[e] + expected[e], w1[e], 1e-12, "edge " + e);
    }

    @Test
    void theRuleTravelsInTheCheckpoint() {
        GraphClassifier c = GraphClassifier.of(net()).rule(Rules.parse("fired-only+l1=0.001"));
        Checkpoint cp = c.checkpoint().build();
        assertEquals("fired-only+l1=0.001", GraphClassifier.restore(cp).rule().spec());
        assertEquals(FiredOnly.RULE, GraphClassifier.restore(GraphClassifier.of(net()).rule(FiredOnly.RULE).checkpoint().build()).rule());
    }

    @Test
    void threeFactorNeedsAPositiveRate() {
        assertThrows(IllegalArgumentException.class, () -> GraphClassifier.of(net()).rule(new ThreeFactor(1, 0, 0.1)));
    }
}
