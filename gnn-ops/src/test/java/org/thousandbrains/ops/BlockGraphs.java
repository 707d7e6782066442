package org.thousandbrains.ops;

import java.util.Arrays;
import java.util.Random;

import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.compile.EdgeTable;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.NodeKind;

/**
 * Seeded random graphs for the operator's tests: nodes in blocks, edges only to the same or a later
 * block, so recurrence stays inside a block and instant edges (delay below 1, only between blocks)
 * never close a cycle. Self-loops and parallel edges occur; delays keep their fractional part in
 * [0.1, 0.9] so that finite differences never cross an integer.
 */
final class BlockGraphs {
    private BlockGraphs() {
    }

    static CompiledGraph random(long seed, int blocks, int perBlock, int edges, int inputs, int outputs,
                                double instantFraction, Activation... activations) {
        Random rng = new Random(seed);
        int n = blocks * perBlock;
        String[] ids = new String[n];
        NodeKind[] kind = new NodeKind[n];
        Activation[] act = new Activation[n];
        double[] bias = new double[n];
        for (int v = 0; v < n; v++) {
            ids[v] = "n" + v;
            kind[v] = v < inputs ? NodeKind.INPUT : v >= n - outputs ? NodeKind.OUTPUT : NodeKind.NEURON;
            act[v] = v < inputs ? Activation.IDENTITY : activations[rng.nextInt(activations.length)];
            bias[v] = 0.3 * rng.nextGaussian();
        }
        int[] src = new int[edges];
        int[] dst = new int[edges];
        double[] w = new double[edges];
        double[] d = new double[edges];
        double[] lam = new double[edges];
        for (int k = 0; k < edges; k++) {
            int u = rng.nextInt(n);
            int bu = u / perBlock;
            int bv = bu + rng.nextInt(blocks - bu);
            int v = bv * perBlock + rng.nextInt(perBlock);
            src[k] = u;
            dst[k] = v;
            w[k] = rng.nextGaussian() * 0.6;
            double frac = 0.1 + 0.8 * rng.nextDouble();
            boolean instant = bv > bu && rng.nextDouble() < instantFraction;
            d[k] = instant ? frac : 1 + rng.nextInt(4) + frac;
            lam[k] = rng.nextDouble() < 0.25 ? 0.0 : 0.9 * rng.nextDouble();
        }
        byte[] learn = new byte[edges];
        Arrays.fill(learn, (byte) Learnable.ALL);
        int[] none = new int[n];
        Arrays.fill(none, -1);
        return GraphCompiler.compile(new EdgeTable(ids, kind, act, bias, new double[n], none, new String[0], none.clone(),
                new String[0], src, dst, w, d, lam, learn, 0.0, 8.0));
    }
}
