package org.thousandbrains.selfsup;

import java.util.List;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.autodiff.Parameter;
import org.thousandbrains.graph.build.Init;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.model.GraphClassifier;

/**
 * A linear probe through the operator: the pretrained network loses its output nodes (e.g. reconstruction
 * heads) and gains {@code C} new output nodes {@code probe:0..C-1} fed by every member of a hidden group
 * (delay {@code d_min}, {@link Init#TORCH_LINEAR} weights from the seed); every other edge is frozen
 * (learnable bits cleared) and {@link #model} keeps every other bias at its pretrained value, so training
 * the classifier trains exactly a linear map of the group's frozen states at {@code T − d_min} (plus bias)
 * to the class logits, softmax cross-entropy as usual. {@link #fineTuning} adds the same outputs without freezing
 * anything, for fine-tuning the whole pretrained network instead.
 */
public final class LinearProbe {
    /** Prefix of the probe's output node ids. */
    public static final String PREFIX = "probe:";

    private LinearProbe() {
    }

    /** The probe network built from {@code pretrained} (changed in place and returned): new outputs on {@code group}, every other edge frozen. */
    public static Network network(Network pretrained, String group, int classes, long seed) {
        return withOutputs(pretrained, group, classes, seed, true);
    }

    /**
     * The same new outputs for fine-tuning: nothing frozen, so {@code GraphClassifier.of(net)} trains the whole
     * pretrained network with the new readout.
     */
    public static Network fineTuning(Network pretrained, String group, int classes, long seed) {
        return withOutputs(pretrained, group, classes, seed, false);
    }

    private static Network withOutputs(Network pretrained, String group, int classes, long seed, boolean freeze) {
        if (classes < 1) throw new IllegalArgumentException("a probe needs >= 1 class, got " + classes);
        List<Neuron> features = pretrained.nodes().stream().filter(n -> group.equals(n.group())).toList();
        if (features.isEmpty()) throw new IllegalArgumentException("no node in group '" + group + "' to probe");
        for (String id : pretrained.nodes().stream().filter(n -> n.kind() == NodeKind.OUTPUT).map(Neuron::id).toList()) {
            pretrained.removeNode(id);
        }
        if (freeze) pretrained.synapses().forEach(s -> s.learnable(Learnable.NONE));
        RandomGenerator rng = new Well19937c(seed);
        double dMin = pretrained.settings().dMin();
        for (int j = 0; j < classes; j++) {
            Neuron out = pretrained.addNode(PREFIX + j, NodeKind.OUTPUT).bias(0.0);
            for (Neuron u : features) {
                pretrained.connect(u, out, Init.TORCH_LINEAR.weight(rng, features.size(), classes), dMin, 0.0)
                        .learnable(Learnable.WEIGHT);
            }
        }
        return pretrained;
    }

    /** A classifier over a probe network whose biases stay fixed except the probe outputs'. */
    public static GraphClassifier model(Network probe) {
        GraphClassifier c = GraphClassifier.of(probe);
        String[] ids = c.graph().nodeIds();
        double[] free = new double[ids.length];
        int probes = 0;
        for (int v = 0; v < ids.length; v++) {
            if (ids[v].startsWith(PREFIX)) {
                free[v] = 1;
                probes++;
            }
        }
        if (probes == 0) throw new IllegalArgumentException("no probe output node (" + PREFIX + "j): build the network with LinearProbe.network");
        Parameter bias = c.graphParameters().bias();
        INDArray m = Nd4j.create(free, new long[] {1, free.length}).castTo(bias.value().dataType());
        INDArray fixed = bias.value().mul(m.rsub(1));
        bias.projection(v -> v.muli(m).addi(fixed));
        return c;
    }
}
