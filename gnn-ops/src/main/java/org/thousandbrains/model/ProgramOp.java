package org.thousandbrains.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.thousandbrains.autodiff.CustomOp;

/**
 * A {@link BlockProgram} pass as one tape op. Inputs: the batch, then the model's learnable parameters
 * (so that the tape records the op); the backward pass adds the parameters' gradients straight into
 * their {@code grad()} (no copies of large gradient matrices) and returns {@code null} for them, and
 * {@code dL/dx} for the batch when it requires a gradient.
 */
final class ProgramOp implements CustomOp {
    private final BlockProgram program;
    private final boolean training;
    private final boolean inputGrad;
    private final int inputs;
    private BlockProgram.Run run;

    ProgramOp(BlockProgram program, boolean training, boolean inputGrad, int inputs) {
        this.program = program;
        this.training = training;
        this.inputGrad = inputGrad;
        this.inputs = inputs;
    }

    @Override
    public INDArray forward(INDArray[] in) {
        run = program.forward(in[0], training, inputGrad);
        return program.logits(run);
    }

    @Override
    public INDArray[] backward(INDArray gradOutput) {
        INDArray[] grads = new INDArray[inputs];
        grads[0] = program.backward(run, gradOutput);
        run = null;
        return grads;
    }

    @Override
    public String name() {
        return "LayeredModel";
    }
}
