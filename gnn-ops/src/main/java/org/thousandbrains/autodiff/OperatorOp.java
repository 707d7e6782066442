package org.thousandbrains.autodiff;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.ops.ForwardPass;
import org.thousandbrains.ops.Gradients;
import org.thousandbrains.ops.Inputs;
import org.thousandbrains.ops.Precision;
import org.thousandbrains.ops.TemporalOperator;

/**
 * The temporal graph operator as one differentiable op: {@code T} steps of the graph of a
 * {@link GraphParameters}, from an input in the operator's node-major layout, to the readout
 * {@code [nOut, B]} (node-major: transpose it for a {@code [B, classes]} loss). Its backward is the
 * operator's exact BPTT, mapped to the gradients of weight, delay, leak, bias, the input, and the
 * overseer normalization's gain and shift when the graph has overseen groups.
 *
 * <pre>{@code
 * GraphParameters gp = GraphParameters.of(TemporalOperator.of(compiled));
 * Var readout = OperatorOp.constant(tape, gp, T, tape.constant(xBatch).transpose()); // xBatch [B, nIn]
 * Var loss = Losses.softmaxCrossEntropy(readout.transpose(), labels);
 * }</pre>
 *
 * <p>The input's data type sets the readout's; gradients of the input come back in that type. On an
 * inference tape the operator runs {@code infer} (history ring only).
 */
public final class OperatorOp implements CustomOp {
    private enum Layout { NONE, CONSTANT, PER_STEP }

    private final GraphParameters params;
    private final Layout layout;
    private final int[] nodes;
    private final int steps;
    private final int batch;
    private final boolean recording;
    private ForwardPass pass;
    private long[] inputShape;
    private DataType inputType;

    private OperatorOp(GraphParameters params, Layout layout, int[] nodes, int steps, int batch, boolean recording) {
        if (steps < 1) throw new IllegalArgumentException("steps T must be >= 1, got " + steps);
        this.params = params;
        this.layout = layout;
        this.nodes = nodes;
        this.steps = steps;
        this.batch = batch;
        this.recording = recording;
    }

    /** Input held constant over the {@code T} steps on the graph's input nodes: {@code input [nIn, B]}. */
    public static Var constant(Tape tape, GraphParameters gp, int T, Var input) {
        return constant(tape, gp, T, gp.operator().inputNodes(), input);
    }

    /** Input held constant on the listed nodes (in that order): {@code input [nodes.length, B]}. */
    public static Var constant(Tape tape, GraphParameters gp, int T, int[] nodes, Var input) {
        requireRows(input, nodes.length, "constant input on " + nodes.length + " nodes");
        return apply(tape, gp, new OperatorOp(gp, Layout.CONSTANT, nodes.clone(), T, (int) input.shape()[1],
                tape.isRecording()), input);
    }

    /** A different input at each step on the listed nodes: {@code input [T * nodes.length, B]}, step-major. */
    public static Var perStep(Tape tape, GraphParameters gp, int T, int[] nodes, Var input) {
        requireRows(input, (long) T * nodes.length, "per-step input of " + T + " steps on " + nodes.length + " nodes");
        return apply(tape, gp, new OperatorOp(gp, Layout.PER_STEP, nodes.clone(), T, (int) input.shape()[1],
                tape.isRecording()), input);
    }

    /** No external input (the graph runs from zero state on its biases), batch {@code B}, float32 readout. */
    public static Var free(Tape tape, GraphParameters gp, int T, int B) {
        if (B < 1) throw new IllegalArgumentException("batch must be >= 1, got " + B);
        return apply(tape, gp, new OperatorOp(gp, Layout.NONE, null, T, B, tape.isRecording()), null);
    }

    private static Var apply(Tape tape, GraphParameters gp, OperatorOp op, Var input) {
        Var w = tape.param(gp.weight());
        Var d = tape.param(gp.delay());
        Var l = tape.param(gp.leak());
        Var b = tape.param(gp.bias());
        java.util.List<Var> args = new java.util.ArrayList<>(java.util.List.of(w, d, l, b));
        if (input != null) args.add(input);
        if (gp.hasNormalization()) {
            args.add(tape.param(gp.gain()));
            args.add(tape.param(gp.shift()));
        }
        return tape.apply(op, args.toArray(new Var[0]));
    }

    private static void requireRows(Var input, long rows, String what) {
        long[] s = input.shape();
        if (s.length != 2 || s[0] != rows) {
            throw new IllegalArgumentException(what + " must have shape [" + rows + ", B], got " + Arrays.toString(s));
        }
    }

    @Override
    public INDArray forward(INDArray[] in) {
        TemporalOperator op = params.operator();
        params.writeToOperator();
        Inputs inputs = Inputs.none();
        DataType outType = DataType.FLOAT;
        if (layout != Layout.NONE) {
            INDArray x = in[4];
            inputShape = x.shape();
            inputType = x.dataType();
            outType = inputType;
            INDArray c = x.ordering() == 'c' && !x.isView() ? x : x.dup('c');
            boolean f32 = op.precision() == Precision.FLOAT32;
            if (layout == Layout.CONSTANT) {
                inputs = f32 ? Inputs.constant(nodes, batch, c.data().asFloat()) : Inputs.constant(nodes, batch, c.data().asDouble());
            } else {
                inputs = f32 ? Inputs.perStep(nodes, steps, batch, c.data().asFloat())
                        : Inputs.perStep(nodes, steps, batch, c.data().asDouble());
            }
        }
        int nOut = op.outputs().length;
        double[] y;
        if (recording) {
            pass = op.forward(inputs, steps, batch, null);
            y = pass.readout();
        } else {
            try (ForwardPass p = op.infer(inputs, steps, batch, null)) {
                y = p.readout();
            }
        }
        return Nd4j.create(y, new long[] {nOut, batch}, DataType.DOUBLE).castTo(outType);
    }

    @Override
    public INDArray[] backward(INDArray gradOutput) {
        INDArray g = gradOutput.dup('c');
        Gradients gr;
        try {
            gr = params.operator().backward(pass, g.data().asDouble());
        } finally {
            pass.close();
            pass = null;
        }
        int norm = layout == Layout.NONE ? 4 : 5;
        INDArray[] out = new INDArray[params.hasNormalization() ? norm + 2 : norm];
        out[0] = row(gr.weight());
        out[1] = row(gr.delay());
        out[2] = row(gr.leak());
        out[3] = row(gr.bias());
        if (layout != Layout.NONE) {
            double[] gi = gr.inputs();
            out[4] = Nd4j.create(gi, inputShape, DataType.DOUBLE).castTo(inputType);
        }
        if (params.hasNormalization()) {
            out[norm] = row(gr.gain());
            out[norm + 1] = row(gr.shift());
        }
        return out;
    }

    private static INDArray row(double[] v) {
        return Nd4j.create(v, new long[] {1, v.length}, DataType.DOUBLE);
    }

    @Override
    public String name() {
        return "OperatorOp(" + layout.name().toLowerCase() + ", T=" + steps + ")";
    }
}
