package org.thousandbrains.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.thousandbrains.env.CartPole;
import org.thousandbrains.env.CartPoleBatch;

/**
 * Rollouts record what happened: replaying each episode's actions in a fresh environment from the same
 * seed reproduces the recorded (scaled) observations, its length and its end; the recorded probabilities
 * are the policy's; equal seeds give equal rollouts.
 */
class PolicyRolloutTest {
    @Test
    void recordsReplayInTheEnvironment() {
        Policy policy = Policy.mlp(4, 8, 2, 1);
        int n = 4;
        Episodes ep = new PolicyRollout(policy, new CartPoleBatch(CartPole.Constants.V1, n, 21), 5).run();
        assertEquals(n, ep.count());
        CartPoleBatch fresh = new CartPoleBatch(CartPole.Constants.V1, n, 21);
        fresh.reset();
        double[] scale = PolicyRollout.CARTPOLE_SCALE;
        int total = 0;
        for (int k = 0; k < n; k++) {
            CartPole env = new CartPole(0);
            env.reset(fresh.state(k));
            for (int t = 0; t < ep.length(k); t++) {
                int s = ep.offset(k) + t;
                double[] state = env.state();
                for (int i = 0; i < 4; i++) assertEquals(state[i] / scale[i], ep.observations()[s * 4 + i], 0.0, "episode " + k + " step " + t);
                assertEquals(1.0, ep.rewards()[s]);
                env.step(ep.actions()[s]);
            }
            assertTrue(env.done(), "episode " + k + " ends where the record ends");
            assertEquals(env.steps() < 500, ep.terminated(k));
            assertEquals(ep.length(k), ep.episodeReturn(k), 0.0);
            total += ep.length(k);
        }
        assertEquals(total, ep.totalSteps());
        assertArrayEquals(policy.probabilities(ep.observations(), total), ep.probabilities(), 1e-15);
        for (int s = 0; s < total; s++) assertEquals(ep.probabilities()[2 * s + ep.actions()[s]], ep.chosenProbability(s), 0.0);
    }

    @Test
    void equalSeedsGiveEqualRollouts() {
        Episodes a = new PolicyRollout(Policy.mlp(4, 8, 2, 1), new CartPoleBatch(CartPole.Constants.V1, 3, 2), 7).run();
        Episodes b = new PolicyRollout(Policy.mlp(4, 8, 2, 1), new CartPoleBatch(CartPole.Constants.V1, 3, 2), 7).run();
        assertArrayEquals(a.actions(), b.actions());
        assertArrayEquals(a.observations(), b.observations(), 0.0);
    }
}
