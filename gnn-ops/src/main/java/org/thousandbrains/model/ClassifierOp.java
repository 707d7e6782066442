package org.thousandbrains.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.autodiff.CustomOp;

/**
 * A {@link BlockProgram} pass followed by softmax cross-entropy against integer labels, as one tape
 * op whose output is the mean loss {@code [1, 1]}: {@code -mean_b log softmax(z_b)[y_b]} with the row
 * maximum subtracted first. The loss and its gradient {@code (softmax - onehot) / B} are computed in
 * Java over the {@code [B, classes]} logits, which saves a dozen small native ops per batch. Inputs
 * and parameter-gradient handling as {@link ProgramOp}; the logits stay readable through
 * {@link #logits()}.
 */
final class ClassifierOp implements CustomOp {
    private final BlockProgram program;
    private final boolean training;
    private final boolean inputGrad;
    private final int inputs;
    private final int[] labels;
    private BlockProgram.Run run;
    private INDArray logits;
    private double[] probabilities;

    ClassifierOp(BlockProgram program, boolean training, boolean inputGrad, int inputs, int[] labels) {
        this.program = program;
        this.training = training;
        this.inputGrad = inputGrad;
        this.inputs = inputs;
        this.labels = labels;
    }

    /** The logits {@code [B, classes]} of the forward pass. */
    INDArray logits() { return logits; }

    @Override
    public INDArray forward(INDArray[] in) {
        run = program.forward(in[0], training, inputGrad);
        logits = program.logits(run);
        int rows = (int) logits.size(0);
        int classes = (int) logits.size(1);
        if (labels.length != rows) throw new IllegalArgumentException(labels.length + " labels for a batch of " + rows);
        double[] z = new double[rows * classes];
        Host.read(logits, z);
        probabilities = new double[z.length];
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            int y = labels[r];
            if (y < 0 || y >= classes) throw new IllegalArgumentException("label " + y + " at batch row " + r + " is outside [0, " + classes + ")");
            int base = r * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) max = Math.max(max, z[base + c]);
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                double e = Math.exp(z[base + c] - max);
                probabilities[base + c] = e;
                sum += e;
            }
            for (int c = 0; c < classes; c++) probabilities[base + c] /= sum;
            loss -= z[base + y] - max - Math.log(sum);
        }
        INDArray out = Nd4j.create(logits.dataType(), 1, 1);
        out.putScalar(0, loss / rows);
        return out;
    }

    @Override
    public INDArray[] backward(INDArray gradOutput) {
        int rows = (int) logits.size(0);
        int classes = (int) logits.size(1);
        double scale = gradOutput.getDouble(0) / rows;
        double[] g = new double[probabilities.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < classes; c++) g[r * classes + c] = probabilities[r * classes + c] * scale;
            g[r * classes + labels[r]] -= scale;
        }
        INDArray gz = Nd4j.create(logits.dataType() == DataType.DOUBLE ? DataType.DOUBLE : DataType.FLOAT, rows, classes);
        Host.write(g, gz);
        INDArray[] grads = new INDArray[inputs];
        grads[0] = program.backward(run, gz);
        run = null;
        return grads;
    }

    @Override
    public String name() {
        return "LayeredModel+CrossEntropy";
    }
}
