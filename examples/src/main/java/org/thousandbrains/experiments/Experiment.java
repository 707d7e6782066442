package org.thousandbrains.experiments;

/**
 * One research question of the seed notes, answered by training and measuring models: {@code tb experiment NAME}
 * runs it and leaves {@code results.json}, {@code results.md} and PNG plots in its folder (through the
 * {@link ExperimentContext}). Implementations are listed in {@link ExperimentRegistry}.
 */
public interface Experiment {
    /** The command-line name, e.g. {@code units-vs-neurons}. */
    String name();

    /** The question it answers, in one line (for {@code tb experiment --list}). */
    String question();

    /** Trains, measures and writes the results through {@code ctx}. */
    void run(ExperimentContext ctx) throws Exception;
}
