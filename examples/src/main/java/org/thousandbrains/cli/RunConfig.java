package org.thousandbrains.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.thousandbrains.model.Architecture;

/**
 * What {@code tb train} trains: data spec, model family, hidden layer sizes, epochs, batch size, Adam
 * learning rate and seed. Defaults follow the data: the embedded digits get {@code 128,128} and 30
 * epochs (about a minute on two cores, JVM start included), larger image sets {@code 512,512} and 10
 * epochs, as the PyTorch peer. Stored as JSON in results and checkpoints, so {@code tb eval} can
 * rebuild the same graph.
 */
record RunConfig(String data, Architecture model, int[] hidden, int epochs, int batch, double lr, long seed) {
    static final String DEFAULT_DATA = "digits";
    static final int DEFAULT_BATCH = 128;
    static final double DEFAULT_LR = 1e-3;

    static boolean isDigits(String data) {
        return data.equals("digits");
    }

    static int[] defaultHidden(String data) {
        return isDigits(data) ? new int[] {128, 128} : new int[] {512, 512};
    }

    static int defaultEpochs(String data) {
        return isDigits(data) ? 30 : 10;
    }

    /** The default output folder {@code runs/<model>-<data>-<seed>} (data spec made file-name safe). */
    String defaultOut() {
        return "runs/" + model.label() + "-" + data.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + seed;
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data);
        m.put("model", model.label());
        List<Object> h = new ArrayList<>();
        for (int v : hidden) h.add(v);
        m.put("hidden", h);
        m.put("epochs", epochs);
        m.put("batch", batch);
        m.put("lr", lr);
        m.put("seed", seed);
        m.put("optimizer", "adam");
        m.put("init", "torch_linear");
        return m;
    }

    static RunConfig fromJson(Object json) {
        if (!(json instanceof Map<?, ?> m)) throw new CliException("run configuration is not a JSON object");
        try {
            List<?> h = (List<?>) m.get("hidden");
            int[] hidden = new int[h.size()];
            for (int i = 0; i < hidden.length; i++) hidden[i] = ((Number) h.get(i)).intValue();
            return new RunConfig((String) m.get("data"), Architecture.parse((String) m.get("model")), hidden,
                    ((Number) m.get("epochs")).intValue(), ((Number) m.get("batch")).intValue(),
                    ((Number) m.get("lr")).doubleValue(), ((Number) m.get("seed")).longValue());
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new CliException("run configuration is malformed: " + m);
        }
    }

    @Override
    public String toString() {
        return model.label() + " " + Arrays.toString(hidden) + " on " + data + ", " + epochs + " epochs, batch " + batch
                + ", lr " + lr + ", seed " + seed;
    }
}
