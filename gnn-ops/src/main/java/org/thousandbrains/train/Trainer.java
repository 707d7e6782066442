package org.thousandbrains.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.thousandbrains.autodiff.Losses;
import org.thousandbrains.autodiff.Parameter;
import org.thousandbrains.autodiff.ParameterSet;
import org.thousandbrains.autodiff.Tape;
import org.thousandbrains.optim.GradClip;
import org.thousandbrains.optim.NonFiniteGradientException;
import org.thousandbrains.optim.Optimizer;

/**
 * Minibatch training: each epoch draws a permutation from a seeded {@link Rng} (or keeps the order),
 * and for each batch runs zero-grad, forward on a fresh {@link Tape}, backward, optional clipping,
 * listeners, optimizer step. A non-finite loss or gradient stops training with an exception naming the
 * epoch and batch (1-based) before the parameters change; so does a non-finite evaluation metric,
 * naming the epoch. After each epoch it runs the {@link Evaluator}, records an
 * {@link EpochResult}, updates {@link EarlyStopping} and notifies the listeners. The same seed, data and
 * model give the same run bit for bit, and {@link #state()} / {@link #restore(TrainerState)} resume one
 * mid-epoch.
 */
public final class Trainer {
    private final ParameterSet parameters;
    private final Optimizer optimizer;
    private final Objective objective;
    private final int epochs;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final double clipNorm;
    private final double clipValue;
    private final Evaluator evaluator;
    private final EarlyStopping earlyStopping;
    private final List<TrainListener> listeners;
    private final Rng rng;

    private int epoch;
    private int batch;
    private long step;
    private long epochRngState;
    private double lossSum;
    private long seen;
    private long correct;
    private long labelled;
    private double seconds;
    private boolean stopped;
    private volatile boolean stopRequested;
    private History history = new History();
    private List<INDArray> bestValues;

    private Trainer(Builder b) {
        this.parameters = b.parameters;
        this.optimizer = b.optimizer;
        this.objective = b.objective;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.dropLast = b.dropLast;
        this.clipNorm = b.clipNorm;
        this.clipValue = b.clipValue;
        this.evaluator = b.evaluator;
        this.earlyStopping = b.earlyStopping;
        this.listeners = List.copyOf(b.listeners);
        this.rng = new Rng(b.seed);
    }

    public static Builder builder(ParameterSet parameters, Optimizer optimizer, Objective objective) {
        return new Builder(parameters, optimizer, objective);
    }

    public ParameterSet parameters() { return parameters; }
    public Optimizer optimizer() { return optimizer; }
    /** The run's generator, also available to objectives (masking, noise); its state is part of {@link #state()}. */
    public Rng rng() { return rng; }
    /** Completed epochs. */
    public int epoch() { return epoch; }
    /** Optimizer steps taken. */
    public long step() { return step; }
    public int epochs() { return epochs; }
    public History history() { return history; }
    public EarlyStopping earlyStopping() { return earlyStopping; }

    /** Ends {@link #fit} after the current batch; a later {@code fit} continues from there. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Batches per epoch for {@code n} examples. */
    public int batchesPerEpoch(int n) {
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** Trains until {@code epochs} epochs are complete, early stopping triggers or a stop is requested. */
    public History fit(Examples train) {
        int n = train.size();
        int nb = batchesPerEpoch(n);
        if (nb == 0) throw new IllegalArgumentException("no full batch of " + batchSize + " in " + n + " examples");
        stopRequested = false;
        while (epoch < epochs && !stopped && !stopRequested) {
            int[] order = epochOrder(n);
            listeners.forEach(l -> l.onEpochStart(this, epoch + 1, nb));
            long t0 = System.nanoTime();
            while (batch < nb && !stopRequested) {
                runBatch(train, order, nb);
            }
            seconds += (System.nanoTime() - t0) * 1e-9;
            if (batch == nb) finishEpoch();
        }
        if (earlyStopping != null && earlyStopping.restoresBest() && bestValues != null && (stopped || epoch == epochs)) {
            List<Parameter> ps = parameters.all();
            for (int i = 0; i < ps.size(); i++) ps.get(i).value().assign(bestValues.get(i));
        }
        listeners.forEach(l -> l.onTrainEnd(this, history));
        return history;
    }

    private int[] epochOrder(int n) {
        if (batch == 0) epochRngState = rng.state();
        if (!shuffle) {
            int[] order = new int[n];
            for (int i = 0; i < n; i++) order[i] = i;
            return order;
        }
        if (batch == 0) return rng.permutation(n);
        return new Rng(epochRngState).permutation(n); // resumed mid-epoch: the same permutation again
    }

    private void runBatch(Examples train, int[] order, int nb) {
        int from = batch * batchSize;
        int to = Math.min(from + batchSize, order.length);
        int[] idx = java.util.Arrays.copyOfRange(order, from, to);
        Batch b = train.batch(idx);
        optimizer.zeroGrad();
        Tape tape = new Tape();
        Forward f = objective.forward(tape, b);
        double loss = f.loss().value().getDouble(0);
        String where = "epoch " + (epoch + 1) + ", batch " + (batch + 1);
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException(where + ": loss is " + loss + "; parameters left unchanged");
        }
        tape.backward(f.loss());
        if (clipValue > 0 || clipNorm > 0) {
            // before clipping, which could turn an infinite gradient into a finite one
            Parameter bad = optimizer.firstNonFiniteGradient();
            if (bad != null) throw nonFinite(where, bad.name(), loss, null);
        }
        if (clipValue > 0) GradClip.byValue(optimizer.parameters(), clipValue);
        if (clipNorm > 0) GradClip.byGlobalNorm(optimizer.parameters(), clipNorm);
        listeners.forEach(l -> l.beforeStep(this, b));
        try {
            optimizer.step(); // checks that every gradient is finite before it changes anything
        } catch (NonFiniteGradientException e) {
            throw nonFinite(where, e.parameter(), loss, e);
        }
        objective.afterStep();
        step++;
        listeners.forEach(l -> l.afterStep(this, b));
        lossSum += loss * idx.length;
        seen += idx.length;
        if (b.labels() != null && f.logits() != null) {
            correct += Losses.correct(f.logits(), b.labels());
            labelled += idx.length;
        }
        int done = batch++;
        listeners.forEach(l -> l.onBatchEnd(this, epoch + 1, done, nb, loss));
    }

    private static IllegalStateException nonFinite(String where, String parameter, double loss, Throwable cause) {
        return new IllegalStateException(where + ": gradient of '" + parameter + "' has NaN/Inf (loss " + loss
                + "); parameters left unchanged", cause);
    }

    private void finishEpoch() {
        Map<String, Double> metrics = evaluator == null ? Map.of() : evaluator.evaluate(epoch + 1);
        for (Map.Entry<String, Double> m : metrics.entrySet()) {
            Double v = m.getValue();
            if (v == null || !Double.isFinite(v)) {
                throw new IllegalStateException("epoch " + (epoch + 1) + ": evaluation metric '" + m.getKey() + "' is " + v
                        + "; training stopped");
            }
        }
        EpochResult r = new EpochResult(epoch + 1, lossSum / seen, labelled == 0 ? Double.NaN : (double) correct / labelled,
                seconds, step, metrics);
        history.add(r);
        if (earlyStopping != null) {
            if (earlyStopping.improves(r) && earlyStopping.restoresBest()) {
                bestValues = new ArrayList<>();
                for (Parameter p : parameters) bestValues.add(p.value().dup());
            }
            stopped = earlyStopping.exhausted();
        }
        epoch++;
        batch = 0;
        lossSum = 0;
        seen = 0;
        correct = 0;
        labelled = 0;
        seconds = 0;
        listeners.forEach(l -> l.onEpochEnd(this, r));
    }

    /** A snapshot for checkpoints (the parameters and optimizer are saved separately). */
    public TrainerState state() {
        EarlyStopping es = earlyStopping;
        return new TrainerState(epoch, batch, step, epochRngState, rng.state(), lossSum, seen, correct, labelled, seconds,
                es == null ? Double.NaN : es.best, es == null ? 0 : es.bestEpoch, es == null ? 0 : es.wait, stopped,
                history.epochs());
    }

    /** Continues from a snapshot: the next {@link #fit} picks up at the saved epoch and batch. */
    public void restore(TrainerState s) {
        epoch = s.epoch();
        batch = s.batch();
        step = s.step();
        epochRngState = s.epochRngState();
        rng.setState(s.rngState());
        lossSum = s.lossSum();
        seen = s.seen();
        correct = s.correct();
        labelled = s.labelled();
        seconds = s.seconds();
        stopped = s.stopped();
        history = new History(s.history());
        if (earlyStopping != null) {
            earlyStopping.best = s.best();
            earlyStopping.bestEpoch = s.bestEpoch();
            earlyStopping.wait = s.epochsWithoutImprovement();
        }
        bestValues = null;
    }

    /**
     * Mean loss ({@code <prefix>_loss}) and, when batches have labels and the objective returns logits,
     * accuracy ({@code <prefix>_accuracy}) over {@code data}, on inference tapes, in order.
     */
    public static Map<String, Double> evaluate(Examples data, Objective objective, int batchSize, String prefix) {
        int n = data.size();
        double loss = 0;
        long right = 0;
        long labelled = 0;
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            int[] idx = new int[to - from];
            for (int i = 0; i < idx.length; i++) idx[i] = from + i;
            Batch b = data.batch(idx);
            Forward f = objective.forward(Tape.inference(), b);
            loss += f.loss().value().getDouble(0) * idx.length;
            if (b.labels() != null && f.logits() != null) {
                right += Losses.correct(f.logits(), b.labels());
                labelled += idx.length;
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(prefix + "_loss", loss / n);
        if (labelled > 0) out.put(prefix + "_accuracy", (double) right / labelled);
        return out;
    }

    /** Configuration of a {@link Trainer}; defaults: 10 epochs, batch 32, seed 0, shuffled, last partial batch kept. */
    public static final class Builder {
        private final ParameterSet parameters;
        private final Optimizer optimizer;
        private final Objective objective;
        private int epochs = 10;
        private int batchSize = 32;
        private long seed;
        private boolean shuffle = true;
        private boolean dropLast;
        private double clipNorm;
        private double clipValue;
        private Evaluator evaluator;
        private EarlyStopping earlyStopping;
        private final List<TrainListener> listeners = new ArrayList<>();

        private Builder(ParameterSet parameters, Optimizer optimizer, Objective objective) {
            this.parameters = Objects.requireNonNull(parameters, "parameters");
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            this.objective = Objects.requireNonNull(objective, "objective");
        }

        public Builder epochs(int n) {
            if (n < 0) throw new IllegalArgumentException("epochs must be >= 0, got " + n);
            this.epochs = n;
            return this;
        }

        public Builder batchSize(int n) {
            if (n < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + n);
            this.batchSize = n;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Builder shuffle(boolean on) {
            this.shuffle = on;
            return this;
        }

        /** Skip the last batch of an epoch when it is smaller than the batch size. */
        public Builder dropLast(boolean on) {
            this.dropLast = on;
            return this;
        }

        /** Clip gradients to this global L2 norm before each step (0: off). */
        public Builder clipGlobalNorm(double maxNorm) {
            if (maxNorm < 0) throw new IllegalArgumentException("clip norm must be >= 0");
            this.clipNorm = maxNorm;
            return this;
        }

        /** Clamp gradient elements to {@code [-limit, limit]} before each step (0: off). */
        public Builder clipValue(double limit) {
            if (limit < 0) throw new IllegalArgumentException("clip value must be >= 0");
            this.clipValue = limit;
            return this;
        }

        public Builder evaluator(Evaluator e) {
            this.evaluator = e;
            return this;
        }

        public Builder earlyStopping(EarlyStopping e) {
            this.earlyStopping = e;
            return this;
        }

        public Builder listener(TrainListener l) {
            this.listeners.add(Objects.requireNonNull(l));
            return this;
        }

        public Trainer build() {
            return new Trainer(this);
        }
    }
}
