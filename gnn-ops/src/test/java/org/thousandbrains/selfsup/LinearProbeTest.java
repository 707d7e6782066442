package org.thousandbrains.selfsup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.thousandbrains.autodiff.Tape;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.ops.ForwardPass;
import org.thousandbrains.ops.Precision;
import org.thousandbrains.optim.Adam;
import org.thousandbrains.train.Forward;

/** The linear probe: only the probe's weights and biases train, and its logits are a linear map of the frozen group states. */
class LinearProbeTest {
    @Test
    void onlyTheProbeTrainsAndItIsLinearInTheGroupStates() {
        // a "pretrained" network with 5 reconstruction outputs; probe h2 with 3 classes
        Network probeNet = LinearProbe.network(SelfSupFixtures.layered(5, 0.0, 1, 3), "h2", 3, 7);
        GraphClassifier probe = LinearProbe.model(probeNet);
        CompiledGraph g = probe.graph();
        List<String> ids = Arrays.asList(g.nodeIds());
        assertEquals(List.of("probe:0", "probe:1", "probe:2"), Arrays.stream(g.outputs()).mapToObj(g::nodeId).toList());
        double[] w0 = probe.weights();
        double[] b0 = probe.biases();
        INDArray x = SelfSupFixtures.features(8, 5, 1);
        int[] labels = {0, 1, 2, 0, 1, 2, 0, 1};
        Adam adam = new Adam(probe.parameters().learnable(), 0.05);
        for (int s = 0; s < 5; s++) {
            adam.zeroGrad();
            Tape t = new Tape();
            Forward f = probe.classify(t, x, labels);
            t.backward(f.loss());
            adam.step();
        }
        double[] w = probe.weights();
        double[] b = probe.biases();
        for (int e = 0; e < w.length; e++) {
            boolean probeEdge = g.nodeId(g.dst()[e]).startsWith(LinearProbe.PREFIX);
            if (probeEdge) assertNotEquals(w0[e], w[e], "probe edge " + e + " trained");
            else assertEquals(w0[e], w[e], 0, "frozen edge " + e);
        }
        for (int v = 0; v < b.length; v++) if (!g.nodeId(v).startsWith(LinearProbe.PREFIX)) assertEquals(b0[v], b[v], 0, g.nodeId(v));
        // the logits, written out: bias + Σ w·h2 (instant edges, T = 1)
        GraphClassifier exact = GraphClassifier.of(probe.network(), Precision.FLOAT64);
        double[] logits = exact.logits(x).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble();
        double[] h;
        try (ForwardPass p = exact.pass(x, false)) {
            h = p.state(1);
        }
        for (int j = 0; j < 3; j++) {
            int o = ids.indexOf("probe:" + j);
            for (int s = 0; s < 8; s++) {
                double y = b[o];
                for (int e = 0; e < w.length; e++) if (g.dst()[e] == o) y += w[e] * h[g.src()[e] * 8 + s];
                assertEquals(y, logits[s * 3 + j], 1e-6);
            }
        }
    }
}
