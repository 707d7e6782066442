package org.thousandbrains.graph.build;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * Weight initialisation schemes, scaled by the fan-in (and fan-out) of the block of edges
 * a weight belongs to, as in PyTorch's {@code torch.nn.init}. Draws come from a seeded Commons
 * Math generator, so a builder with a seed always yields the same network.
 */
public enum Init {
    /** U(−b, b) with b = √(6 / fan_in) (He et al., gain √2 for relu); bias 0. */
    KAIMING_UNIFORM,
    /** N(0, 2 / fan_in) (He et al.); bias 0. */
    KAIMING_NORMAL,
    /** U(−b, b) with b = √(6 / (fan_in + fan_out)) (Glorot and Bengio); bias 0. */
    XAVIER_UNIFORM,
    /** PyTorch's {@code nn.Linear} default: weights and biases U(−b, b) with b = 1 / √fan_in. */
    TORCH_LINEAR;

    /** One weight of a block whose targets each receive {@code fanIn} edges and whose sources send {@code fanOut}. */
    public double weight(RandomGenerator rng, double fanIn, double fanOut) {
        requirePositive(fanIn, "fan_in");
        switch (this) {
            case KAIMING_UNIFORM: return uniform(rng, Math.sqrt(6.0 / fanIn));
            case KAIMING_NORMAL: return rng.nextGaussian() * Math.sqrt(2.0 / fanIn);
            case XAVIER_UNIFORM:
                requirePositive(fanOut, "fan_out");
                return uniform(rng, Math.sqrt(6.0 / (fanIn + fanOut)));
            default: return uniform(rng, 1.0 / Math.sqrt(fanIn));
        }
    }

    /** The bias of a node with this fan-in: U(±1/√fan_in) for {@link #TORCH_LINEAR}, else 0 (no draw). */
    public double bias(RandomGenerator rng, double fanIn) {
        if (this != TORCH_LINEAR) return 0.0;
        requirePositive(fanIn, "fan_in");
        return uniform(rng, 1.0 / Math.sqrt(fanIn));
    }

    private static double uniform(RandomGenerator rng, double bound) {
        return (2.0 * rng.nextDouble() - 1.0) * bound;
    }

    private static void requirePositive(double v, String what) {
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(what + " must be positive, got " + v);
    }
}
