package org.thousandbrains.sim;

import org.thousandbrains.ops.ForwardPass;
import org.thousandbrains.ops.StepListener;

/**
 * Records a running pass step by step (batch 1) into arrays sized once: the mean state, the
 * fraction of nodes firing and the largest |state| over all nodes, the states and firing of the
 * sampled nodes, the first step with a non-finite state, and the seconds each step took apart from
 * this recording.
 */
final class Recorder implements StepListener {
    final int[] sample;
    final double[] mean;
    final double[] fractionFiring;
    final double[] maxAbs;
    final float[] activity;
    final boolean[] fired;
    final double[] stepSeconds;
    int firstNonFinite = -1;
    private final double[] state;
    private final boolean[] firing;
    private final double threshold;
    private final double[] graphThresholds;
    private long lastEnd;

    /**
     * {@code threshold}: NaN for firing as DESIGN.md defines it with the graph's thresholds
     * {@code graphThresholds}, else {@code x > threshold} in their place (k-WTA winners still fire).
     */
    Recorder(int steps, int[] sample, double[] graphThresholds, double threshold) {
        int nodes = graphThresholds.length;
        this.sample = sample;
        this.mean = new double[steps];
        this.fractionFiring = new double[steps];
        this.maxAbs = new double[steps];
        this.activity = new float[Math.multiplyExact(steps, sample.length)];
        this.fired = new boolean[activity.length];
        this.stepSeconds = new double[steps];
        this.state = new double[nodes];
        this.firing = new boolean[nodes];
        this.threshold = threshold;
        this.graphThresholds = graphThresholds;
    }

    /** Marks the start of the first step. */
    void start() {
        lastEnd = System.nanoTime();
    }

    @Override
    public void afterStep(int t, ForwardPass pass) {
        long begin = System.nanoTime();
        stepSeconds[t - 1] = (begin - lastEnd) * 1e-9;
        pass.stateInto(t, state);
        pass.firingInto(t, firing);
        int n = state.length;
        boolean own = !Double.isNaN(threshold);
        double sum = 0;
        double max = 0;
        int count = 0;
        for (int v = 0; v < n; v++) {
            double x = state[v];
            // a node that fired at or below its own threshold won its k-WTA group: it still fires
            if (own) firing[v] = x > threshold || (firing[v] && !(x > graphThresholds[v]));
            sum += x;
            max = Math.max(max, Math.abs(x));
            if (firing[v]) count++;
            if (firstNonFinite < 0 && !Double.isFinite(x)) firstNonFinite = t;
        }
        mean[t - 1] = sum / n;
        fractionFiring[t - 1] = (double) count / n;
        maxAbs[t - 1] = max;
        int o = (t - 1) * sample.length;
        for (int i = 0; i < sample.length; i++) {
            activity[o + i] = (float) state[sample[i]];
            fired[o + i] = firing[sample[i]];
        }
        lastEnd = System.nanoTime();
    }
}
