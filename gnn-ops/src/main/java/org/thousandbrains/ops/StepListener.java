package org.thousandbrains.ops;

/**
 * Sees a forward pass after each of its steps, while it runs (e.g. a simulation that records a few
 * nodes over thousands of steps without keeping every state): {@code pass.stateInto(t, buffer)} and
 * {@code pass.firingInto(t, mask)} read step {@code t} (and the steps an inference ring still holds)
 * without allocating. The readout and the whole-pass masks are known only once the pass returns.
 */
@FunctionalInterface
public interface StepListener {
    /** Step {@code t} (1..T) of {@code pass} is computed. */
    void afterStep(int t, ForwardPass pass);
}
