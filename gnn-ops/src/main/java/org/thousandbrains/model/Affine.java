package org.thousandbrains.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.autodiff.CustomOp;
import org.thousandbrains.autodiff.Var;

/**
 * The pre-activation of a group, {@code a = b + Σ_i x_i · W_i}, as one op: the products accumulate by
 * GEMM ({@code beta = 1}) into one output buffer, and the backward pass computes only the gradients
 * that some input needs ({@code W_i}: {@code x_iᵀ g}; {@code x_i}: {@code g W_iᵀ}; {@code b}: column sums).
 * Inputs on the tape: {@code x_1, W_1, ..., x_m, W_m, b} with {@code x_i [B, n_i]}, {@code W_i [n_i, n]},
 * {@code b [1, n]}.
 */
final class Affine implements CustomOp {
    private final boolean[] needs;
    private final long rows;
    private INDArray[] in;

    private Affine(boolean[] needs, long rows) {
        this.needs = needs;
        this.rows = rows;
    }

    /** {@code bias + Σ xs[i] · ws[i]} for a batch of {@code rows}, on the tape of {@code bias}. */
    static Var apply(Var bias, Var[] xs, Var[] ws, long rows) {
        Var[] inputs = new Var[2 * xs.length + 1];
        boolean[] needs = new boolean[inputs.length];
        for (int i = 0; i < xs.length; i++) {
            inputs[2 * i] = xs[i];
            inputs[2 * i + 1] = ws[i];
        }
        inputs[inputs.length - 1] = bias;
        for (int i = 0; i < inputs.length; i++) needs[i] = inputs[i].requiresGrad();
        return bias.tape().apply(new Affine(needs, rows), inputs);
    }

    @Override
    public INDArray forward(INDArray[] inputs) {
        this.in = inputs;
        INDArray b = inputs[inputs.length - 1];
        int m = (inputs.length - 1) / 2;
        INDArray out = Nd4j.createUninitialized(b.dataType(), rows, b.size(1));
        out.assign(b.reshape(1, b.size(1)).broadcast(rows, b.size(1)));
        for (int i = 0; i < m; i++) {
            INDArray x = inputs[2 * i];
            INDArray w = inputs[2 * i + 1];
            if (x.size(1) != w.size(0) || w.size(1) != b.size(1) || x.size(0) != rows) {
                throw new IllegalArgumentException("affine term " + i + ": x " + java.util.Arrays.toString(x.shape()) + " · W "
                        + java.util.Arrays.toString(w.shape()) + " does not give [" + rows + ", " + b.size(1) + "]");
            }
            Nd4j.gemm(x, w, out, false, false, 1.0, 1.0);
        }
        return out;
    }

    @Override
    public INDArray[] backward(INDArray g) {
        INDArray[] grads = new INDArray[in.length];
        int m = (in.length - 1) / 2;
        for (int i = 0; i < m; i++) {
            INDArray x = in[2 * i];
            INDArray w = in[2 * i + 1];
            if (needs[2 * i + 1]) grads[2 * i + 1] = Nd4j.gemm(x, g, true, false);
            if (needs[2 * i]) grads[2 * i] = Nd4j.gemm(g, w, false, true);
        }
        if (needs[in.length - 1]) grads[in.length - 1] = g.sum(true, 0).reshape(1, g.size(1));
        in = null;
        return grads;
    }

    @Override
    public String name() {
        return "Affine";
    }
}
