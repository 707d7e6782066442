package org.thousandbrains.autodiff;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.thousandbrains.graph.topology.Activation;

/** Elementwise activations; derivatives are computed from the outputs (relu'(0) = 0). */
final class Activations {
    private Activations() {
    }

    static Var of(Var x, Activation a) {
        switch (a) {
            case RELU: return relu(x);
            case TANH: return tanh(x);
            case SIGMOID: return sigmoid(x);
            default: return identity(x);
        }
    }

    static Var relu(Var x) {
        INDArray y = Transforms.relu(x.value, true);
        return x.tape.record(y, g -> x.accumulateOwned(Transforms.step(y, true).muli(g)), x); // step(y) = [y > 0]
    }

    static Var tanh(Var x) {
        INDArray y = Transforms.tanh(x.value, true);
        return x.tape.record(y, g -> x.accumulateOwned(y.mul(y).rsubi(1).muli(g)), x);
    }

    static Var sigmoid(Var x) {
        INDArray y = Transforms.sigmoid(x.value, true);
        return x.tape.record(y, g -> x.accumulateOwned(y.rsub(1).muli(y).muli(g)), x);
    }

    static Var identity(Var x) {
        return x.tape.record(x.value, x::accumulate, x);
    }
}
