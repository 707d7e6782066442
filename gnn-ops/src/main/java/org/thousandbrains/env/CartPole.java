package org.thousandbrains.env;

import org.thousandbrains.train.Rng;

/**
 * The classic cart-pole (Barto, Sutton and Anderson 1983) exactly as Gymnasium's {@code CartPole-v1}:
 * state {@code [x, x_dot, theta, theta_dot]}, action 0 pushes left and 1 pushes right with
 * {@code force_mag}, explicit Euler steps of {@code tau} seconds. An episode terminates after the step
 * that leaves {@code |x| ≤ x_threshold} or {@code |theta| ≤ theta_threshold}, and is truncated after
 * {@code max_episode_steps} steps that did not terminate; every step, the terminating one included,
 * earns reward 1. {@link #reset()} draws each state component uniformly from {@code [-0.05, 0.05)}
 * with the environment's seeded {@link Rng}. Not thread-safe.
 */
public final class CartPole {
    /** State components: {@code x, x_dot, theta, theta_dot}. */
    public static final int STATE_SIZE = 4;
    /** Actions: 0 (push left) and 1 (push right). */
    public static final int ACTIONS = 2;
    /** Half-width of the uniform reset distribution. */
    public static final double RESET_BOUND = 0.05;

    /**
     * Physical constants and episode limits (field names as in Gymnasium); {@code length} is half the
     * pole's length.
     */
    public record Constants(double gravity, double massCart, double massPole, double length, double forceMag,
                            double tau, double thetaThreshold, double xThreshold, int maxEpisodeSteps) {
        /** Gymnasium {@code CartPole-v1}: 12° and 2.4 m thresholds, 500 steps. */
        public static final Constants V1 = new Constants(9.8, 1.0, 0.1, 0.5, 10.0, 0.02, 12 * 2 * Math.PI / 360, 2.4, 500);

        public Constants {
            positive(gravity, "gravity");
            positive(massCart, "masscart");
            positive(massPole, "masspole");
            positive(length, "length");
            positive(forceMag, "force_mag");
            positive(tau, "tau");
            positive(thetaThreshold, "theta_threshold_radians");
            positive(xThreshold, "x_threshold");
            if (maxEpisodeSteps < 1) throw new IllegalArgumentException("max_episode_steps must be >= 1, got " + maxEpisodeSteps);
        }

        public double totalMass() { return massPole + massCart; }

        public double poleMassLength() { return massPole * length; }

        private static void positive(double v, String name) {
            if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + " must be finite and > 0, got " + v);
        }
    }

    /** The outcome of one step: the new state (a copy), its reward and the episode flags. */
    public record Transition(double[] state, double reward, boolean terminated, boolean truncated) {
        /** Whether the episode is over. */
        public boolean done() { return terminated || truncated; }
    }

    private final Constants c;
    private final Rng rng;
    private final double[] state = new double[STATE_SIZE];
    private int steps;
    private boolean done = true;

    /** A {@link Constants#V1} environment whose resets are drawn from {@code new Rng(seed)}. */
    public CartPole(long seed) {
        this(Constants.V1, seed);
    }

    public CartPole(Constants constants, long seed) {
        this.c = java.util.Objects.requireNonNull(constants, "constants");
        this.rng = new Rng(seed);
    }

    public Constants constants() { return c; }

    /** Starts an episode from a state drawn uniformly from {@code [-0.05, 0.05)^4}; returns a copy of it. */
    public double[] reset() {
        for (int i = 0; i < STATE_SIZE; i++) state[i] = -RESET_BOUND + 2 * RESET_BOUND * rng.nextDouble();
        return begin();
    }

    /** Reseeds the reset generator with {@code seed}, then {@link #reset()}. */
    public double[] reset(long seed) {
        rng.setState(seed);
        return reset();
    }

    /** Starts an episode from the given state (e.g. a reference file's initial state). */
    public double[] reset(double[] initial) {
        if (initial.length != STATE_SIZE) throw new IllegalArgumentException("state has " + initial.length + " components, expected 4");
        System.arraycopy(initial, 0, state, 0, STATE_SIZE);
        return begin();
    }

    private double[] begin() {
        steps = 0;
        done = false;
        return state.clone();
    }

    /** One step with action 0 or 1. Throws {@link IllegalStateException} before a reset or after the episode ended. */
    public Transition step(int action) {
        if (done) throw new IllegalStateException(steps == 0 ? "step before reset()" : "the episode ended after " + steps + " steps: reset() first");
        advance(c, state, action);
        steps++;
        boolean terminated = outside(c, state);
        boolean truncated = !terminated && steps >= c.maxEpisodeSteps();
        done = terminated || truncated;
        return new Transition(state.clone(), 1.0, terminated, truncated);
    }

    /** A copy of the current state. */
    public double[] state() { return state.clone(); }

    /** Steps taken in the current episode. */
    public int steps() { return steps; }

    /** Whether the current episode is over (also true before the first reset). */
    public boolean done() { return done; }

    /**
     * Gymnasium's dynamics and Euler update of {@code s} in place:
     * {@code temp = (F + ml·θ̇·θ̇·sinθ)/M}, {@code θ̈ = (g·sinθ − cosθ·temp) / (l·(4/3 − m·cosθ·cosθ/M))},
     * {@code ẍ = temp − ml·θ̈·cosθ/M}; then {@code x += τẋ, ẋ += τẍ, θ += τθ̇, θ̇ += τθ̈}. Products are
     * evaluated left to right, squares included, and sin/cos are {@link StrictMath}'s: the shared reference
     * files were written that way, and since an open-loop replay amplifies a last-bit difference by about
     * e^4 per simulated second, only the same rounding reproduces a 500-step file to 1e-12.
     */
    static void advance(Constants c, double[] s, int action) {
        if (action != 0 && action != 1) throw new IllegalArgumentException("action must be 0 or 1, got " + action);
        double force = action == 1 ? c.forceMag() : -c.forceMag();
        double thetaDot = s[3];
        double cos = StrictMath.cos(s[2]);
        double sin = StrictMath.sin(s[2]);
        double total = c.totalMass();
        double temp = (force + c.poleMassLength() * thetaDot * thetaDot * sin) / total;
        double thetaAcc = (c.gravity() * sin - cos * temp) / (c.length() * (4.0 / 3.0 - c.massPole() * cos * cos / total));
        double xAcc = temp - c.poleMassLength() * thetaAcc * cos / total;
        s[0] = s[0] + c.tau() * s[1];
        s[1] = s[1] + c.tau() * xAcc;
        s[2] = s[2] + c.tau() * thetaDot;
        s[3] = thetaDot + c.tau() * thetaAcc;
    }

    /** Gymnasium's termination test: {@code x < -x_threshold or x > x_threshold or theta < -θ_threshold or theta > θ_threshold}. */
    static boolean outside(Constants c, double[] s) {
        return s[0] < -c.xThreshold() || s[0] > c.xThreshold() || s[2] < -c.thetaThreshold() || s[2] > c.thetaThreshold();
    }
}
