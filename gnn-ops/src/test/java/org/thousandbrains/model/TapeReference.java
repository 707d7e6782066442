package org.thousandbrains.model;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.autodiff.Tape;
import org.thousandbrains.autodiff.Var;

/**
 * An independent implementation of {@link LayeredModel}'s semantics composed of generic tape ops
 * (matmul, addBias, gather, mul, activation, k-WTA and unit ops in evaluation mode): the oracle that
 * the hand-written forward and backward passes of {@link BlockProgram} are compared with.
 */
final class TapeReference {
    private TapeReference() {
    }

    /** The logits; k-WTA layers in training mode (duty-cycle updates after each selection) when {@code training}. */
    static Var logits(LayeredModel model, Tape tape, INDArray x, boolean training) {
        BlockLayout layout = model.layout();
        int groups = layout.groups().size();
        int steps = model.steps();
        Var[][] state = new Var[steps + 1][groups];
        Var[] trace = new Var[layout.edgeLists().size()];
        Var input = tape.constant(x);
        for (int t = 1; t <= steps; t++) {
            for (int p = 0; p < groups; p++) {
                GroupPlan g = layout.group(p);
                if (g.isInput()) {
                    state[t][p] = input;
                    continue;
                }
                Var e = tape.constant(Nd4j.zeros(x.dataType(), x.size(0), g.size())).addBias(tape.param(model.bias(p)));
                int internal = -1;
                for (int i = 0; i < layout.matrices().size(); i++) {
                    MatrixBlock b = layout.matrices().get(i);
                    if (b.target() != p) continue;
                    if (b.role() == MatrixBlock.Role.UNIT_INTERNAL) {
                        internal = i;
                        continue;
                    }
                    if (t - b.delay() < 1) continue;
                    e = e.add(state[t - b.delay()][b.source()].matmul(tape.param(model.matrixWeight(i))));
                }
                for (int i = 0; i < trace.length; i++) {
                    EdgeListBlock b = layout.edgeLists().get(i);
                    if (b.target() != p) continue;
                    Var r = read(state, b, t);
                    Var s = trace[i] == null ? r : trace[i].mul(tape.param(model.listLeak(i)));
                    if (r != null && trace[i] != null) s = s.add(r);
                    trace[i] = s;
                    if (s == null) continue;
                    INDArray incidence = Nd4j.zeros(x.dataType(), b.size(), g.size());
                    for (int k = 0; k < b.size(); k++) incidence.putScalar(k, b.targetCol()[k], 1.0);
                    e = e.add(s.mul(tape.param(model.listWeight(i))).matmul(tape.constant(incidence)));
                }
                Var z;
                if (internal < 0) {
                    z = e.activation(g.activation());
                } else {
                    z = state[t - 1][p];
                    for (int j = 0; j < g.rec(); j++) {
                        Var a = z == null ? e : e.add(z.matmul(tape.param(model.matrixWeight(internal))));
                        z = a.activation(g.activation());
                    }
                }
                if (model.unitWinners(p) != null) z = model.unitWinners(p).apply(z);
                if (model.kWinners(p) != null) z = model.kWinners(p).apply(z, training);
                state[t][p] = z;
            }
        }
        return state[steps][layout.output()];
    }

    private static Var read(Var[][] state, EdgeListBlock b, int t) {
        int k = b.wholeSteps();
        double f = b.fraction();
        List<Var> parts = new ArrayList<>();
        if (t - k >= 1) parts.add(state[t - k][b.source()].gather(1, b.sourceCol()).scale(1 - f));
        if (f > 0 && t - k - 1 >= 1) parts.add(state[t - k - 1][b.source()].gather(1, b.sourceCol()).scale(f));
        if (parts.isEmpty()) return null;
        return parts.size() == 1 ? parts.get(0) : parts.get(0).add(parts.get(1));
    }
}
