package org.thousandbrains.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.graph.topology.Activation;

/** Finite-difference checks (float64) of every built-in op, each made scalar by a fixed random projection. */
class OpsGradientTest {
    private static final double H = 1e-6;
    private static final double TOL = 1e-7;
    private final Random rnd = new Random(7);

    private INDArray rand(long... shape) {
        int n = 1;
        for (long s : shape) n *= (int) s;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rnd.nextGaussian();
        return Nd4j.create(v, shape, DataType.DOUBLE);
    }

    /** A scalar that depends on every element of y with distinct weights: sum(y * R). */
    private Var project(Tape t, Var y) {
        Random r = new Random(99);
        long[] s = y.shape();
        double[] v = new double[(int) y.value().length()];
        for (int i = 0; i < v.length; i++) v[i] = r.nextGaussian();
        return y.mul(t.constant(Nd4j.create(v, s, DataType.DOUBLE))).sum();
    }

    private void check(java.util.function.BiFunction<Tape, Var[], Var> op, INDArray... inputs) {
        GradCheck.Result r = GradCheck.inputs((t, v) -> project(t, op.apply(t, v)), H, inputs).assertBelow(TOL);
        assertEquals(inputs.length == 0 ? 0 : sizeOf(inputs), r.checked());
    }

    private static int sizeOf(INDArray[] xs) {
        int n = 0;
        for (INDArray x : xs) n += (int) x.length();
        return n;
    }

    @Test
    void matmulAndTranspose() {
        check((t, v) -> v[0].matmul(v[1]), rand(3, 4), rand(4, 2));
        check((t, v) -> v[0].transpose().matmul(v[1]), rand(4, 3), rand(4, 2));
        check((t, v) -> v[0].matmul(v[1].transpose()).transpose(), rand(3, 4), rand(2, 4));
    }

    @Test
    void addSubMulWithBroadcasting() {
        long[][][] shapes = {
            {{2, 3}, {2, 3}}, {{2, 3}, {1, 3}}, {{2, 3}, {2, 1}}, {{2, 3}, {1, 1}}, {{1, 3}, {2, 3}}, {{2, 1}, {2, 3}}};
        for (long[][] s : shapes) {
            check((t, v) -> v[0].add(v[1]), rand(s[0]), rand(s[1]));
            check((t, v) -> v[0].sub(v[1]), rand(s[0]), rand(s[1]));
            check((t, v) -> v[0].mul(v[1]), rand(s[0]), rand(s[1]));
        }
        assertThrows(IllegalArgumentException.class, () -> {
            Tape t = new Tape();
            t.constant(rand(3, 4)).add(t.constant(rand(2, 4)));
        });
    }

    @Test
    void biasScaleMaskAndActivations() {
        check((t, v) -> v[0].addBias(v[1]), rand(5, 3), rand(3));
        check((t, v) -> v[0].addBias(v[1]), rand(5, 3), rand(1, 3));
        check((t, v) -> v[0].scale(-2.5).neg(), rand(2, 3));
        INDArray mask = Nd4j.create(new double[] {1, 0, 1, 0, 0, 1}, new long[] {2, 3}, DataType.DOUBLE);
        check((t, v) -> v[0].maskedMul(mask), rand(2, 3));
        for (Activation a : Activation.values()) check((t, v) -> v[0].activation(a), rand(4, 3));
        check((t, v) -> v[0].relu().tanh().sigmoid().identity(), rand(4, 3));
    }

    @Test
    void reductions() {
        check((t, v) -> v[0].sum(), rand(3, 4));
        check((t, v) -> v[0].mean(), rand(3, 4));
        check((t, v) -> v[0].sum(0), rand(3, 4));
        check((t, v) -> v[0].sum(1), rand(3, 4));
        check((t, v) -> v[0].mean(0), rand(3, 4));
        check((t, v) -> v[0].mean(1), rand(3, 4));
    }

    @Test
    void gatherConcatReshape() {
        check((t, v) -> v[0].gather(0, 2, 0, 2, 1), rand(3, 4));
        check((t, v) -> v[0].gather(1, 3, 3, 0), rand(3, 4));
        check((t, v) -> Var.concat(0, v[0], v[1]), rand(2, 3), rand(4, 3));
        check((t, v) -> Var.concat(1, v[0], v[1], v[0]), rand(2, 3), rand(2, 1));
        check((t, v) -> v[0].reshape(2, 6).tanh().reshape(4, 3), rand(3, 4));
    }

    @Test
    void losses() {
        int[] labels = {2, 0, 1, 2};
        GradCheck.inputs((t, v) -> Losses.softmaxCrossEntropy(v[0], labels), H, rand(4, 3)).assertBelow(TOL);
        GradCheck.inputs((t, v) -> Losses.mse(v[0], v[1]), H, rand(4, 3), rand(4, 3)).assertBelow(TOL);
    }

    @Test
    void twoLayerNetworkOverParameters() {
        Parameter w1 = new Parameter("w1", rand(4, 5));
        Parameter b1 = new Parameter("b1", rand(1, 5));
        Parameter w2 = new Parameter("w2", rand(5, 3));
        INDArray x = rand(6, 4);
        int[] y = {0, 1, 2, 2, 1, 0};
        GradCheck.Result r = GradCheck.parameters(t -> {
            Var h = t.constant(x).matmul(t.param(w1)).addBias(t.param(b1)).tanh();
            // w1 is used twice on the tape: its two gradient paths must add up
            Var extra = t.param(w1).mul(t.param(w1)).sum().scale(0.1);
            return Losses.softmaxCrossEntropy(h.matmul(t.param(w2)), y).add(extra);
        }, H, w1, b1, w2).assertBelow(TOL);
        assertEquals(20 + 5 + 15, r.checked());
    }
}
