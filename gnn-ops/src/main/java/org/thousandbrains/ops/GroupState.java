package org.thousandbrains.ops;

import org.thousandbrains.graph.compile.GroupStructure;

/**
 * The live k-WTA state of one {@link TemporalOperator}: the duty cycle {@code δ} of every k-WTA
 * member (in {@link GroupStructure#kwtaMembers()} positions), the observations {@code L} each
 * group has seen (when one pass has more observations than the period, the duty cycle becomes
 * that pass's win rate, where the formula would go negative) and each group's boost strength {@code β} (starts at the compiled value; a
 * trainer may decay it per epoch, as nupic.torch's {@code boost_strength_factor} does). A forward pass in training mode updates them after the pass (DESIGN.md:
 * {@code L ← L + B·T}, {@code P' = min(P, L)}, {@code δ ← (δ·(P' − n) + wins)/P'}); eval mode and
 * inference leave them alone. Checkpoints save and restore them.
 *
 * <p>It also holds the running mean μ and variance σ² of every overseen group (overseer
 * normalization, DESIGN.md "Seed mechanisms"): a forward pass in training mode updates them at every
 * step, {@code μ ← (1−ρ)μ + ρ m_t}, {@code σ² ← (1−ρ)σ² + ρ q_t}; eval mode and inference only read them.
 */
public final class GroupState {
    private final GroupStructure groups;
    private final double[] duty;
    private final long[] observations;
    private final double[] boost;
    private final double[] normMean;
    private final double[] normVariance;

    GroupState(GroupStructure groups) {
        this.groups = groups;
        this.duty = groups.kwtaDuty().clone();
        this.observations = groups.kwtaObservations().clone();
        this.boost = groups.kwtaBoost().clone();
        this.normMean = groups.normMean().clone();
        this.normVariance = groups.normVariance().clone();
    }

    /** Running mean μ per overseen group (live array). */
    public double[] normMean() { return normMean; }
    /** Running variance σ² per overseen group (live array; must stay finite and >= 0). */
    public double[] normVariance() { return normVariance; }

    /** Sets the running statistics of the overseen groups (e.g. from a checkpoint); lengths must match. */
    public void setNormalization(double[] mean, double[] variance) {
        if (mean.length != normMean.length || variance.length != normVariance.length) {
            throw new IllegalArgumentException("expected " + normMean.length + " running means and variances, got "
                    + mean.length + " and " + variance.length);
        }
        for (int r = 0; r < variance.length; r++) {
            if (!Double.isFinite(mean[r]) || !(variance[r] >= 0) || !Double.isFinite(variance[r])) {
                throw new IllegalArgumentException("overseen group '" + groups.normNames()[r] + "': running mean " + mean[r]
                        + " and variance " + variance[r] + " must be finite, the variance >= 0");
            }
        }
        System.arraycopy(mean, 0, normMean, 0, mean.length);
        System.arraycopy(variance, 0, normVariance, 0, variance.length);
    }

    /** Duty cycles per k-WTA member position (live array). */
    public double[] duty() { return duty; }
    /** Observations seen per k-WTA group (live array). */
    public long[] observations() { return observations; }

    /** Boost strength β per k-WTA group (live array; must stay finite and >= 0). */
    public double[] boost() { return boost; }

    /** Multiplies every group's β by {@code factor} (nupic.torch's per-epoch {@code boost_strength_factor}, e.g. 0.9). */
    public void decayBoost(double factor) {
        if (!(factor >= 0) || !Double.isFinite(factor)) throw new IllegalArgumentException("boost decay factor must be finite and >= 0, got " + factor);
        for (int q = 0; q < boost.length; q++) boost[q] *= factor;
    }

    /** Copies duty cycles, observations, boost strengths and running normalization statistics from {@code other} (same graph). */
    public void copyFrom(GroupState other) {
        if (other.duty.length != duty.length || other.observations.length != observations.length) {
            throw new IllegalArgumentException("k-WTA state of another graph: " + other.duty.length + " duty cycles, "
                    + other.observations.length + " groups vs " + duty.length + ", " + observations.length);
        }
        System.arraycopy(other.duty, 0, duty, 0, duty.length);
        System.arraycopy(other.observations, 0, observations, 0, observations.length);
        System.arraycopy(other.boost, 0, boost, 0, boost.length);
        setNormalization(other.normMean, other.normVariance);
    }

    /** Sets the state from arrays (e.g. a checkpoint); lengths must match. */
    public void set(double[] newDuty, long[] newObservations) {
        if (newDuty.length != duty.length || newObservations.length != observations.length) {
            throw new IllegalArgumentException("expected " + duty.length + " duty cycles and " + observations.length
                    + " observation counts, got " + newDuty.length + " and " + newObservations.length);
        }
        System.arraycopy(newDuty, 0, duty, 0, duty.length);
        System.arraycopy(newObservations, 0, observations, 0, observations.length);
    }

    /** The update after a training pass of {@code n = B·T} observations; {@code wins[i]} counts wins of member position i. */
    void update(int n, long[] wins) {
        int[] ptr = groups.kwtaPtr();
        int[] period = groups.kwtaPeriod();
        for (int q = 0; q < observations.length; q++) {
            long seen = observations[q] + n;
            double p = Math.min(period[q], seen);
            if (n <= p) {
                for (int i = ptr[q]; i < ptr[q + 1]; i++) duty[i] = (duty[i] * (p - n) + wins[i]) / p;
            } else {
                // The batch alone covers the window: DESIGN.md's (and nupic.torch's) formula would weigh the old
                // duty cycle by P' - n < 0; the running rate over the last P' observations is the batch's rate.
                for (int i = ptr[q]; i < ptr[q + 1]; i++) duty[i] = (double) wins[i] / n;
            }
            observations[q] = seen;
        }
    }
}
