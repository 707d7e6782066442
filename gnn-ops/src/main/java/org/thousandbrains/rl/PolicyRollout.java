package org.thousandbrains.rl;

import org.thousandbrains.env.CartPole;
import org.thousandbrains.env.CartPoleBatch;
import org.thousandbrains.train.Rng;

/**
 * Runs a {@link Policy} on a {@link CartPoleBatch}: {@link #run()} resets every environment and, until
 * all episodes have ended, makes one decision per step for the environments still running, as one
 * policy pass ({@code T = 1}) over that batch, drawing each action from {@code π(·|s)} with a seeded
 * {@link Rng}. The policy observes the state divided component-wise by {@link #scale()} (default
 * {@link #CARTPOLE_SCALE}: the thresholds for x and θ, 3 for the rates), so its inputs are of order 1.
 */
public final class PolicyRollout {
    /** Default observation scale: {@code x / 2.4, x_dot / 3, theta / 0.21, theta_dot / 3}. */
    public static final double[] CARTPOLE_SCALE = {2.4, 3.0, 0.21, 3.0};

    private final Policy policy;
    private final CartPoleBatch envs;
    private final Rng rng;
    private final double[] scale;

    /** Rollouts with the default scale; {@code seed} seeds the action draws. */
    public PolicyRollout(Policy policy, CartPoleBatch envs, long seed) {
        this(policy, envs, seed, CARTPOLE_SCALE);
    }

    public PolicyRollout(Policy policy, CartPoleBatch envs, long seed, double[] scale) {
        if (policy.inputSize() != CartPole.STATE_SIZE || policy.actionCount() != CartPole.ACTIONS) {
            throw new IllegalArgumentException("a cart-pole policy needs 4 inputs and 2 actions, this one has "
                    + policy.inputSize() + " and " + policy.actionCount());
        }
        if (scale.length != CartPole.STATE_SIZE) throw new IllegalArgumentException("scale needs 4 entries, got " + scale.length);
        for (double s : scale) if (!(s > 0) || Double.isInfinite(s)) throw new IllegalArgumentException("scale entries must be finite and > 0, got " + s);
        this.policy = policy;
        this.envs = envs;
        this.rng = new Rng(seed);
        this.scale = scale.clone();
    }

    public Policy policy() { return policy; }

    /** Episodes per {@link #run()}: the batch size of the environments. */
    public int episodesPerRun() { return envs.size(); }

    public double[] scale() { return scale.clone(); }

    /** The policy's observation of a state. */
    public double[] observe(double[] state) {
        double[] o = new double[state.length];
        for (int i = 0; i < o.length; i++) o[i] = state[i] / scale[i];
        return o;
    }

    /** One batch of episodes, run to their end, episode {@code k} from environment {@code k}. */
    public Episodes run() {
        int n = envs.size();
        int nIn = CartPole.STATE_SIZE;
        int nA = CartPole.ACTIONS;
        EpisodeRecorder rec = new EpisodeRecorder(n, nIn, nA);
        envs.reset();
        int[] actions = new int[n];
        while (!envs.allDone()) {
            int[] live = envs.running();
            double[] obs = new double[live.length * nIn];
            for (int r = 0; r < live.length; r++) System.arraycopy(observe(envs.state(live[r])), 0, obs, r * nIn, nIn);
            double[] probs = policy.probabilities(obs, live.length);
            for (int r = 0; r < live.length; r++) actions[live[r]] = sample(probs, r * nA, nA);
            CartPole.Transition[] out = envs.step(actions);
            for (int r = 0; r < live.length; r++) {
                int k = live[r];
                rec.add(k, obs, r * nIn, actions[k], probs, r * nA, out[k].reward());
                if (out[k].done()) rec.end(k, out[k].terminated());
            }
        }
        return rec.build();
    }

    /** An action drawn from the distribution {@code p[off .. off+n)}. */
    private int sample(double[] p, int off, int n) {
        double u = rng.nextDouble();
        double c = 0;
        for (int j = 0; j < n - 1; j++) {
            c += p[off + j];
            if (u < c) return j;
        }
        return n - 1;
    }
}
