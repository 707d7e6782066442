package org.thousandbrains.selfsup;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.autodiff.CustomOp;
import org.thousandbrains.autodiff.GraphParameters;
import org.thousandbrains.autodiff.Tape;
import org.thousandbrains.autodiff.Var;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.ops.ForwardPass;
import org.thousandbrains.train.Batch;
import org.thousandbrains.train.Forward;
import org.thousandbrains.train.Objective;

/**
 * An {@link Objective} whose loss is any function of one operator pass of a {@link GraphClassifier}: its
 * readout and the states of any nodes at any steps. The loss adds its derivatives into a
 * {@link StateGradient}, which seeds the operator's exact BPTT
 * ({@code TemporalOperator.backward(pass, dReadout, dStates)}); the gradients land in the classifier's
 * learnable tensors, so its optimizer, checkpoints and evaluation work unchanged. Learning rules other
 * than BPTT are not applied here.
 */
public final class PassObjective implements Objective {
    /** The loss of one batch, computed from the pass; optionally with its own model input and an after-step hook. */
    public interface Loss {
        /** The model input of {@code batch} ({@code [B, nIn]}); default its inputs (a masked copy for masked prediction). */
        default INDArray input(Batch batch) {
            return batch.inputs();
        }

        /** The loss value; adds {@code ∂loss/∂readout} and {@code ∂loss/∂x(t)} into {@code grad}. */
        double evaluate(ForwardPass pass, Batch batch, StateGradient grad);

        /** Called after each optimizer step (e.g. an EMA teacher's update); nothing by default. */
        default void afterStep() {
        }
    }

    private final GraphClassifier model;
    private final Loss loss;
    private final boolean classifies;

    private PassObjective(GraphClassifier model, Loss loss, boolean classifies) {
        this.model = java.util.Objects.requireNonNull(model, "model");
        this.loss = java.util.Objects.requireNonNull(loss, "loss");
        this.classifies = classifies;
    }

    /** The readout is the class logits: forwards report them, so trainers count accuracy. */
    public static PassObjective classifying(GraphClassifier model, Loss loss) {
        return new PassObjective(model, loss, true);
    }

    /** No class logits (pretraining without labels): forwards report only the loss. */
    public static PassObjective unsupervised(GraphClassifier model, Loss loss) {
        return new PassObjective(model, loss, false);
    }

    public GraphClassifier model() { return model; }
    public Loss loss() { return loss; }

    @Override
    public Forward forward(Tape tape, Batch batch) {
        PassOp op = new PassOp(loss.input(batch), batch, tape.isRecording());
        GraphParameters gp = model.graphParameters();
        Var v = tape.apply(op, tape.param(gp.weight()), tape.param(gp.delay()), tape.param(gp.leak()), tape.param(gp.bias()));
        return new Forward(v, classifies ? op.logits : null);
    }

    @Override
    public void afterStep() {
        loss.afterStep();
    }

    /** One pass and its loss; the backward seeds the operator with the loss's state gradient. */
    private final class PassOp implements CustomOp {
        private final INDArray x;
        private final Batch batch;
        private final boolean training;
        private ForwardPass pass;
        private StateGradient grad;
        private INDArray logits;

        PassOp(INDArray x, Batch batch, boolean training) {
            this.x = x;
            this.batch = batch;
            this.training = training;
        }

        @Override
        public INDArray forward(INDArray[] inputs) {
            ForwardPass p = model.pass(x, training);
            double value;
            boolean kept = false;
            try {
                StateGradient g = new StateGradient(p, model.outputSize());
                value = loss.evaluate(p, batch, g);
                logits = GraphClassifier.sampleRows(p.readout(), p.batch());
                if (training) {
                    pass = p;
                    grad = g;
                    kept = true;
                }
            } finally {
                if (!kept) p.close();
            }
            INDArray out = Nd4j.zeros(DataType.DOUBLE, 1, 1);
            out.putScalar(0, value);
            return out;
        }

        @Override
        public INDArray[] backward(INDArray gradOutput) {
            if (pass == null) throw new IllegalStateException("backward of an evaluation pass");
            double s = gradOutput.getDouble(0);
            try {
                model.addGradients(model.operator().backward(pass, grad.readoutTimes(s), grad.statesTimes(s)));
            } finally {
                pass.close();
                pass = null;
                grad = null;
            }
            return new INDArray[4];
        }

        @Override
        public String name() {
            return "PassObjective(T=" + model.steps() + ")";
        }
    }
}
