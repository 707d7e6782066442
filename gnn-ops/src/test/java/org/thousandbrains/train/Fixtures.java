package org.thousandbrains.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.autodiff.Losses;
import org.thousandbrains.autodiff.Parameter;
import org.thousandbrains.autodiff.ParameterSet;
import org.thousandbrains.autodiff.Var;

/** A small 3-class problem (Gaussian blobs in 4-D) and a one-hidden-layer classifier for trainer tests. */
public final class Fixtures {
    private Fixtures() {
    }

    /** {@code n} examples, class {@code i % 3}, centred at ±2 on distinct coordinates, seeded. */
    public static ArrayExamples blobs(int n, long seed) {
        Rng r = new Rng(seed);
        float[] x = new float[n * 4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 4; j++) x[i * 4 + j] = (float) (r.nextGaussian() * 0.7 + (j == y[i] ? 2 : 0) - (j == 3 ? 1 : 0));
        }
        return ArrayExamples.classification(Nd4j.create(x, new long[] {n, 4}, DataType.FLOAT), y);
    }

    /** A 4-8-3 tanh MLP whose weights come from the given seed. */
    public static ParameterSet mlp(long seed) {
        Rng r = new Rng(seed);
        ParameterSet ps = new ParameterSet();
        ps.add(new Parameter("w1", gaussian(r, 4, 8, 0.5)));
        ps.add(new Parameter("b1", Nd4j.zeros(DataType.FLOAT, 1, 8)).group("bias"));
        ps.add(new Parameter("w2", gaussian(r, 8, 3, 0.5)));
        ps.add(new Parameter("b2", Nd4j.zeros(DataType.FLOAT, 1, 3)).group("bias"));
        return ps;
    }

    public static Objective objective(ParameterSet ps) {
        return (tape, b) -> {
            Var h = tape.constant(b.inputs()).matmul(tape.param(ps.get("w1"))).addBias(tape.param(ps.get("b1"))).tanh();
            Var logits = h.matmul(tape.param(ps.get("w2"))).addBias(tape.param(ps.get("b2")));
            return new Forward(Losses.softmaxCrossEntropy(logits, b.labels()), logits.value());
        };
    }

    private static INDArray gaussian(Rng r, int rows, int cols, double std) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = (float) (r.nextGaussian() * std);
        return Nd4j.create(v, new long[] {rows, cols}, DataType.FLOAT);
    }

    /** All parameter values, concatenated, as raw float bits (for bitwise comparisons). */
    public static int[] bits(ParameterSet ps) {
        int total = (int) ps.elementCount();
        int[] out = new int[total];
        int k = 0;
        for (Parameter p : ps) {
            for (float f : p.value().dup('c').data().asFloat()) out[k++] = Float.floatToRawIntBits(f);
        }
        return out;
    }
}
