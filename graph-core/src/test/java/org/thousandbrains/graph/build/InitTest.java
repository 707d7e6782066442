package org.thousandbrains.graph.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** Moments of each scheme against the closed forms: U(−b, b) has variance b²/3; N(0, s²) has variance s². */
class InitTest {
    private static final int SAMPLES = 200_000;

    private static double[] moments(Init init, double fanIn, double fanOut, boolean bias) {
        Well19937c rng = new Well19937c(7);
        double sum = 0;
        double sq = 0;
        double max = 0;
        for (int i = 0; i < SAMPLES; i++) {
            double x = bias ? init.bias(rng, fanIn) : init.weight(rng, fanIn, fanOut);
            sum += x;
            sq += x * x;
            max = Math.max(max, Math.abs(x));
        }
        double mean = sum / SAMPLES;
        return new double[] {mean, sq / SAMPLES - mean * mean, max};
    }

    private static void assertUniform(double bound, double[] m) {
        double var = bound * bound / 3;
        assertEquals(0, m[0], 5 * Math.sqrt(var / SAMPLES));
        assertEquals(var, m[1], 0.01 * var);
        assertTrue(m[2] <= bound && m[2] > 0.999 * bound, "max |x| " + m[2] + " vs bound " + bound);
    }

    @Test
    void kaimingUniform() {
        assertUniform(Math.sqrt(6.0 / 100), moments(Init.KAIMING_UNIFORM, 100, 7, false));
    }

    @Test
    void kaimingNormal() {
        double[] m = moments(Init.KAIMING_NORMAL, 50, 7, false);
        assertEquals(0, m[0], 5 * Math.sqrt(0.04 / SAMPLES));
        assertEquals(2.0 / 50, m[1], 0.01 * 2.0 / 50);
        assertTrue(m[2] > 3 * Math.sqrt(2.0 / 50), "normal tails exceed 3 sigma in 2e5 draws");
    }

    @Test
    void xavierUniformUsesFanInAndFanOut() {
        assertUniform(Math.sqrt(6.0 / (100 + 20)), moments(Init.XAVIER_UNIFORM, 100, 20, false));
    }

    @Test
    void torchLinearWeightsAndBiases() {
        assertUniform(1 / Math.sqrt(64), moments(Init.TORCH_LINEAR, 64, 3, false));
        assertUniform(1 / Math.sqrt(64), moments(Init.TORCH_LINEAR, 64, 3, true));
    }

    @Test
    void otherSchemesHaveZeroBiasAndRejectBadFans() {
        Well19937c rng = new Well19937c(1);
        assertEquals(0.0, Init.KAIMING_UNIFORM.bias(rng, 10));
        assertEquals(0.0, Init.XAVIER_UNIFORM.bias(rng, 10));
        assertThrows(IllegalArgumentException.class, () -> Init.KAIMING_NORMAL.weight(rng, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Init.XAVIER_UNIFORM.weight(rng, 3, Double.NaN));
    }
}
