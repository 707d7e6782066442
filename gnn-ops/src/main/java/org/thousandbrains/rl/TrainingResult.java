package org.thousandbrains.rl;

import java.io.Serializable;

/**
 * What a cart-pole training run gave: whether the mean return of the last episodes reached the bar, the
 * episodes it took (or all that ran when it did not), wall seconds and every episode's return.
 */
public record TrainingResult(boolean solved, int episodes, double seconds, double[] returns) implements Serializable {
    /** Mean return of the last {@code n} episodes (fewer when the run was shorter). */
    public double meanOfLast(int n) {
        return meanOfLast(returns, returns.length, n);
    }

    /** Mean of {@code values[count − n .. count)} (fewer when {@code count < n}; 0 for none). */
    static double meanOfLast(double[] values, int count, int n) {
        int from = Math.max(0, count - n);
        double s = 0;
        for (int i = from; i < count; i++) s += values[i];
        return count == from ? 0 : s / (count - from);
    }
}
