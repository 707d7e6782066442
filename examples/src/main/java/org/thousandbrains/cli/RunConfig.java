package org.thousandbrains.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.thousandbrains.api.Training;
import org.thousandbrains.model.Architecture;
import org.thousandbrains.rules.LearningRule;
import org.thousandbrains.rules.Rules;

/**
 * What {@code tb train} trains: data spec, the model — a built-in family with its hidden layer sizes, or
 * a topology file ({@code --topology}, GraphML or edge-list CSV, with optional {@code --map} attribute
 * mappings and {@code --steps}/{@code --readout-k} overrides, 0 = the graph's own) — epochs, batch size,
 * learning rate, seed and learning rule ({@code --rule}, {@code Rules.parse} form; default {@code bptt}: Adam,
 * three-factor: SGD at the rule's rate). Defaults follow the data: the embedded digits get {@code 128,128} and 30
 * epochs (about a minute on two cores, JVM start included), larger image sets {@code 512,512} and 10
 * epochs, as the PyTorch peer. Stored as JSON in results and checkpoints; {@code tb eval} rebuilds the
 * model from the checkpoint's graph, not from this.
 */
public record RunConfig(String data, Architecture model, String topology, List<String> maps, int steps, int readoutK, int[] hidden,
                 int epochs, int batch, double lr, long seed, String rule, double delayLr, double leakLr) {
    static final String DEFAULT_DATA = "digits";
    public static final int DEFAULT_BATCH = Training.DEFAULT_BATCH;
    public static final double DEFAULT_LR = Training.DEFAULT_LR;

    public RunConfig {
        maps = List.copyOf(maps);
        if ((model == null) == (topology == null)) throw new IllegalArgumentException("a run trains a built-in model or a topology file");
    }

    /** A built-in family. */
    public static RunConfig builtIn(String data, Architecture model, int[] hidden, int epochs, int batch, double lr, long seed) {
        return new RunConfig(data, model, null, List.of(), 0, 0, hidden, epochs, batch, lr, seed, null, 0, 0);
    }

    /** A topology file (GraphML or edge-list CSV) with its own steps and readout window. */
    public static RunConfig topology(String data, String file, int epochs, int batch, double lr, long seed) {
        return new RunConfig(data, null, file, List.of(), 0, 0, new int[0], epochs, batch, lr, seed, null, 0, 0);
    }

    /** The same run under another learning rule. */
    public RunConfig withRule(String spec) {
        return new RunConfig(data, model, topology, maps, steps, readoutK, hidden, epochs, batch, lr, seed, spec, delayLr, leakLr);
    }

    /**
     * The same run with Adam rates of their own for delays and leaks (0: the weights' rate {@code lr}), as DCLS
     * trains delay positions far faster than weights ({@code GraphClassifier.optimizer(lr, delayLr, leakLr)}).
     */
    public RunConfig withRates(double delay, double leak) {
        return new RunConfig(data, model, topology, maps, steps, readoutK, hidden, epochs, batch, lr, seed, rule, delay, leak);
    }

    /** The delays' Adam rate: {@code delayLr}, or {@code lr} when not set. */
    public double delayRate() {
        return delayLr > 0 ? delayLr : lr;
    }

    /** The leaks' Adam rate: {@code leakLr}, or {@code lr} when not set. */
    public double leakRate() {
        return leakLr > 0 ? leakLr : lr;
    }

    /** The learning rule, parsed ({@code rule} null: not given, BPTT unless a topology file names one). */
    LearningRule learningRule() {
        try {
            return Rules.parse(rule);
        } catch (IllegalArgumentException e) {
            throw new CliException("--rule: " + e.getMessage());
        }
    }

    static boolean isDigits(String data) {
        return data.equals("digits");
    }

    static int[] defaultHidden(String data) {
        return isDigits(data) ? new int[] {128, 128} : new int[] {512, 512};
    }

    /** Epochs when {@code --epochs} is not given: 10 on Fashion-MNIST and other data; on the digits 30, and 80 for the temporal family (its epochs take a third of a second). */
    static int defaultEpochs(String data, Architecture model) {
        if (!isDigits(data)) return 10;
        return model == Architecture.TEMPORAL ? 80 : 30;
    }

    boolean isTopology() {
        return topology != null;
    }

    /** The topology file's name without its extension, or the family's label. */
    String label() {
        if (!isTopology()) return model.label();
        Path name = Path.of(topology).getFileName();
        String s = name == null ? topology : name.toString();
        int dot = s.lastIndexOf('.');
        return dot > 0 ? s.substring(0, dot) : s;
    }

    /** The default output folder {@code runs/<model or topology name>-<data>-<seed>} (made file-name safe). */
    String defaultOut() {
        return "runs/" + safe(label()) + "-" + safe(data) + "-" + seed;
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data);
        m.put("model", label());
        if (isTopology()) {
            m.put("topology", topology);
            if (!maps.isEmpty()) m.put("map", new ArrayList<Object>(maps));
            if (steps > 0) m.put("steps", steps);
            if (readoutK > 0) m.put("readout_k", readoutK);
        } else {
            List<Object> h = new ArrayList<>();
            for (int v : hidden) h.add(v);
            m.put("hidden", h);
        }
        m.put("epochs", epochs);
        m.put("batch", batch);
        m.put("lr", lr);
        if (delayLr > 0) m.put("delay_lr", delayLr);
        if (leakLr > 0) m.put("leak_lr", leakLr);
        m.put("seed", seed);
        m.put("rule", learningRule().spec());
        m.put("optimizer", learningRule().backpropagates() ? "adam" : "sgd");
        if (!isTopology()) m.put("init", "torch_linear");
        return m;
    }

    static RunConfig fromJson(Object json) {
        if (!(json instanceof Map<?, ?> m)) throw new CliException("run configuration is not a JSON object");
        try {
            String data = (String) m.get("data");
            int epochs = ((Number) m.get("epochs")).intValue();
            int batch = ((Number) m.get("batch")).intValue();
            double lr = ((Number) m.get("lr")).doubleValue();
            long seed = ((Number) m.get("seed")).longValue();
            String rule = m.get("rule") == null ? null : (String) m.get("rule");
            double delayLr = m.get("delay_lr") == null ? 0 : ((Number) m.get("delay_lr")).doubleValue();
            double leakLr = m.get("leak_lr") == null ? 0 : ((Number) m.get("leak_lr")).doubleValue();
            if (m.get("topology") != null) {
                List<String> maps = new ArrayList<>();
                if (m.get("map") instanceof List<?> l) for (Object o : l) maps.add((String) o);
                int steps = m.get("steps") == null ? 0 : ((Number) m.get("steps")).intValue();
                int k = m.get("readout_k") == null ? 0 : ((Number) m.get("readout_k")).intValue();
                return new RunConfig(data, null, (String) m.get("topology"), maps, steps, k, new int[0], epochs, batch, lr, seed, rule,
                        delayLr, leakLr);
            }
            List<?> h = (List<?>) m.get("hidden");
            int[] hidden = new int[h.size()];
            for (int i = 0; i < hidden.length; i++) hidden[i] = ((Number) h.get(i)).intValue();
            return builtIn(data, Architecture.parse((String) m.get("model")), hidden, epochs, batch, lr, seed).withRule(rule)
                    .withRates(delayLr, leakLr);
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new CliException("run configuration is malformed: " + m);
        }
    }

    @Override
    public String toString() {
        String what = isTopology() ? label() + " (" + topology + ")" : model.label() + " " + Arrays.toString(hidden);
        String rates = delayLr > 0 || leakLr > 0 ? " (delays " + delayRate() + ", leaks " + leakRate() + ")" : "";
        return what + " on " + data + ", " + epochs + " epochs, batch " + batch + ", lr " + lr + rates + ", seed " + seed + ", rule "
                + learningRule().spec();
    }
}
