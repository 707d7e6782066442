package org.thousandbrains.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.thousandbrains.autodiff.Parameter;
import org.thousandbrains.graph.build.LayeredNetwork;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.Compiler;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Synapse;

/** Dense-block extraction: graph → matrices → graph, bit for bit, and the blocks against JGraphT look-ups. */
class BlockLayoutTest {
    static Network mixed(long seed) {
        return LayeredNetwork.builder().inputs(6)
                .sparse(8, 0.5, Activation.IDENTITY).kWinners(0.25)
                .units(3, 2, 1, 2, Activation.RELU).lateral(0.5)
                .outputs(3).seed(seed).build();
    }

    @Test
    void blocksHoldEveryEdgeOnceAtItsCell() {
        Network net = mixed(7);
        CompiledGraph g = Compiler.compile(net);
        BlockLayout layout = BlockLayout.of(net, g);
        assertEquals(List.of("input", "h1", "h2", "output"), layout.groups().stream().map(GroupPlan::name).toList());
        int[] seen = new int[g.edgeCount()];
        for (MatrixBlock b : layout.matrices()) {
            GroupPlan src = layout.group(b.source());
            GroupPlan dst = layout.group(b.target());
            INDArray w = BlockLayout.matrix(b, g.weight(), DataType.DOUBLE);
            INDArray m = BlockLayout.mask(b, DataType.DOUBLE);
            for (int i = 0; i < b.rows(); i++) {
                for (int j = 0; j < b.cols(); j++) {
                    Neuron u = net.node(src.name() + ":" + i);
                    Neuron v = net.node(dst.name() + ":" + j);
                    Synapse s = net.graph().getEdge(u, v);
                    boolean internal = b.role() == MatrixBlock.Role.UNIT_INTERNAL;
                    boolean expected = s != null && (internal == (u.unit() != null && u.unit().equals(v.unit())));
                    if (expected) {
                        assertEquals(s.weight(), w.getDouble(i, j), 0.0, "cell " + i + "," + j + " of " + src.name() + "->" + dst.name());
                        assertEquals(1.0, m.getDouble(i, j));
                        seen[b.edgeAt()[i * b.cols() + j]]++;
                    } else {
                        assertEquals(0.0, w.getDouble(i, j));
                        assertEquals(0.0, m.getDouble(i, j));
                    }
                }
            }
        }
        for (EdgeListBlock b : layout.edgeLists()) for (int e : b.edges()) seen[e]++;
        for (int e = 0; e < seen.length; e++) assertEquals(1, seen[e], "edge " + e + " covered once");
        // 6->8 at density 0.5 keeps 3 of 6 inputs: an incomplete (masked) block; 8->6 dense; units: 3 blocks of 2x2
        MatrixBlock sparse = layout.matrices().get(0);
        assertFalse(sparse.complete());
        assertEquals(8 * 3, sparse.edgeCount());
        assertEquals(1, layout.edgeLists().size());
        assertEquals(6, layout.edgeLists().get(0).size());
        assertEquals(0.5, BlockLayout.row(layout.edgeLists().get(0), g.leak(), DataType.DOUBLE).getDouble(0), 0.0);
    }

    @Test
    void graphToMatricesToGraphIsBitExact() {
        Network net = mixed(11);
        CompiledGraph g = Compiler.compile(net);
        BlockLayout layout = BlockLayout.of(net, g);
        double[] w = new double[g.edgeCount()];
        double[] leak = new double[g.edgeCount()];
        double[] bias = new double[g.nodeCount()];
        Arrays.fill(w, Double.NaN);
        Arrays.fill(leak, Double.NaN);
        for (MatrixBlock b : layout.matrices()) {
            BlockLayout.scatter(b, BlockLayout.matrix(b, g.weight(), DataType.DOUBLE), w);
            for (int e : b.edgeAt()) if (e >= 0) leak[e] = g.leak()[e];
        }
        for (EdgeListBlock b : layout.edgeLists()) {
            BlockLayout.scatter(b, BlockLayout.row(b, g.weight(), DataType.DOUBLE), w);
            BlockLayout.scatter(b, BlockLayout.row(b, g.leak(), DataType.DOUBLE), leak);
        }
        for (GroupPlan p : layout.groups()) BlockLayout.scatter(p, BlockLayout.row(p, g.bias(), DataType.DOUBLE), bias);
        for (int e = 0; e < w.length; e++) {
            assertEquals(Double.doubleToRawLongBits(g.weight()[e]), Double.doubleToRawLongBits(w[e]), "weight of edge " + e);
            assertEquals(Double.doubleToRawLongBits(g.leak()[e]), Double.doubleToRawLongBits(leak[e]), "leak of edge " + e);
        }
        for (int v = 0; v < bias.length; v++) assertEquals(Double.doubleToRawLongBits(g.bias()[v]), Double.doubleToRawLongBits(bias[v]));
    }

    @Test
    void modelWritesTrainedValuesBackIntoTheNetwork() {
        Network net = mixed(3);
        List<Double> before = new ArrayList<>();
        for (Synapse s : net.synapses()) before.add(s.weight());
        LayeredModel model = new LayeredModel(net, DataType.DOUBLE, 0);
        model.writeBack(); // untouched float64 parameters: the graph is unchanged, bit for bit
        int k = 0;
        for (Synapse s : net.synapses()) assertEquals(Double.doubleToRawLongBits(before.get(k++)), Double.doubleToRawLongBits(s.weight()));

        for (Parameter p : model.parameters()) if (p.learnable()) p.value().addi(0.125).muli(p.value()); // a different value everywhere
        for (Parameter p : model.parameters()) p.project(); // masked entries back to 0, leaks into [0, 1)
        model.writeBack();
        LayeredModel again = new LayeredModel(net, DataType.DOUBLE, 0);
        for (Parameter p : model.parameters()) {
            if (!p.learnable()) continue;
            double[] a = p.value().dup('c').data().asDouble();
            double[] b = again.parameters().get(p.name()).value().dup('c').data().asDouble();
            for (int i = 0; i < a.length; i++) assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), p.name() + "[" + i + "]");
        }
    }

    @Test
    void float32RoundTripIsBitExactOnceValuesAreFloats() {
        Network net = mixed(5);
        LayeredModel model = new LayeredModel(net, DataType.FLOAT, 0);
        model.writeBack(); // the graph now holds float32 values
        LayeredModel again = new LayeredModel(net, DataType.FLOAT, 0);
        again.writeBack();
        LayeredModel third = new LayeredModel(net, DataType.FLOAT, 0);
        for (Parameter p : again.parameters()) {
            float[] a = p.value().dup('c').data().asFloat();
            float[] b = third.parameters().get(p.name()).value().dup('c').data().asFloat();
            for (int i = 0; i < a.length; i++) assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), p.name());
        }
        for (Synapse s : net.synapses()) assertEquals(s.weight(), (double) (float) s.weight(), 0.0);
    }

    @Test
    void unsupportedGraphsAreRefusedByName() {
        Network net = new Network();
        net.settings().delayRange(0, 8);
        Neuron a = net.addNode("a", NodeKind.INPUT).group("in");
        Neuron b = net.addNode("b", NodeKind.NEURON).group("h");
        Neuron c = net.addNode("c", NodeKind.NEURON).group("h");
        Neuron o = net.addNode("o", NodeKind.OUTPUT).group("out");
        net.connect(a, b, 1, 0, 0).learnable(Learnable.WEIGHT);
        net.connect(b, c, 1, 0, 0).learnable(Learnable.WEIGHT);
        net.connect(c, o, 1, 0, 0).learnable(Learnable.WEIGHT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BlockLayout.of(net, Compiler.compile(net)));
        assertTrue(e.getMessage().contains("'b' -> 'c'"), e.getMessage());

        Network orphan = new Network();
        orphan.addNode("x", NodeKind.INPUT);
        e = assertThrows(IllegalArgumentException.class, () -> BlockLayout.of(orphan, Compiler.compile(orphan)));
        assertTrue(e.getMessage().contains("'x' has no group"), e.getMessage());

        Network parallel = new Network();
        parallel.settings().delayRange(0, 8);
        Neuron i = parallel.addNode("i", NodeKind.INPUT).group("in");
        Neuron out = parallel.addNode("o", NodeKind.OUTPUT).group("out");
        parallel.connect(i, out, 1, 0, 0).learnable(Learnable.WEIGHT);
        parallel.connect(i, out, 2, 0, 0).learnable(Learnable.WEIGHT);
        e = assertThrows(IllegalArgumentException.class, () -> BlockLayout.of(parallel, Compiler.compile(parallel)));
        assertTrue(e.getMessage().contains("parallel edges 'i' -> 'o'"), e.getMessage());
    }
}
