package org.thousandbrains.train;

/**
 * Stops training when a monitored metric has not improved by more than {@code minDelta} for
 * {@code patience} consecutive epochs; optionally restores the parameters of the best epoch at the end.
 */
public final class EarlyStopping {
    private final String metric;
    private final int patience;
    private final boolean maximize;
    private double minDelta;
    private boolean restoreBest;

    double best = Double.NaN;
    int bestEpoch;
    int wait;

    private EarlyStopping(String metric, int patience, boolean maximize) {
        if (patience < 1) throw new IllegalArgumentException("patience must be at least 1, got " + patience);
        this.metric = metric;
        this.patience = patience;
        this.maximize = maximize;
    }

    /** Stop when {@code metric} (e.g. {@code val_loss}) has not decreased for {@code patience} epochs. */
    public static EarlyStopping min(String metric, int patience) {
        return new EarlyStopping(metric, patience, false);
    }

    /** Stop when {@code metric} (e.g. {@code val_accuracy}) has not increased for {@code patience} epochs. */
    public static EarlyStopping max(String metric, int patience) {
        return new EarlyStopping(metric, patience, true);
    }

    public EarlyStopping minDelta(double delta) {
        if (!(delta >= 0)) throw new IllegalArgumentException("minDelta must be >= 0, got " + delta);
        this.minDelta = delta;
        return this;
    }

    /** At the end of training, put back the parameter values of the best epoch. */
    public EarlyStopping restoreBest() {
        this.restoreBest = true;
        return this;
    }

    public String metric() { return metric; }
    public int patience() { return patience; }
    public boolean restoresBest() { return restoreBest; }
    /** Best value so far (NaN before the first epoch) and its epoch (from 1; 0 before). */
    public double best() { return best; }
    public int bestEpoch() { return bestEpoch; }

    /** Records an epoch; returns whether it improved on the best. */
    boolean improves(EpochResult r) {
        boolean known = metric.equals("loss") || metric.equals("accuracy") || metric.equals("seconds")
                || r.metrics().containsKey(metric);
        if (!known) {
            throw new IllegalStateException("early stopping monitors '" + metric + "', but epoch " + r.epoch()
                    + " has only loss, accuracy, seconds and " + r.metrics().keySet());
        }
        double v = r.metric(metric);
        boolean better = !Double.isNaN(v) && (Double.isNaN(best) || (maximize ? v > best + minDelta : v < best - minDelta));
        if (better) {
            best = v;
            bestEpoch = r.epoch();
            wait = 0;
        } else {
            wait++;
        }
        return better;
    }

    boolean exhausted() {
        return wait >= patience;
    }
}
