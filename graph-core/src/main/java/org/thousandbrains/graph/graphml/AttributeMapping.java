package org.thousandbrains.graph.graphml;

import java.util.Objects;

/**
 * Reads a numeric model parameter from a differently named attribute of a foreign file, with
 * an optional scale: {@code weight=synapses*0.001} makes every edge's weight 0.001 times its
 * {@code synapses} value (the key's {@code <default>} included). The attribute that would
 * otherwise give the parameter (here {@code weight}) is then kept as ordinary metadata.
 * Targets: edge {@code weight}, {@code delay}, {@code leak}; node {@code bias}, {@code threshold}.
 */
public record AttributeMapping(String target, String source, double scale) {
    public AttributeMapping {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(source, "source");
        Field f = field(target);
        if (f == null || !f.numeric || f.domain.equals("graph") || f == Field.DUTY || f == Field.GAIN || f == Field.SHIFT) {
            throw new IllegalArgumentException("cannot map '" + target
                    + "': targets are weight, delay, leak, bias and threshold");
        }
        if (source.isEmpty()) throw new IllegalArgumentException("mapping for '" + target + "' names no attribute");
        if (!Double.isFinite(scale)) throw new IllegalArgumentException("mapping scale must be finite, got " + scale);
    }

    /** Parses {@code TARGET=ATTRIBUTE} or {@code TARGET=ATTRIBUTE*SCALE}. */
    public static AttributeMapping parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("mapping '" + spec + "': expected TARGET=ATTRIBUTE[*SCALE], e.g. weight=synapses*0.001");
        }
        String target = spec.substring(0, eq).trim();
        String rest = spec.substring(eq + 1).trim();
        double scale = 1.0;
        int star = rest.lastIndexOf('*');
        if (star >= 0) {
            String factor = rest.substring(star + 1).trim();
            try {
                scale = Values.parseDouble(factor);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mapping '" + spec + "': scale '" + factor + "' is not a number");
            }
            rest = rest.substring(0, star).trim();
        }
        return new AttributeMapping(target, rest, scale);
    }

    Field field() {
        return field(target);
    }

    private static Field field(String name) {
        Field f = Field.named("edge", name);
        return f != null ? f : Field.named("node", name);
    }

    @Override
    public String toString() {
        return scale == 1.0 ? target + "=" + source : target + "=" + source + "*" + scale;
    }
}
