package org.thousandbrains.cli;

import org.thousandbrains.model.Threads;

import picocli.CommandLine.Option;

/** {@code --threads N} of the training commands (a picocli mixin): the operator's worker threads and the BLAS threads. */
final class ThreadsOption {
    @Option(names = "--threads", paramLabel = "N", converter = Converters.PositiveInt.class, defaultValue = "1",
            description = "operator and BLAS threads (default ${DEFAULT-VALUE})")
    int threads;

    /** Applies the count to the native (BLAS) side and returns it, also the operator's thread count. */
    int apply() {
        Threads.set(threads);
        return threads;
    }
}
