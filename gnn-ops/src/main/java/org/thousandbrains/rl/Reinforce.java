package org.thousandbrains.rl;

import org.thousandbrains.env.CartPole;
import org.thousandbrains.env.CartPoleBatch;
import org.thousandbrains.optim.Adam;
import org.thousandbrains.train.Rng;

/**
 * REINFORCE with a baseline (Williams 1992), trained by BPTT through the policy's operator. One
 * {@link #update()}: a batch of episodes from the {@link PolicyRollout}; discounted returns-to-go
 * {@code G_s}; advantages {@code A_s = G_s − b_t}, where the baseline {@code b_t} is the mean of
 * {@code G} at step {@code t} over the batch's episodes that reached step {@code t} (a per-time-step
 * mean, the episode's own return included), then divided by their standard deviation over the batch when {@link Settings#normalize} is on;
 * loss {@code L = −(1/S) Σ_s A_s log π(a_s|s_s)} over all {@code S} recorded steps, whose gradient comes
 * from one forward and backward pass of the operator over a batch of {@code S} observations
 * ({@code T = 1}); then one Adam step.
 */
public final class Reinforce {
    /** Discount, Adam learning rate and whether advantages are divided by their standard deviation. */
    public record Settings(double gamma, double learningRate, boolean normalize) {
        /** γ = 0.99, learning rate 0.01, normalized advantages. */
        public static final Settings DEFAULT = new Settings(0.99, 0.01, true);

        public Settings {
            if (!(gamma >= 0 && gamma <= 1)) throw new IllegalArgumentException("gamma must lie in [0, 1], got " + gamma);
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learning rate must be finite and > 0, got " + learningRate);
            }
        }
    }

    /** One update: the episodes it learned from and the surrogate loss before the step. */
    public record Update(Episodes episodes, double loss) {
    }

    private final Policy policy;
    private final PolicyRollout rollout;
    private final Settings settings;
    private final Adam adam;

    public Reinforce(PolicyRollout rollout, Settings settings) {
        this.policy = rollout.policy();
        this.rollout = rollout;
        this.settings = settings;
        this.adam = new Adam(policy.parameters(), settings.learningRate());
    }

    /**
     * The CartPole-v1 set-up: {@link Policy#mlp} 4 → 32 tanh → 2, batches of 8 parallel episodes per
     * update, {@link Settings#DEFAULT}; the policy's initial weights, the environments' resets and the
     * action draws use three seeds drawn from {@code new Rng(seed)}. It reaches a mean return of 475 over
     * 100 episodes within 400 to 600 episodes (seeds 0 to 9).
     */
    public static Reinforce cartPole(long seed) {
        Rng seeds = new Rng(seed);
        Policy policy = Policy.mlp(CartPole.STATE_SIZE, 32, CartPole.ACTIONS, seeds.nextLong());
        CartPoleBatch envs = new CartPoleBatch(CartPole.Constants.V1, 8, seeds.nextLong());
        return new Reinforce(new PolicyRollout(policy, envs, seeds.nextLong()), Settings.DEFAULT);
    }

    public Settings settings() { return settings; }

    public PolicyRollout rollout() { return rollout; }

    /** Runs a batch of episodes and takes one gradient step on them. */
    public Update update() {
        Episodes ep = rollout.run();
        double[] adv = advantages(ep, settings.gamma(), settings.normalize());
        adam.zeroGrad();
        double loss = accumulateGradient(policy, ep, adv);
        adam.step();
        return new Update(ep, loss);
    }

    /**
     * Updates until the mean return of the last {@code window} episodes reaches {@code target} (CartPole-v1
     * counts as solved at 475 over 100) or {@code maxEpisodes} episodes have run.
     */
    public TrainingResult train(int maxEpisodes, double target, int window) {
        if (maxEpisodes < 1 || window < 1) throw new IllegalArgumentException("maxEpisodes and window must be >= 1");
        long start = System.nanoTime();
        double[] returns = new double[maxEpisodes + rollout.episodesPerRun()];
        int n = 0;
        boolean solved = false;
        while (n < maxEpisodes && !solved) {
            double[] r = update().episodes().returns();
            System.arraycopy(r, 0, returns, n, r.length);
            n += r.length;
            solved = n >= window && TrainingResult.meanOfLast(returns, n, window) >= target;
        }
        return new TrainingResult(solved, n, (System.nanoTime() - start) * 1e-9, java.util.Arrays.copyOf(returns, n));
    }

    /**
     * Adds {@code ∂L/∂θ} of {@code L = −(1/S) Σ_s A_s log π(a_s|s_s)} into the policy's gradients, by one
     * forward and backward pass over all {@code S} steps; returns {@code L}. The probabilities are those
     * of this pass (the current parameters).
     */
    public static double accumulateGradient(Policy policy, Episodes ep, double[] advantages) {
        int steps = ep.totalSteps();
        if (advantages.length != steps) throw new IllegalArgumentException(advantages.length + " advantages for " + steps + " steps");
        double[] loss = new double[1];
        policy.backward(ep.observations(), steps, probs -> {
            loss[0] = surrogateLoss(probs, ep.actions(), advantages, ep.actionCount());
            return logitGradient(probs, ep.actions(), advantages, ep.actionCount());
        });
        return loss[0];
    }

    /** {@code −(1/S) Σ_s A_s log p_{s,a_s}} for probabilities {@code [S][nActions]}. */
    public static double surrogateLoss(double[] probs, int[] actions, double[] advantages, int nActions) {
        double sum = 0;
        for (int s = 0; s < actions.length; s++) sum += advantages[s] * Math.log(probs[s * nActions + actions[s]]);
        return -sum / actions.length;
    }

    /**
     * {@code ∂L/∂z_{s,j} = −(A_s/S)·(1[j = a_s] − p_{s,j})} for the softmax logits {@code z}: the
     * gradient of {@link #surrogateLoss}, {@code [S][nActions]}.
     */
    public static double[] logitGradient(double[] probs, int[] actions, double[] advantages, int nActions) {
        int steps = actions.length;
        double[] d = new double[probs.length];
        for (int s = 0; s < steps; s++) {
            double w = -advantages[s] / steps;
            for (int j = 0; j < nActions; j++) d[s * nActions + j] = w * ((j == actions[s] ? 1 : 0) - probs[s * nActions + j]);
        }
        return d;
    }

    /** {@code A_s = G_s − b_t} with the per-time-step baseline of the class comment, optionally divided by its standard deviation. */
    public static double[] advantages(Episodes ep, double gamma, boolean normalize) {
        double[] g = ep.returnsToGo(gamma);
        int longest = 0;
        for (int k = 0; k < ep.count(); k++) longest = Math.max(longest, ep.length(k));
        double[] sum = new double[longest];
        int[] alive = new int[longest];
        for (int k = 0; k < ep.count(); k++) {
            for (int t = 0; t < ep.length(k); t++) {
                sum[t] += g[ep.offset(k) + t];
                alive[t]++;
            }
        }
        double[] a = new double[g.length];
        for (int k = 0; k < ep.count(); k++) {
            for (int t = 0; t < ep.length(k); t++) a[ep.offset(k) + t] = g[ep.offset(k) + t] - sum[t] / alive[t];
        }
        if (normalize) {
            double sq = 0;
            for (double v : a) sq += v * v;
            double std = Math.sqrt(sq / a.length);
            if (std > 1e-12) for (int s = 0; s < a.length; s++) a[s] /= std;
        }
        return a;
    }
}
