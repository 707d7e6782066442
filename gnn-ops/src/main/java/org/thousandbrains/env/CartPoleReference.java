package org.thousandbrains.env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.thousandbrains.io.Json;

/**
 * A reference trajectory in the {@code thousandBrains-cartpole/1} format (the README beside the shared
 * cart-pole files): constants, initial state, one action per step and, after each step, the state,
 * reward and termination flag, plus the truncation flag and return of the episode. {@link #replay()}
 * feeds the actions to a {@link CartPole} with the file's constants and compares.
 */
public final class CartPoleReference {
    public static final String FORMAT = "thousandBrains-cartpole/1";
    /** Largest accepted absolute state difference. */
    public static final double STATE_TOLERANCE = 1e-12;
    /** The only integrator of {@link CartPole}. */
    public static final String EULER = "euler";

    /**
     * The outcome of a replay: steps the environment accepted (an episode that ends early stops the
     * replay), max {@code |Δstate|} over those steps and components, mismatched rewards and termination
     * flags, whether the final truncation flag matches, and the environment's return.
     */
    public record Replay(int steps, int expectedSteps, double maxStateError, int rewardMismatches,
                         int terminatedMismatches, boolean truncatedMatches, double episodeReturn, double expectedReturn) {
        /** Every step was accepted and every reward and flag matches. */
        public boolean flagsMatch() {
            return steps == expectedSteps && rewardMismatches == 0 && terminatedMismatches == 0 && truncatedMatches;
        }

        /** Flags match, states lie within {@link #STATE_TOLERANCE} and the returns are equal. */
        public boolean passes() {
            return flagsMatch() && maxStateError <= STATE_TOLERANCE && episodeReturn == expectedReturn;
        }
    }

    public final String name;
    public final CartPole.Constants constants;
    public final double[] initialState;
    public final int[] actions;
    /** {@code [steps][4]}: the state after each step. */
    public final double[][] states;
    public final double[] rewards;
    public final boolean[] terminated;
    public final boolean truncated;
    public final double episodeReturn;

    private CartPoleReference(JsonFields f) {
        String format = f.string("format");
        if (!FORMAT.equals(format)) throw f.error("format", "is '" + format + "', expected '" + FORMAT + "'");
        name = f.string("name");
        constants = constants(f.object("constants"));
        initialState = f.numbers("initial_state", CartPole.STATE_SIZE);
        double[] a = f.numbers("actions", -1);
        int n = a.length;
        actions = new int[n];
        for (int t = 0; t < n; t++) {
            if (a[t] != 0 && a[t] != 1) throw f.error("actions[" + t + "]", "is " + a[t] + ", expected 0 or 1");
            actions[t] = (int) a[t];
        }
        states = f.matrix("states", n, CartPole.STATE_SIZE);
        rewards = f.numbers("rewards", n);
        terminated = f.bools("terminated", n);
        truncated = f.bool("truncated");
        episodeReturn = f.number("episode_return");
    }

    private static CartPole.Constants constants(JsonFields c) {
        String integrator = c.string("integrator");
        if (!EULER.equals(integrator)) throw c.error("integrator", "is '" + integrator + "': only '" + EULER + "' is supported");
        try {
            return new CartPole.Constants(c.number("gravity"), c.number("masscart"), c.number("masspole"), c.number("length"),
                    c.number("force_mag"), c.number("tau"), c.number("theta_threshold_radians"), c.number("x_threshold"),
                    c.integer("max_episode_steps"));
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith("field '") ? e : new IllegalArgumentException("field 'constants': " + e.getMessage(), e);
        }
    }

    /** Whether {@code root} (a parsed JSON document) declares this format. */
    public static boolean declaresFormat(Object root) {
        return root instanceof Map && FORMAT.equals(((Map<?, ?>) root).get("format"));
    }

    /** Whether the file is a JSON object declaring this format (false for unreadable or other JSON). */
    public static boolean declaresFormat(Path file) throws IOException {
        try {
            return declaresFormat(Json.parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Reads and checks a file; errors name the file and the field. */
    public static CartPoleReference read(Path file) throws IOException {
        Object root;
        try {
            root = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        if (!(root instanceof Map)) throw new IllegalArgumentException(file + ": not a JSON object");
        try {
            return new CartPoleReference(new JsonFields((Map<?, ?>) root, ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public int steps() { return actions.length; }

    /** Replays the actions from the initial state through a {@link CartPole} with the file's constants. */
    public Replay replay() {
        CartPole env = new CartPole(constants, 0);
        env.reset(initialState);
        double maxError = 0;
        int rewardMismatches = 0;
        int terminatedMismatches = 0;
        double ret = 0;
        boolean lastTruncated = false;
        int t = 0;
        for (; t < actions.length && !env.done(); t++) {
            CartPole.Transition s = env.step(actions[t]);
            for (int i = 0; i < CartPole.STATE_SIZE; i++) maxError = Math.max(maxError, Math.abs(s.state()[i] - states[t][i]));
            if (s.reward() != rewards[t]) rewardMismatches++;
            if (s.terminated() != terminated[t]) terminatedMismatches++;
            ret += s.reward();
            lastTruncated = s.truncated();
        }
        return new Replay(t, actions.length, maxError, rewardMismatches, terminatedMismatches, lastTruncated == truncated,
                ret, episodeReturn);
    }
}
