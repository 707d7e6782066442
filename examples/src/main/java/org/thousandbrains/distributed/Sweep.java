package org.thousandbrains.distributed;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;

/**
 * Independent runs (seeds, settings, rules) as Spark tasks, one task each, their results collected in the order
 * of the runs whatever order they finish in. A run writes its own files where it is told: on a cluster, give it
 * absolute paths on a file system that the executors share with the driver (loopback: the same disk).
 */
public final class Sweep {
    /** One run of a sweep: Serializable with what it captures, because Spark ships it to an executor. */
    @FunctionalInterface
    public interface Run<R extends Serializable> extends Serializable {
        R call() throws Exception;
    }

    private Sweep() {
    }

    /** Runs every run as its own Spark task on {@code sc}; results in the order of {@code runs}. */
    public static <R extends Serializable> List<R> onSpark(JavaSparkContext sc, List<? extends Run<R>> runs) {
        if (runs.isEmpty()) return List.of();
        List<Run<R>> list = new ArrayList<>(runs);
        return sc.parallelize(list, list.size()).map(Run::call).collect();
    }

    /** Runs every run here, one after the other (what a sweep does without Spark). */
    public static <R extends Serializable> List<R> here(List<? extends Run<R>> runs) throws Exception {
        List<R> out = new ArrayList<>();
        for (Run<R> r : runs) out.add(r.call());
        return out;
    }
}
