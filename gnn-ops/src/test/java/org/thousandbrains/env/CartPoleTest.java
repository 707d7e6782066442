package org.thousandbrains.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Cart-pole dynamics against hand-derived values, the termination and truncation rules, and seeded resets. */
class CartPoleTest {
    private static final double EXACT = 1e-15;

    @Test
    void v1ConstantsAreGymnasiums() {
        CartPole.Constants c = CartPole.Constants.V1;
        assertEquals(0.20943951023931953, c.thetaThreshold(), 0.0, "12 degrees as Gymnasium's 12 * 2 * pi / 360");
        assertEquals(1.1, c.totalMass(), 0.0);
        assertEquals(0.05, c.poleMassLength(), 0.0);
        assertEquals(500, c.maxEpisodeSteps());
    }

    /**
     * From the zero state with action 1 (F = +10; sin θ = 0, cos θ = 1, M = 1.1, ml = 0.05):
     * temp = F/M = 100/11; θ̈ = −temp / (l·(4/3 − m/M)) = −(100/11) / (0.5·41/33) = −600/41;
     * ẍ = temp − ml·θ̈/M = 100/11 + (30/41)/1.1 = 400/41. Euler: x and θ keep their old rates (0),
     * ẋ = 0.02·400/41 = 8/41, θ̇ = 0.02·(−600/41) = −12/41. The second step moves x by τ·8/41 and θ by τ·(−12/41).
     */
    @Test
    void firstStepsFromRestMatchTheHandDerivation() {
        CartPole env = new CartPole(0);
        env.reset(new double[4]);
        CartPole.Transition t = env.step(1);
        assertArrayEquals(new double[] {0, 8.0 / 41, 0, -12.0 / 41}, t.state(), EXACT);
        assertEquals(1.0, t.reward());
        assertFalse(t.terminated());
        assertFalse(t.truncated());
        double[] s2 = env.step(1).state();
        assertEquals(0.02 * 8 / 41, s2[0], EXACT, "x advances with the previous x_dot (explicit Euler)");
        assertEquals(0.02 * -12 / 41, s2[2], EXACT, "theta advances with the previous theta_dot");
    }

    @Test
    void pushingLeftMirrorsPushingRight() {
        double[] s = {0.01, -0.2, 0.03, 0.4};
        CartPole right = new CartPole(0);
        right.reset(s);
        CartPole left = new CartPole(0);
        left.reset(new double[] {-s[0], -s[1], -s[2], -s[3]});
        for (int k = 0; k < 5; k++) {
            double[] a = right.step(1).state();
            double[] b = left.step(0).state();
            for (int i = 0; i < 4; i++) assertEquals(-a[i], b[i], 0.0, "step " + k + " component " + i);
        }
    }

    @Test
    void terminatesOnlyBeyondTheThresholds() {
        double theta = CartPole.Constants.V1.thetaThreshold();
        // x_dot = 0, theta_dot = 0: the first step leaves x and theta where they are, exactly at the threshold
        CartPole env = new CartPole(0);
        env.reset(new double[] {2.4, 0, 0, 0});
        assertFalse(env.step(1).terminated(), "|x| = 2.4 is still inside");
        assertTrue(env.step(1).terminated(), "x moved beyond 2.4");
        env.reset(new double[] {-2.39, -1.0, 0, 0});
        assertTrue(env.step(0).terminated(), "x = -2.41");
        env.reset(new double[] {0, 0, theta, 0});
        assertFalse(env.step(0).terminated(), "|theta| = 12 degrees is still inside");
        CartPole.Transition last = env.step(0);
        assertTrue(last.terminated() && last.done() && !last.truncated(), "theta beyond 12 degrees");
        assertEquals(1.0, last.reward(), "the terminating step earns its reward");
        assertThrows(IllegalStateException.class, () -> env.step(0));
        env.reset(new double[] {0, 0, -theta - 1e-9, 0});
        assertTrue(env.step(1).terminated());
    }

    @Test
    void truncatesAfter500BalancedSteps() {
        CartPole env = new CartPole(7);
        double[] s = env.reset();
        for (int t = 1; t <= 500; t++) {
            CartPole.Transition tr = env.step(s[2] + 0.5 * s[3] > 0 ? 1 : 0);
            s = tr.state();
            assertFalse(tr.terminated(), "the controller balances; step " + t);
            assertEquals(t == 500, tr.truncated(), "step " + t);
        }
        assertTrue(env.done());
        assertEquals(500, env.steps());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(1));
        assertTrue(e.getMessage().contains("500"), e.getMessage());
    }

    @Test
    void seededResetsAreReproducibleAndInRange() {
        CartPole a = new CartPole(42);
        CartPole b = new CartPole(42);
        double[] first = a.reset();
        assertArrayEquals(first, b.reset());
        assertNotEquals(first[0], a.reset()[0], "the next reset draws new values");
        assertArrayEquals(first, a.reset(42), "reset(seed) restarts the generator");
        double min = 1;
        double max = -1;
        double sum = 0;
        int n = 0;
        for (int k = 0; k < 2000; k++) {
            for (double v : a.reset()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
                n++;
            }
        }
        assertTrue(min >= -0.05 && max < 0.05, "range [" + min + ", " + max + "]");
        assertTrue(min < -0.049 && max > 0.049, "fills the range: [" + min + ", " + max + "]");
        assertEquals(0, sum / n, 0.002, "mean of U(-0.05, 0.05)");
    }

    @Test
    void rejectsBadUse() {
        CartPole env = new CartPole(0);
        assertThrows(IllegalStateException.class, () -> env.step(1), "step before reset");
        env.reset();
        assertThrows(IllegalArgumentException.class, () -> env.step(2));
        assertThrows(IllegalArgumentException.class, () -> env.reset(new double[3]));
        assertThrows(IllegalArgumentException.class,
                () -> new CartPole.Constants(9.8, 1, 0.1, 0.5, 10, 0, 0.2, 2.4, 500), "tau 0");
    }

    @Test
    void batchStepsOnlyRunningEpisodes() {
        CartPole.Constants shortEpisodes = new CartPole.Constants(9.8, 1.0, 0.1, 0.5, 10.0, 0.02, 0.2, 2.4, 3);
        CartPoleBatch batch = new CartPoleBatch(shortEpisodes, 3, 5);
        batch.reset();
        assertArrayEquals(new int[] {0, 1, 2}, batch.running());
        assertNotEquals(batch.state(0)[0], batch.state(1)[0], "environments draw their own initial states");
        CartPoleBatch again = new CartPoleBatch(shortEpisodes, 3, 5);
        again.reset();
        assertArrayEquals(batch.state(2), again.state(2), "same seed, same batch");
        for (int t = 0; t < 3; t++) batch.step(new int[] {1, 0, 1});
        assertTrue(batch.allDone());
        assertEquals(3, batch.steps(1));
        assertThrows(IllegalStateException.class, () -> batch.step(new int[] {0, 0, 0}));
    }
}
