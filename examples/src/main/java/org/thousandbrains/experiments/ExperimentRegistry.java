package org.thousandbrains.experiments;

import java.util.List;

/** The experiments {@code tb experiment} knows, in listing order: adding one is adding one line to {@link #ALL}. */
public final class ExperimentRegistry {
    /** Every experiment, in the order {@code --list} prints them. */
    public static final List<Experiment> ALL = List.of(
            new UnitsVsNeurons(),
            new HorizontalLeak(),
            new FiredOnlyVsL1(),
            new RewardOnly(),
            new HebbianBoost(),
            new Delays(),
            new FeedbackMemory(),
            new OverseerNorm(),
            new AuxBranches(),
            new TeacherMasked());

    private ExperimentRegistry() {
    }

    /** The experiment called {@code name}; {@link IllegalArgumentException} naming the known ones otherwise. */
    public static Experiment find(String name) {
        for (Experiment e : ALL) if (e.name().equals(name)) return e;
        throw new IllegalArgumentException("unknown experiment '" + name + "' (known: "
                + String.join(", ", ALL.stream().map(Experiment::name).toList()) + "; tb experiment --list)");
    }
}
