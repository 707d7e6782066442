package org.thousandbrains.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.model.GraphClassifier;

/**
 * How far training moved each kind of parameter: for weights, delays, leaks (per edge) and biases (per node),
 * the mean |Δ| over all entries and over the learnable ones, the largest |Δ|, and the means before and after.
 */
public record ParameterChange(Change weight, Change delay, Change leak, Change bias) {
    /** One parameter kind; {@code learnable} counts the entries where it is learnable (all biases). */
    public record Change(int learnable, double meanAbsDelta, double meanAbsDeltaLearnable, double maxAbsDelta, double meanBefore,
                         double meanAfter) {
        /** The keys of a run's {@code parameter_change} object. */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("learnable", learnable);
            m.put("mean_abs_delta", meanAbsDelta);
            m.put("mean_abs_delta_learnable", meanAbsDeltaLearnable);
            m.put("max_abs_delta", maxAbsDelta);
            m.put("mean_before", meanBefore);
            m.put("mean_after", meanAfter);
            return m;
        }
    }

    /** The change from {@code before} to the model's current values. */
    public static ParameterChange between(ParameterValues before, GraphClassifier after) {
        byte[] learn = after.graph().learnable();
        return new ParameterChange(change(before.weight(), after.weights(), learn, Learnable.WEIGHT),
                change(before.delay(), after.delays(), learn, Learnable.DELAY),
                change(before.leak(), after.leaks(), learn, Learnable.LEAK),
                change(before.bias(), after.biases(), null, 0));
    }

    private static Change change(double[] before, double[] after, byte[] learn, int bit) {
        double sum = 0;
        double sumLearnable = 0;
        int learnable = 0;
        double mean0 = 0;
        double mean1 = 0;
        double maxAbs = 0;
        for (int i = 0; i < before.length; i++) {
            double d = Math.abs(after[i] - before[i]);
            sum += d;
            maxAbs = Math.max(maxAbs, d);
            mean0 += before[i];
            mean1 += after[i];
            if (learn == null || (learn[i] & bit) != 0) {
                sumLearnable += d;
                learnable++;
            }
        }
        int n = Math.max(1, before.length);
        return new Change(learnable, sum / n, learnable == 0 ? 0.0 : sumLearnable / learnable, maxAbs, mean0 / n, mean1 / n);
    }

    /** The run's {@code parameter_change} object: {@code weight}, {@code delay}, {@code leak}, {@code bias}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("weight", weight.toJson());
        m.put("delay", delay.toJson());
        m.put("leak", leak.toJson());
        m.put("bias", bias.toJson());
        return m;
    }

    /** E.g. {@code mean |Δ| of learnable: weight 0.0123, delay 0.0412, leak 0.0031, bias 0.0058}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "mean |Δ| of learnable: weight %.4g, delay %.4g, leak %.4g, bias %.4g",
                weight.meanAbsDeltaLearnable, delay.meanAbsDeltaLearnable, leak.meanAbsDeltaLearnable, bias.meanAbsDeltaLearnable);
    }
}
