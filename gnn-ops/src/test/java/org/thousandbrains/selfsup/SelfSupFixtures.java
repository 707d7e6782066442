package org.thousandbrains.selfsup;

import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.graph.build.Init;
import org.thousandbrains.graph.build.LayeredNetwork;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.train.Batch;

/** Small networks and batches shared by the self-supervision tests. */
final class SelfSupFixtures {
    private SelfSupFixtures() {
    }

    /** 5 inputs, three tanh layers h1..h3 of 4, {@code outputs} outputs; feed-forward delay {@code delay}, T steps. */
    static Network layered(int outputs, double delay, int steps, long seed) {
        Network net = LayeredNetwork.builder().inputs(5).dense(4, Activation.TANH).dense(4, Activation.TANH)
                .dense(4, Activation.TANH).outputs(outputs).delay(delay).init(Init.TORCH_LINEAR).seed(seed).build();
        net.settings().readout(steps, 1);
        return net;
    }

    static INDArray features(int B, int n, long seed) {
        Random r = new Random(seed);
        float[] f = new float[B * n];
        for (int i = 0; i < f.length; i++) f[i] = r.nextFloat();
        return Nd4j.create(f, new long[] {B, n}, DataType.FLOAT);
    }

    static Batch batch(INDArray x, int[] labels) {
        int[] idx = new int[(int) x.size(0)];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        return new Batch(x, null, labels, idx);
    }

    static double[] values(INDArray a) {
        return a.dup('c').data().asDouble();
    }
}
