package org.thousandbrains.ops;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * A fixed team of threads that runs one task per partition and waits for all of them; the calling
 * thread runs partition 0. Teams are shared per size and made of daemon threads, so nothing needs
 * closing. Partitions are fixed by the caller, which keeps results deterministic.
 */
final class Workers {
    private static final ConcurrentHashMap<Integer, Workers> SHARED = new ConcurrentHashMap<>();

    private final int threads;
    private final ExecutorService pool;

    private Workers(int threads) {
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread th = new Thread(r, "tb-ops-" + threads);
            th.setDaemon(true);
            return th;
        });
    }

    static Workers of(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        return SHARED.computeIfAbsent(threads, Workers::new);
    }

    int threads() {
        return threads;
    }

    /** Runs {@code task(0..parts-1)}, at most {@link #threads()} at a time, and returns when all are done. */
    void run(int parts, IntConsumer task) {
        if (parts == 1 || pool == null) {
            for (int i = 0; i < parts; i++) task.accept(i);
            return;
        }
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[parts - 1];
        for (int i = 1; i < parts; i++) {
            final int part = i;
            futures[i - 1] = pool.submit(() -> task.accept(part));
        }
        RuntimeException failure = null;
        try {
            task.accept(0);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (failure == null) {
                    failure = c instanceof RuntimeException ? (RuntimeException) c : new IllegalStateException(c);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) failure = new IllegalStateException("interrupted", e);
            }
        }
        if (failure != null) throw failure;
    }
}
