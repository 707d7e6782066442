package org.thousandbrains.rl;

import java.util.Arrays;

/** Collects the steps of several episodes recorded side by side and lays them out as {@link Episodes}. */
final class EpisodeRecorder {
    private final int observationSize;
    private final int actionCount;
    private final Track[] tracks;

    EpisodeRecorder(int episodes, int observationSize, int actionCount) {
        this.observationSize = observationSize;
        this.actionCount = actionCount;
        tracks = new Track[episodes];
        for (int k = 0; k < episodes; k++) tracks[k] = new Track();
    }

    /** Appends one step to episode {@code k}: values copied from {@code obs}/{@code probs} at the given offsets. */
    void add(int k, double[] obs, int obsOffset, int action, double[] probs, int probOffset, double reward) {
        Track t = tracks[k];
        if (t.steps == t.actions.length) t.grow(observationSize, actionCount);
        System.arraycopy(obs, obsOffset, t.observations, t.steps * observationSize, observationSize);
        System.arraycopy(probs, probOffset, t.probabilities, t.steps * actionCount, actionCount);
        t.actions[t.steps] = action;
        t.rewards[t.steps] = reward;
        t.steps++;
    }

    void end(int k, boolean terminated) {
        tracks[k].terminated = terminated;
    }

    Episodes build() {
        int[] offsets = new int[tracks.length + 1];
        for (int k = 0; k < tracks.length; k++) offsets[k + 1] = offsets[k] + tracks[k].steps;
        int total = offsets[tracks.length];
        double[] obs = new double[total * observationSize];
        int[] actions = new int[total];
        double[] probs = new double[total * actionCount];
        double[] rewards = new double[total];
        boolean[] terminated = new boolean[tracks.length];
        for (int k = 0; k < tracks.length; k++) {
            Track t = tracks[k];
            int o = offsets[k];
            System.arraycopy(t.observations, 0, obs, o * observationSize, t.steps * observationSize);
            System.arraycopy(t.probabilities, 0, probs, o * actionCount, t.steps * actionCount);
            System.arraycopy(t.actions, 0, actions, o, t.steps);
            System.arraycopy(t.rewards, 0, rewards, o, t.steps);
            terminated[k] = t.terminated;
        }
        return new Episodes(observationSize, actionCount, obs, actions, probs, rewards, offsets, terminated);
    }

    private static final class Track {
        double[] observations = new double[0];
        double[] probabilities = new double[0];
        int[] actions = new int[0];
        double[] rewards = new double[0];
        int steps;
        boolean terminated;

        void grow(int observationSize, int actionCount) {
            int n = Math.max(64, 2 * actions.length);
            observations = Arrays.copyOf(observations, n * observationSize);
            probabilities = Arrays.copyOf(probabilities, n * actionCount);
            actions = Arrays.copyOf(actions, n);
            rewards = Arrays.copyOf(rewards, n);
        }
    }
}
