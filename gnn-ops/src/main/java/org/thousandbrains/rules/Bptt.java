package org.thousandbrains.rules;

/** The default rule: the exact BPTT gradient of the loss, for any optimizer. */
public final class Bptt implements LearningRule {
    /** The one instance. */
    public static final Bptt RULE = new Bptt();

    private Bptt() {
    }

    @Override
    public String spec() {
        return "bptt";
    }

    @Override
    public String toString() {
        return spec();
    }
}
