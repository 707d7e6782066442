package org.thousandbrains.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reward alone balances the pole: with the default settings the three-factor policy reaches a mean
 * return of at least 195 over 100 consecutive episodes within the 3000-episode budget, on the default
 * seed and on seeds the settings were not chosen on (they were picked on seeds 0..4); a run is
 * reproducible from its seed. A random policy averages about 22 steps.
 */
class ThreeFactorCartPoleTest {
    @ParameterizedTest
    @ValueSource(longs = {0, 100, 107})
    void reachesTheBarWithinTheBudget(long seed) {
        TrainingResult r = new ThreeFactorCartPole(ThreeFactorCartPole.Settings.DEFAULT, seed).train(null);
        assertTrue(r.solved(), "seed " + seed + ": not solved in " + r.returns().length + " episodes, last 100 mean "
                + r.meanOfLast(100));
        assertTrue(r.meanOfLast(100) >= 195, "mean of the last 100: " + r.meanOfLast(100));
        double first = 0;
        for (int i = 0; i < 20; i++) first += r.returns()[i] / 20;
        assertTrue(first < 60, "the policy starts near random, first 20 episodes average " + first);
    }

    @ParameterizedTest
    @ValueSource(longs = {3})
    void sameSeedSameRun(long seed) {
        ThreeFactorCartPole.Settings s = new ThreeFactorCartPole.Settings(4, 0.3, 0.1, 0.1, 200, 195);
        assertArrayEquals(new ThreeFactorCartPole(s, seed).train(null).returns(), new ThreeFactorCartPole(s, seed).train(null).returns());
    }
}
