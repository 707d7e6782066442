package org.thousandbrains.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT (Ctrl-C) and SIGTERM during training: the first one asks the trainer to stop after the current
 * batch (so that the run can save a checkpoint and say how to resume); a second one ends the process at
 * once, as the JVM would. Restores the previous handlers on {@link #close()}.
 */
final class StopSignals implements AutoCloseable {
    private static final String[] NAMES = {"INT", "TERM"};
    private final SignalHandler[] previous = new SignalHandler[NAMES.length];
    private volatile String received;

    private StopSignals() {
    }

    /** Installs the handlers; {@code stop} runs (on the signal's thread) at the first signal. */
    static StopSignals install(Runnable stop) {
        StopSignals s = new StopSignals();
        for (int i = 0; i < NAMES.length; i++) {
            String name = NAMES[i];
            try {
                s.previous[i] = Signal.handle(new Signal(name), sig -> {
                    if (s.received != null) Runtime.getRuntime().halt(128 + sig.getNumber());
                    s.received = name;
                    stop.run();
                });
            } catch (IllegalArgumentException e) {
                s.previous[i] = null; // the signal is not available here (or reserved by the JVM's options)
            }
        }
        return s;
    }

    /** The name of the first signal received ({@code INT}, {@code TERM}), or null. */
    String received() {
        return received;
    }

    @Override
    public void close() {
        for (int i = 0; i < NAMES.length; i++) if (previous[i] != null) Signal.handle(new Signal(NAMES[i]), previous[i]);
    }
}
