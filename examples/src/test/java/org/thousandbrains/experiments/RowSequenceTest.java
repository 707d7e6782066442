package org.thousandbrains.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.ops.ForwardPass;
import org.thousandbrains.ops.Inputs;
import org.thousandbrains.ops.Precision;
import org.thousandbrains.ops.TemporalOperator;

/** The delay lines of {@link RowSequence} hand the hidden layer row t−1 of the image at step t, and nothing else. */
class RowSequenceTest {
    @Test
    void rowNeuronsCarryExactlyOneImageRowPerStep() {
        int rows = 8;
        int cols = 8;
        int B = 3;
        CompiledGraph g = GraphCompiler.compile(HorizontalLeak.network(HorizontalLeak.Variant.LEARNABLE, 4, 10, 7));
        assertEquals(rows, g.steps());
        TemporalOperator op = TemporalOperator.of(g).precision(Precision.FLOAT64);
        int[] in = op.inputNodes();
        assertEquals(rows * cols, in.length);
        double[] x = new double[in.length * B];
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < x.length; i++) x[i] = 0.1 + rng.nextDouble();
        int[] row = new int[cols];
        for (int c = 0; c < cols; c++) row[c] = indexOf(g, "input:" + c);
        try (ForwardPass p = op.forward(Inputs.constant(in, B, x), rows, B, null)) {
            for (int t = 1; t <= rows; t++) {
                double[] s = p.state(t);
                for (int c = 0; c < cols; c++) {
                    for (int b = 0; b < B; b++) {
                        int pixel = (t - 1) * cols + c;   // inputs are the pixels in row-major order
                        assertEquals(x[pixel * B + b], s[row[c] * B + b], 1e-12, "row neuron " + c + " at step " + t);
                    }
                }
            }
        }
    }

    private static int indexOf(CompiledGraph g, String id) {
        for (int v = 0; v < g.nodeCount(); v++) if (g.nodeId(v).equals(id)) return v;
        throw new AssertionError("no node " + id);
    }
}
