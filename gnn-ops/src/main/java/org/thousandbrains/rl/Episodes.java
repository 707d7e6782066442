package org.thousandbrains.rl;

/**
 * A batch of recorded episodes, flattened over all their steps: step {@code s} runs over
 * {@code 0..totalSteps()-1}, episode {@code k} holding steps {@code offset(k) .. offset(k)+length(k)-1} in
 * time order. Per step: the observation the policy saw ({@code [S][observationSize]}, already scaled),
 * the sampled action, the policy's action probabilities at that decision ({@code [S][actionCount]}) and
 * the reward that followed. Arrays handed out are the recorded ones: treat them as read-only.
 */
public final class Episodes {
    private final int observationSize;
    private final int actionCount;
    private final double[] observations;
    private final int[] actions;
    private final double[] probabilities;
    private final double[] rewards;
    private final int[] offsets;
    private final boolean[] terminated;

    /** {@code offsets} has one entry per episode plus the total step count; {@code terminated} one per episode. */
    Episodes(int observationSize, int actionCount, double[] observations, int[] actions, double[] probabilities,
             double[] rewards, int[] offsets, boolean[] terminated) {
        int steps = actions.length;
        if (observations.length != steps * observationSize || probabilities.length != steps * actionCount
                || rewards.length != steps || offsets.length != terminated.length + 1 || offsets[offsets.length - 1] != steps) {
            throw new IllegalArgumentException("inconsistent episode arrays");
        }
        this.observationSize = observationSize;
        this.actionCount = actionCount;
        this.observations = observations;
        this.actions = actions;
        this.probabilities = probabilities;
        this.rewards = rewards;
        this.offsets = offsets;
        this.terminated = terminated;
    }

    /** Number of episodes. */
    public int count() { return terminated.length; }

    /** Steps over all episodes. */
    public int totalSteps() { return actions.length; }

    public int observationSize() { return observationSize; }

    public int actionCount() { return actionCount; }

    /** {@code [S][observationSize]}, the policy's inputs. */
    public double[] observations() { return observations; }

    /** {@code [S]}, the sampled actions. */
    public int[] actions() { return actions; }

    /** {@code [S][actionCount]}, {@code π(·|s)} when the action was drawn. */
    public double[] probabilities() { return probabilities; }

    /** {@code π(a_s|s)}: the probability of the action taken at step {@code s}. */
    public double chosenProbability(int s) { return probabilities[s * actionCount + actions[s]]; }

    /** {@code [S]}, the reward after each step. */
    public double[] rewards() { return rewards; }

    /** First step of episode {@code k}. */
    public int offset(int k) { return offsets[k]; }

    /** Steps of episode {@code k}. */
    public int length(int k) { return offsets[k + 1] - offsets[k]; }

    /** Whether episode {@code k} ended by termination (false: truncated by the step limit). */
    public boolean terminated(int k) { return terminated[k]; }

    /** Undiscounted return of episode {@code k}. */
    public double episodeReturn(int k) {
        double r = 0;
        for (int s = offsets[k]; s < offsets[k + 1]; s++) r += rewards[s];
        return r;
    }

    /** Undiscounted return of every episode. */
    public double[] returns() {
        double[] r = new double[count()];
        for (int k = 0; k < r.length; k++) r[k] = episodeReturn(k);
        return r;
    }

    /** {@code G_s = r_s + γ·G_{s+1}} within each episode ({@code G = r} at its last step), {@code [S]}. */
    public double[] returnsToGo(double gamma) {
        double[] g = new double[actions.length];
        for (int k = 0; k < count(); k++) {
            double acc = 0;
            for (int s = offsets[k + 1] - 1; s >= offsets[k]; s--) {
                acc = rewards[s] + gamma * acc;
                g[s] = acc;
            }
        }
        return g;
    }
}
