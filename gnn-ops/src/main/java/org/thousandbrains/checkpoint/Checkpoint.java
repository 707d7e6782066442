package org.thousandbrains.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.thousandbrains.autodiff.Parameter;
import org.thousandbrains.autodiff.ParameterSet;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.compile.EdgeTable;
import org.thousandbrains.optim.OptimizerState;
import org.thousandbrains.train.Trainer;
import org.thousandbrains.train.TrainerState;

/**
 * The content of a checkpoint: parameter tensors (with group tag and learnable flag), and optionally the
 * optimizer state, the trainer state (epoch, batch, RNG), the graph (exact {@link EdgeTable} and/or
 * GraphML text) and free string metadata (dataset name, model configuration as JSON...). Values are
 * copied when captured, so later training does not change a checkpoint.
 */
public final class Checkpoint {
    /** One saved parameter. */
    public record Tensor(String name, String group, boolean learnable, INDArray value) {
    }

    private final Map<String, String> metadata;
    private final List<Tensor> parameters;
    private final OptimizerState optimizer;
    private final TrainerState trainer;
    private final EdgeTable graph;
    private final String graphml;

    Checkpoint(Map<String, String> metadata, List<Tensor> parameters, OptimizerState optimizer, TrainerState trainer,
               EdgeTable graph, String graphml) {
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        this.parameters = List.copyOf(parameters);
        this.optimizer = optimizer;
        this.trainer = trainer;
        this.graph = graph;
        this.graphml = graphml;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Map<String, String> metadata() { return metadata; }
    /** The metadata value, or null. */
    public String meta(String key) { return metadata.get(key); }
    public List<Tensor> parameters() { return parameters; }
    /** Null when none was saved. */
    public OptimizerState optimizerState() { return optimizer; }
    /** Null when none was saved. */
    public TrainerState trainerState() { return trainer; }
    /**
     * The whole model as saved: nodes, edges in input order with their parameters, groups, units, every
     * competition setting and the readout (T, K). Null when none was saved.
     */
    public EdgeTable graph() { return graph; }

    /**
     * The saved model compiled, {@code GraphCompiler.compile(graph())}: rebuilt from the file alone, equal to the
     * compiled graph it was saved from. Compiles anew on each call.
     *
     * @throws IllegalStateException when the checkpoint has no graph
     * @throws org.thousandbrains.graph.compile.TopologyException when the saved table does not compile
     */
    public CompiledGraph compiledGraph() {
        if (graph == null) throw new IllegalStateException("this checkpoint has no graph to compile");
        return GraphCompiler.compile(graph);
    }

    /** Null when none was saved. */
    public String graphml() { return graphml; }

    /**
     * Copies the saved values into {@code set}: both must hold the same parameter names with equal shapes
     * and data types; errors list the differences. Group tags and learnable flags are restored too.
     */
    public void restoreParameters(ParameterSet set) {
        Set<String> saved = new LinkedHashSet<>();
        for (Tensor t : parameters) saved.add(t.name());
        Set<String> here = new LinkedHashSet<>();
        for (Parameter p : set) here.add(p.name());
        if (!saved.equals(here)) {
            Set<String> missing = new LinkedHashSet<>(here);
            missing.removeAll(saved);
            Set<String> extra = new LinkedHashSet<>(saved);
            extra.removeAll(here);
            throw new IllegalArgumentException("checkpoint parameters differ from the model's: not in the checkpoint "
                    + missing + ", not in the model " + extra);
        }
        for (Tensor t : parameters) {
            Parameter p = set.get(t.name());
            if (!Arrays.equals(p.value().shape(), t.value().shape()) || p.value().dataType() != t.value().dataType()) {
                throw new IllegalArgumentException("parameter '" + t.name() + "' is " + p.value().dataType()
                        + Arrays.toString(p.value().shape()) + " in the model but " + t.value().dataType()
                        + Arrays.toString(t.value().shape()) + " in the checkpoint");
            }
        }
        for (Tensor t : parameters) {
            Parameter p = set.get(t.name());
            p.set(t.value());
            p.group(t.group()).learnable(t.learnable());
        }
    }

    /**
     * Puts a run back where it was saved: parameter values, optimizer state and trainer state (the
     * trainer must have been built with the same parameters, optimizer configuration and batch size).
     */
    public void resume(Trainer t) {
        if (optimizer == null || trainer == null) {
            throw new IllegalStateException("this checkpoint has no " + (optimizer == null ? "optimizer" : "trainer")
                    + " state to resume from");
        }
        restoreParameters(t.parameters());
        t.optimizer().loadState(optimizer);
        t.restore(trainer);
    }

    /** New parameters holding copies of the saved values (without projections, which are code, not data). */
    public ParameterSet newParameterSet() {
        ParameterSet set = new ParameterSet();
        for (Tensor t : parameters) set.add(new Parameter(t.name(), t.value().dup(), t.group()).learnable(t.learnable()));
        return set;
    }

    /** Assembles a {@link Checkpoint}; parameter values are copied at {@link #parameters} time. */
    public static final class Builder {
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private final List<Tensor> parameters = new ArrayList<>();
        private OptimizerState optimizer;
        private TrainerState trainer;
        private EdgeTable graph;
        private String graphml;

        private Builder() {
        }

        public Builder parameters(ParameterSet set) {
            parameters.clear();
            for (Parameter p : set) parameters.add(new Tensor(p.name(), p.group(), p.learnable(), p.value().dup('c')));
            return this;
        }

        Builder tensor(Tensor t) {
            parameters.add(t);
            return this;
        }

        /** Parameters, optimizer state and trainer state of a run, everything needed to resume it. */
        public Builder capture(Trainer t) {
            return parameters(t.parameters()).optimizer(t.optimizer().state()).trainer(t.state());
        }

        public Builder optimizer(OptimizerState s) {
            this.optimizer = s;
            return this;
        }

        public Builder trainer(TrainerState s) {
            this.trainer = s;
            return this;
        }

        /** The whole model as an edge table (with its competition settings and readout). */
        public Builder graph(EdgeTable t) {
            this.graph = t;
            return this;
        }

        /**
         * A compiled model with its current parameters: {@code graph(EdgeTable.of(g))}. For trained values kept
         * outside the graph (duty cycles, observations...), pass {@code EdgeTable.of(g, weight, ...)} instead.
         */
        public Builder graph(CompiledGraph g) {
            this.graph = g == null ? null : EdgeTable.of(g);
            return this;
        }

        /** The network as GraphML text (e.g. from {@code GraphMLWriter}), kept verbatim. */
        public Builder graphml(String text) {
            this.graphml = text;
            return this;
        }

        public Builder meta(String key, String value) {
            metadata.put(key, value);
            return this;
        }

        public Builder meta(Map<String, String> entries) {
            metadata.putAll(entries);
            return this;
        }

        public Checkpoint build() {
            return new Checkpoint(metadata, parameters, optimizer, trainer, graph, graphml);
        }
    }
}
