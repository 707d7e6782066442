package org.thousandbrains.experiments;

import java.io.Serializable;
import java.util.List;

/**
 * Where an experiment's training runs execute: {@link #HERE}, one after the other in this process, or as Spark
 * tasks ({@code org.thousandbrains.distributed.ExperimentOnSpark}). An experiment hands each batch of independent
 * runs to {@link ExperimentContext#runAll} and gets their results in the batch's order, whichever runs them.
 */
public interface RunScheduler {
    /** Runs here, one after the other, each announced by a progress line. */
    RunScheduler HERE = new RunScheduler() {
        @Override
        public <R extends Serializable> List<R> runAll(ExperimentContext ctx, List<TrainingRun<R>> runs) throws Exception {
            List<R> out = new java.util.ArrayList<>();
            for (TrainingRun<R> r : runs) {
                ctx.begin(r.label());
                out.add(r.work().call());
            }
            return out;
        }
    };

    /** The results of {@code runs}, in their order. */
    <R extends Serializable> List<R> runAll(ExperimentContext ctx, List<TrainingRun<R>> runs) throws Exception;

    /**
     * Whether the context writes results files: false where the experiment is replayed only to reach one run (a
     * Spark task), whose driver writes them.
     */
    default boolean writesResults() {
        return true;
    }

    /** Whether each run has its process to itself (so that, say, its peak RSS is its own). */
    default boolean oneRunAtATime() {
        return true;
    }
}
