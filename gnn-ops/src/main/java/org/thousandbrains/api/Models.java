package org.thousandbrains.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import org.thousandbrains.data.Dataset;
import org.thousandbrains.data.Split;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.compile.GroupStructure;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.model.Architecture;
import org.thousandbrains.model.GraphClassifier;

/**
 * Classifiers to train: the built-in families of {@link Architecture} sized for a data set, or any topology
 * ({@link Topologies}) whose input nodes take the features and whose output nodes are the classes.
 *
 * <pre>{@code
 * GraphClassifier sparse = Models.sparse(Data.digits());                  // 64 → 128 → 128 → 10, k-WTA
 * GraphClassifier mine = Models.classifier(Topologies.read("net.graphml"), Data.digits());
 * }</pre>
 */
public final class Models {
    /** Hidden layer sizes of the built-in families when none are given (the digits' defaults). */
    private static final int[] DEFAULT_HIDDEN = {128, 128};

    private Models() {
    }

    /** {@link Architecture#TEMPORAL}: units with learnable delays and leaks over six steps, hidden 128, 128, seed 0. */
    public static GraphClassifier temporal(Split data) {
        return builtIn(Architecture.TEMPORAL, data, 0, DEFAULT_HIDDEN);
    }

    /** {@link Architecture#DENSE}: fully connected ReLU layers 128, 128, seed 0. */
    public static GraphClassifier dense(Split data) {
        return builtIn(Architecture.DENSE, data, 0, DEFAULT_HIDDEN);
    }

    /** {@link Architecture#SPARSE}: nupic.torch style sparse weights and k-WTA, hidden 128, 128, seed 0. */
    public static GraphClassifier sparse(Split data) {
        return builtIn(Architecture.SPARSE, data, 0, DEFAULT_HIDDEN);
    }

    /** {@link Architecture#UNITS}: thousand-brains units with lateral leaky edges, hidden 128, 128, seed 0. */
    public static GraphClassifier units(Split data) {
        return builtIn(Architecture.UNITS, data, 0, DEFAULT_HIDDEN);
    }

    /** A built-in family for this data ({@code hidden} empty: 128, 128), initialised from {@code seed}. */
    public static GraphClassifier builtIn(Architecture family, Split data, long seed, int... hidden) {
        return classifier(network(family, data, seed, hidden), data);
    }

    /** The network of a built-in family for this data ({@code hidden} empty: 128, 128). */
    public static Network network(Architecture family, Split data, long seed, int... hidden) {
        return family.network(data.train().dim(), hidden.length == 0 ? DEFAULT_HIDDEN : hidden, data.train().numClasses(), seed);
    }

    /** The topology compiled into a classifier (one thread). */
    public static GraphClassifier classifier(Network net) {
        return GraphClassifier.of(GraphCompiler.compile(net));
    }

    /** The topology compiled into a classifier, checked to fit the data ({@link #checkFits}). */
    public static GraphClassifier classifier(Network net, Split data) {
        CompiledGraph g = GraphCompiler.compile(net);
        checkFits("the network", g, data.train(), data.train().name());
        return GraphClassifier.of(g);
    }

    /**
     * Checks that the graph's input nodes (times its input steps L when L &gt; 0) take the data's features and
     * its output nodes are its classes; the message names {@code name} and the data set {@code dataName}.
     */
    public static void checkFits(String name, CompiledGraph g, Dataset data, String dataName) {
        int in = g.inputs().length * Math.max(1, g.inputSteps());
        int out = g.outputs().length;
        if (in != data.dim()) {
            String hint = name.toLowerCase(Locale.ROOT).endsWith(".csv")
                    ? " (an edge-list CSV names no node kinds: its sources are taken as inputs and its sinks as outputs;"
                    + " write GraphML with kind=input/output to choose them)" : "";
            String inputs = g.inputSteps() > 0 ? g.inputs().length + " input nodes × " + g.inputSteps() + " input steps = " + in + " values"
                    : in + " input nodes";
            throw new IllegalArgumentException(name + " has " + inputs + " but dataset " + dataName + " has " + data.dim() + " features"
                    + hint);
        }
        if (out != data.numClasses()) {
            throw new IllegalArgumentException(name + " has " + out + " output nodes but dataset " + dataName + " has "
                    + data.numClasses() + " classes");
        }
    }

    /** The hidden nodes (neither input nor output) of the model's graph, in node order. */
    public static int[] hiddenNodes(GraphClassifier model) {
        CompiledGraph g = model.graph();
        return IntStream.range(0, g.nodeCount()).filter(v -> g.kind(v) != NodeKind.INPUT && g.kind(v) != NodeKind.OUTPUT).toArray();
    }

    /** Size, competition, readout and precision of the model's graph, as the {@code graph} object of a run's results. */
    public static Map<String, Object> summary(GraphClassifier model) {
        CompiledGraph g = model.graph();
        GroupStructure s = g.groupStructure();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodes", g.nodeCount());
        m.put("synapses", g.edgeCount());
        m.put("inputs", model.inputSize());
        m.put("outputs", model.outputSize());
        m.put("hidden", hiddenNodes(model).length);
        m.put("kwta_groups", s.kwtaCount());
        m.put("units", s.unitCount());
        m.put("unit_groups", s.unitGroupCount());
        m.put("steps", model.steps());
        m.put("readout_window", model.readoutWindow());
        m.put("precision", model.precision().name().toLowerCase(Locale.ROOT));
        return m;
    }
}
