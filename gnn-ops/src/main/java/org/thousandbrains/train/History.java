package org.thousandbrains.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The per-epoch record of a training run, in epoch order. */
public final class History {
    private final List<EpochResult> epochs = new ArrayList<>();

    public History() {
    }

    public History(List<EpochResult> results) {
        epochs.addAll(results);
    }

    void add(EpochResult r) {
        epochs.add(r);
    }

    public List<EpochResult> epochs() { return Collections.unmodifiableList(epochs); }
    public int size() { return epochs.size(); }
    public boolean isEmpty() { return epochs.isEmpty(); }

    public EpochResult last() {
        if (epochs.isEmpty()) throw new IllegalStateException("no epoch finished yet");
        return epochs.get(epochs.size() - 1);
    }

    /** The metric per epoch. */
    public double[] series(String metric) {
        double[] out = new double[epochs.size()];
        for (int i = 0; i < out.length; i++) out[i] = epochs.get(i).metric(metric);
        return out;
    }

    /** A JSON-ready list of maps: epoch, loss, accuracy, seconds, steps and the metrics. */
    public List<Map<String, Object>> toJson() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (EpochResult r : epochs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", r.epoch());
            m.put("loss", r.loss());
            m.put("accuracy", r.accuracy());
            m.put("seconds", r.seconds());
            m.put("steps", r.steps());
            m.putAll(r.metrics());
            out.add(m);
        }
        return out;
    }
}
