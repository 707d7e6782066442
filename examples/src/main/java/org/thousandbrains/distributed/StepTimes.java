package org.thousandbrains.distributed;

/**
 * Where the wall time of data-parallel steps went, summed over the steps (seconds): {@code broadcast} (the
 * parameters to the executors), {@code compute} (the slowest task's forward and backward, per step), {@code tasks}
 * (launching the step's tasks and collecting their gradients, beyond the slowest task's compute),
 * {@code aggregate} (summing the gradients on the driver, partition order) and {@code update} (the optimizer).
 */
public record StepTimes(long steps, double broadcast, double compute, double tasks, double aggregate, double update) {
    StepTimes plus(double b, double c, double t, double a, double u) {
        return new StepTimes(steps + 1, broadcast + b, compute + c, tasks + t, aggregate + a, update + u);
    }

    /** Total seconds of the steps. */
    public double total() {
        return broadcast + compute + tasks + aggregate + update;
    }
}
