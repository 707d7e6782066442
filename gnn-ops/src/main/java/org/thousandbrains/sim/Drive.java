package org.thousandbrains.sim;

import java.util.Locale;
import java.util.SplittableRandom;

import org.thousandbrains.ops.Inputs;

/**
 * What the driven nodes of a {@link Simulation} receive as external input {@code I_v(t)} (added to
 * their pre-activation; clamped on input nodes, DESIGN.md step 3/4): a constant, one rectangular
 * pulse, or a Poisson-like spike train (each node and step independently {@code amplitude} with
 * probability {@code rate}, else 0; reproducible from the seed). Immutable.
 *
 * <pre>{@code
 * Drive.constant(1.0); Drive.pulse(1.0, 10, 5); Drive.poisson(1.0, 0.2, 42); Drive.parse("poisson:1,0.2,42");
 * }</pre>
 */
public final class Drive {
    private enum Kind { CONSTANT, PULSE, POISSON }

    private final Kind kind;
    private final double amplitude;
    private final int start;
    private final int width;
    private final double rate;
    private final long seed;

    private Drive(Kind kind, double amplitude, int start, int width, double rate, long seed) {
        if (!Double.isFinite(amplitude)) throw new IllegalArgumentException("drive amplitude must be finite, got " + amplitude);
        this.kind = kind;
        this.amplitude = amplitude;
        this.start = start;
        this.width = width;
        this.rate = rate;
        this.seed = seed;
    }

    /** {@code I = amplitude} at every step. */
    public static Drive constant(double amplitude) {
        return new Drive(Kind.CONSTANT, amplitude, 1, Integer.MAX_VALUE, 1, 0);
    }

    /** {@code I = amplitude} for the {@code width} steps from step {@code start} (1-based), 0 otherwise. */
    public static Drive pulse(double amplitude, int start, int width) {
        if (start < 1) throw new IllegalArgumentException("pulse start must be a step >= 1, got " + start);
        if (width < 1) throw new IllegalArgumentException("pulse width must be >= 1 step, got " + width);
        return new Drive(Kind.PULSE, amplitude, start, width, 1, 0);
    }

    /** Per node and step {@code amplitude} with probability {@code rate} (in [0, 1]), else 0; seeded. */
    public static Drive poisson(double amplitude, double rate, long seed) {
        if (!(rate >= 0 && rate <= 1)) throw new IllegalArgumentException("poisson rate must lie in [0, 1], got " + rate);
        return new Drive(Kind.POISSON, amplitude, 1, Integer.MAX_VALUE, rate, seed);
    }

    /**
     * Parses {@code constant[:A]}, {@code pulse:A,START,WIDTH} or {@code poisson:A,RATE[,SEED]} (defaults:
     * A = 1, SEED = 0), e.g. {@code poisson:1,0.2,7}.
     */
    public static Drive parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        int colon = s.indexOf(':');
        String name = colon < 0 ? s : s.substring(0, colon);
        String[] a = colon < 0 || colon == s.length() - 1 ? new String[0] : s.substring(colon + 1).split(",");
        try {
            switch (name) {
                case "constant":
                    if (a.length > 1) break;
                    return constant(a.length == 0 ? 1 : Double.parseDouble(a[0]));
                case "pulse":
                    if (a.length != 3) break;
                    return pulse(Double.parseDouble(a[0]), Integer.parseInt(a[1].trim()), Integer.parseInt(a[2].trim()));
                case "poisson":
                    if (a.length < 2 || a.length > 3) break;
                    return poisson(Double.parseDouble(a[0]), Double.parseDouble(a[1]), a.length == 3 ? Long.parseLong(a[2].trim()) : 0);
                default:
                    break;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("drive '" + spec + "': " + e.getMessage());
        }
        throw new IllegalArgumentException("drive '" + spec + "': expected constant[:A], pulse:A,START,WIDTH or poisson:A,RATE[,SEED]");
    }

    public double amplitude() { return amplitude; }

    /**
     * The input of {@code nodes} over {@code T} steps (batch 1): constant where the drive is constant, otherwise
     * streamed, step by step in order (memory for one step however long the run).
     */
    Inputs inputs(int[] nodes, int T) {
        if (kind == Kind.CONSTANT) {
            float[] v = new float[nodes.length];
            java.util.Arrays.fill(v, (float) amplitude);
            return Inputs.constant(nodes, 1, v);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        return Inputs.streamed(nodes, 1, (t, values) -> {
            if (t > T) throw new IllegalStateException("drive of " + T + " steps asked for step " + t);
            for (int i = 0; i < values.length; i++) values[i] = (float) valueAt(t, rng);
        });
    }

    private double valueAt(int t, SplittableRandom rng) {
        switch (kind) {
            case PULSE: return t >= start && t - start < width ? amplitude : 0;
            case POISSON: return rng.nextDouble() < rate ? amplitude : 0;
            default: return amplitude;
        }
    }

    /** The spec {@link #parse} reads back, e.g. {@code poisson:1.0,0.2,42}. */
    @Override
    public String toString() {
        switch (kind) {
            case PULSE: return "pulse:" + amplitude + "," + start + "," + width;
            case POISSON: return "poisson:" + amplitude + "," + rate + "," + seed;
            default: return "constant:" + amplitude;
        }
    }
}
