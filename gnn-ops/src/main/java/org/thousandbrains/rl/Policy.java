package org.thousandbrains.rl;

import java.util.ArrayList;
import java.util.List;

import org.thousandbrains.autodiff.GraphParameters;
import org.thousandbrains.autodiff.Parameter;
import org.thousandbrains.graph.build.LayeredNetwork;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.ops.ForwardPass;
import org.thousandbrains.ops.Gradients;
import org.thousandbrains.ops.Inputs;
import org.thousandbrains.ops.Precision;
import org.thousandbrains.ops.TemporalOperator;

/**
 * A stochastic policy over discrete actions computed by the one {@link TemporalOperator} of a graph:
 * observation {@code i} drives the {@code i}-th input node (node order), the readouts of the output
 * nodes are the action logits, and {@code π(·|s)} is their softmax. Every edge must be instant
 * (delay below 1), so one decision is one pass of {@code T = 1} step, and a batch of observations is
 * one pass over a batch. The operator runs in float64. Its parameters live in {@link #graphParameters()}
 * (weight, delay, leak, bias tensors for an optimizer) and are written into the operator before each pass.
 *
 * <p>Layouts: observations are sample-major {@code [B][nIn]}, probabilities and logit gradients
 * {@code [B][nActions]}.
 */
public final class Policy {
    /** {@code ∂L/∂logits} {@code [B][nActions]} of a loss, given the probabilities of the same pass. */
    @FunctionalInterface
    public interface LogitGradient {
        double[] of(double[] probabilities);
    }

    private final TemporalOperator op;
    private final GraphParameters gp;
    private final int[] inputNodes;
    private final int nIn;
    private final int nActions;

    /** A policy over {@code net}: its input nodes observe, its output nodes give the logits. */
    public Policy(Network net) {
        CompiledGraph g = GraphCompiler.compile(net);
        for (int e = 0; e < g.edgeCount(); e++) {
            if (!g.isInstant(e)) {
                throw new IllegalArgumentException("policy edge " + g.nodeId(g.src()[e]) + " -> " + g.nodeId(g.dst()[e])
                        + " has delay " + g.delay()[e] + ": a policy needs instant edges (delay < 1), one step per decision");
            }
        }
        this.op = TemporalOperator.of(g).precision(Precision.FLOAT64).threads(1).skipFrozenGradients(true).readoutMeanOfLast(1);
        this.gp = GraphParameters.of(op);
        this.inputNodes = op.inputNodes();
        this.nIn = inputNodes.length;
        this.nActions = op.outputs().length;
        if (nIn == 0 || nActions < 2) {
            throw new IllegalArgumentException("a policy needs input nodes and at least 2 output nodes, the graph has "
                    + nIn + " and " + nActions);
        }
    }

    /** {@code inputs → hidden tanh → actions}, dense instant edges, PyTorch-style init from {@code seed}. */
    public static Policy mlp(int inputs, int hidden, int actions, long seed) {
        return new Policy(LayeredNetwork.builder().inputs(inputs).dense(hidden, Activation.TANH).outputs(actions)
                .delay(0).seed(seed).build());
    }

    /** {@code inputs → actions}: logits linear in the observation. */
    public static Policy linear(int inputs, int actions, long seed) {
        return new Policy(LayeredNetwork.builder().inputs(inputs).outputs(actions).delay(0).seed(seed).build());
    }

    public int inputSize() { return nIn; }

    public int actionCount() { return nActions; }

    /** Worker threads of the operator (default 1: small policy graphs run fastest on one). */
    public Policy threads(int k) {
        op.threads(k);
        return this;
    }

    public TemporalOperator operator() { return op; }

    public GraphParameters graphParameters() { return gp; }

    /** The learnable tensors of {@link #graphParameters()}, for an optimizer. */
    public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : gp.all()) if (p.learnable()) out.add(p);
        return out;
    }

    /** The operator input for observations {@code [B][nIn]}: constant over the pass, on the input nodes. */
    public Inputs inputs(double[] observations, int batch) {
        if (batch < 1 || observations.length != batch * nIn) {
            throw new IllegalArgumentException(observations.length + " observation values for a batch of " + batch + " x " + nIn);
        }
        double[] nodeMajor = new double[observations.length];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < nIn; i++) nodeMajor[i * batch + b] = observations[b * nIn + i];
        }
        return Inputs.constant(inputNodes, batch, nodeMajor);
    }

    /** {@code π(·|s)} {@code [B][nActions]} of a batch of observations (no history kept). */
    public double[] probabilities(double[] observations, int batch) {
        Inputs in = inputs(observations, batch);
        gp.writeToOperator();
        try (ForwardPass p = op.infer(in, 1, batch, null)) {
            return softmax(p.readout(), batch);
        }
    }

    /**
     * One forward and backward pass over a batch: computes {@code π(·|s)}, asks {@code loss} for
     * {@code ∂L/∂logits}, back-propagates it through the operator and adds the gradients into the
     * learnable tensors' {@code grad()}. Returns the probabilities of the pass.
     */
    public double[] backward(double[] observations, int batch, LogitGradient loss) {
        Inputs in = inputs(observations, batch);
        gp.writeToOperator();
        double[] probs;
        Gradients g;
        try (ForwardPass p = op.forward(in, 1, batch, null)) {
            probs = softmax(p.readout(), batch);
            double[] d = loss.of(probs);
            if (d.length != probs.length) throw new IllegalArgumentException("logit gradient has " + d.length + " values, expected " + probs.length);
            double[] seed = new double[d.length];
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < nActions; j++) seed[j * batch + b] = d[b * nActions + j];
            }
            g = op.backward(p, seed);
        }
        gp.addGradient(gp.weight(), g.weight());
        if (g.hasDelay()) gp.addGradient(gp.delay(), g.delay());
        if (g.hasLeak()) gp.addGradient(gp.leak(), g.leak());
        gp.addGradient(gp.bias(), g.bias());
        return probs;
    }

    /** Softmax over the actions of a readout {@code [nActions][B]}, returned sample-major {@code [B][nActions]}. */
    private double[] softmax(double[] readout, int batch) {
        double[] p = new double[readout.length];
        for (int b = 0; b < batch; b++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < nActions; j++) m = Math.max(m, readout[j * batch + b]);
            double z = 0;
            for (int j = 0; j < nActions; j++) {
                double e = Math.exp(readout[j * batch + b] - m);
                p[b * nActions + j] = e;
                z += e;
            }
            for (int j = 0; j < nActions; j++) p[b * nActions + j] /= z;
        }
        return p;
    }
}
