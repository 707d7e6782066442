package org.thousandbrains.experiments;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.thousandbrains.data.Split;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.model.DatasetExamples;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.train.Evaluator;
import org.thousandbrains.train.History;
import org.thousandbrains.train.Trainer;

/**
 * One sequence classifier trained by BPTT through the operator: a {@link GraphClassifier} over the network (its
 * {@code input_steps} make each sample a sequence), Adam with the weights, delays and leaks at their own
 * {@link Rates}, a test evaluation after every epoch; what the timing experiments compare.
 */
final class SequenceRun {
    static final int EVAL_BATCH = 256;

    /** Adam rates of the weights and biases, of the delays and of the leaks ({@link GraphClassifier#optimizer(double, double, double)}). */
    record Rates(double lr, double delayLr, double leakLr) {
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("weight_and_bias_lr", lr);
            m.put("delay_lr", delayLr);
            m.put("leak_lr", leakLr);
            return m;
        }
    }

    /** What one run measured; {@code delays0}, {@code leaks0} are the values before training (CSR order, as {@code model}'s). */
    record Outcome(long seed, double accuracy, double[] curve, double secondsPerEpoch, long params, double[] delays0,
                   double[] leaks0, GraphClassifier model) implements Serializable {
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seed", seed);
            m.put("test_accuracy", accuracy);
            m.put("seconds_per_epoch", secondsPerEpoch);
            m.put("test_accuracy_per_epoch", Arrays.stream(curve).boxed().toList());
            return m;
        }
    }

    private SequenceRun() {
    }

    static Outcome train(Network net, Split data, Rates rates, int epochs, int batch, long seed, int threads) {
        GraphClassifier model = GraphClassifier.of(GraphCompiler.compile(net)).threads(threads);
        if (model.inputSize() != data.train().dim()) {
            throw new IllegalArgumentException("the network takes " + model.inputSize() + " values per sample, the data has " + data.train().dim());
        }
        double[] d0 = model.delays();
        double[] l0 = model.leaks();
        Trainer trainer = Trainer.builder(model.parameters(), model.optimizer(rates.lr(), rates.delayLr(), rates.leakLr()), model)
                .epochs(epochs).batchSize(batch).seed(seed)
                .evaluator(Evaluator.of("test", new DatasetExamples(data.test()), model, EVAL_BATCH))
                .build();
        History h = trainer.fit(new DatasetExamples(data.train()));
        double[] curve = h.series("test_accuracy");
        double[] s = h.series("seconds");
        Arrays.sort(s);
        return new Outcome(seed, curve[curve.length - 1], curve, s[s.length / 2], ParameterCount.of(model.graph()), d0, l0, model);
    }

    /** Mean ± std of the outcomes' test accuracies, with the per-seed values. */
    static Map<String, Object> summary(java.util.List<Outcome> runs) {
        Stats acc = Stats.of(runs.stream().mapToDouble(Outcome::accuracy).toArray());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("test_accuracy", acc.mean());
        m.put("test_accuracy_std", acc.std());
        m.put("learnable_parameters", runs.get(0).params());
        m.put("seconds_per_epoch", Stats.of(runs.stream().mapToDouble(Outcome::secondsPerEpoch).toArray()).mean());
        m.put("per_seed", runs.stream().map(Outcome::toJson).toList());
        return m;
    }
}
