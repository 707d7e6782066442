package org.thousandbrains.env;

import org.thousandbrains.train.Rng;

/**
 * {@code B} independent {@link CartPole} episodes run side by side, each with its own done flag:
 * {@link #reset()} starts all of them, {@link #step(int[])} advances those still running. Environment
 * {@code i} draws its resets from its own generator, seeded by the {@code i}-th draw of
 * {@code new Rng(seed)}, so a batch is reproducible from one seed. Not thread-safe.
 */
public final class CartPoleBatch {
    private final CartPole[] envs;

    public CartPoleBatch(CartPole.Constants constants, int size, long seed) {
        if (size < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + size);
        Rng seeds = new Rng(seed);
        envs = new CartPole[size];
        for (int i = 0; i < size; i++) envs[i] = new CartPole(constants, seeds.nextLong());
    }

    public int size() { return envs.length; }

    public CartPole.Constants constants() { return envs[0].constants(); }

    /** Starts a new episode in every environment. */
    public void reset() {
        for (CartPole env : envs) env.reset();
    }

    /**
     * Steps every running environment {@code i} with {@code actions[i]} (entries of finished ones are
     * ignored) and returns the transitions, null for environments that were already done. Throws
     * {@link IllegalStateException} when none is running.
     */
    public CartPole.Transition[] step(int[] actions) {
        if (actions.length != envs.length) throw new IllegalArgumentException(actions.length + " actions for " + envs.length + " environments");
        if (allDone()) throw new IllegalStateException("every episode of the batch has ended: reset() first");
        CartPole.Transition[] out = new CartPole.Transition[envs.length];
        for (int i = 0; i < envs.length; i++) {
            if (!envs[i].done()) out[i] = envs[i].step(actions[i]);
        }
        return out;
    }

    /** Whether environment {@code i}'s episode is over. */
    public boolean done(int i) { return envs[i].done(); }

    public boolean allDone() {
        for (CartPole env : envs) if (!env.done()) return false;
        return true;
    }

    /** The indices of the environments still running, ascending. */
    public int[] running() {
        int n = 0;
        for (CartPole env : envs) if (!env.done()) n++;
        int[] r = new int[n];
        n = 0;
        for (int i = 0; i < envs.length; i++) if (!envs[i].done()) r[n++] = i;
        return r;
    }

    /** A copy of environment {@code i}'s state. */
    public double[] state(int i) { return envs[i].state(); }

    /** Steps taken in environment {@code i}'s current episode. */
    public int steps(int i) { return envs[i].steps(); }
}
