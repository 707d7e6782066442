package org.thousandbrains.experiments;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * One training run of an experiment: its label — unique within the experiment, the run's progress line and, when
 * the runs are Spark tasks, its key — and the work that trains and measures it, returning what the experiment
 * compares (Serializable, because a Spark task sends it back to the driver).
 */
public record TrainingRun<R extends Serializable>(String label, Callable<R> work) {
}
