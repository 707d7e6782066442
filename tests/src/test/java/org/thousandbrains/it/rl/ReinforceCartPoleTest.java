package org.thousandbrains.it.rl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.thousandbrains.env.CartPole;
import org.thousandbrains.rl.Reinforce;
import org.thousandbrains.rl.TrainingResult;
import org.thousandbrains.train.Rng;

/**
 * REINFORCE through the operator learns CartPole-v1: 200 episodes already give several times the return
 * of uniformly random pushes (measured here), and seeds 0, 1 and 2 reach Gymnasium's bar (mean return
 * 475 over the last 100 episodes) within 1000 episodes.
 */
class ReinforceCartPoleTest {
    private static double randomPolicyMeanReturn() {
        CartPole env = new CartPole(123);
        Rng rng = new Rng(5);
        double steps = 0;
        for (int k = 0; k < 500; k++) {
            env.reset();
            while (!env.done()) {
                env.step(rng.nextInt(2));
                steps++;
            }
        }
        return steps / 500;
    }

    @Test
    void aShortRunBeatsRandomPushesMarkedly() {
        double random = randomPolicyMeanReturn();
        TrainingResult r = Reinforce.cartPole(0).train(200, Double.POSITIVE_INFINITY, 100);
        double trained = r.meanOfLast(50);
        assertTrue(trained > 3 * random, "mean return of the last 50 of 200 episodes " + trained + " vs random " + random);
    }

    @Test
    void solvesCartPoleV1ForThreeSeeds() {
        for (long seed = 0; seed < 3; seed++) {
            TrainingResult r = Reinforce.cartPole(seed).train(1000, 475, 100);
            assertTrue(r.solved(), "seed " + seed + ": mean of the last 100 is " + r.meanOfLast(100) + " after " + r.episodes() + " episodes");
        }
    }
}
