package org.thousandbrains.ops;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed team of daemon threads that runs the parts of one kernel call and returns when all are
 * done. Parts are fixed by the caller (a few per thread) and handed out first come, first served,
 * so a thread the OS leaves waiting holds nobody up; every part computes the same values whichever
 * thread runs it, so results stay deterministic. Kernel calls come in quick succession (a wave, a
 * step, one SpMM of a millisecond): an idle helper spins and yields briefly, so a new call usually
 * finds it awake, then parks without a timeout until {@link #run} unparks it. An idle team costs no
 * CPU at all (a notebook kernel or a library user's JVM between passes), and its threads are daemon
 * threads, so they never keep a JVM alive. Teams are shared per size; calls on one team are serialized.
 */
final class Workers {
    private static final ConcurrentHashMap<Integer, Workers> SHARED = new ConcurrentHashMap<>();
    /** Spin iterations before a waiting thread yields, and yields before it parks. */
    private static final int SPINS = 1 << 10;
    private static final int YIELDS = 64;

    /** One call: its parts, the next part to hand out and the number finished. */
    private static final class Job {
        final IntConsumer task;
        final int parts;
        final Thread caller;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile RuntimeException failure;

        Job(IntConsumer task, int parts, Thread caller) {
            this.task = task;
            this.parts = parts;
            this.caller = caller;
        }

        /** Runs parts until none is left; true when this thread finished the last one. */
        boolean work() {
            boolean last = false;
            for (int i; (i = next.getAndIncrement()) < parts; ) {
                try {
                    task.accept(i);
                } catch (RuntimeException | Error e) {
                    if (failure == null) failure = e instanceof RuntimeException ? (RuntimeException) e : new IllegalStateException(e);
                }
                last = done.incrementAndGet() == parts;
            }
            return last;
        }
    }

    private final int threads;
    private final Thread[] helpers;
    private volatile Job job;

    private Workers(int threads) {
        this.threads = threads;
        this.helpers = new Thread[threads - 1];
        for (int h = 0; h < helpers.length; h++) {
            Thread th = new Thread(this::helperLoop, "tb-ops-" + threads + "-" + (h + 1));
            th.setDaemon(true);
            helpers[h] = th;
            th.start();
        }
    }

    static Workers of(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        return SHARED.computeIfAbsent(threads, Workers::new);
    }

    int threads() {
        return threads;
    }

    /** Runs {@code task(0..parts-1)} on the team and the calling thread; returns when all parts are done. */
    synchronized void run(int parts, IntConsumer task) {
        if (parts == 1 || threads == 1) {
            for (int i = 0; i < parts; i++) task.accept(i);
            return;
        }
        Job j = new Job(task, parts, Thread.currentThread());
        job = j;
        for (Thread h : helpers) LockSupport.unpark(h);
        j.work();
        for (int spin = 0; j.done.get() < parts; spin++) pause(spin);
        RuntimeException f = j.failure;
        if (f != null) throw f;
    }

    /**
     * One round of waiting: a short spin, then yielding (a busy machine may run the thread we wait
     * for on this very core), then parking until unparked. Callers re-check their condition after
     * every round, so a spurious or stale wake-up only costs one more round; the thread that makes
     * the condition true unparks the waiter after making it true, so no wake-up is lost.
     */
    private void pause(int round) {
        if (round < SPINS) Thread.onSpinWait();
        else if (round < SPINS + YIELDS) Thread.yield();
        else LockSupport.park(this);
    }

    private void helperLoop() {
        Job seen = null;
        while (true) {
            Job j;
            for (int spin = 0; (j = job) == seen; spin++) {
                pause(spin);
                // nobody should interrupt these private threads; if someone does, clear the flag, as
                // an interrupted thread does not park and would spin
                Thread.interrupted();
            }
            seen = j;
            if (j.work()) LockSupport.unpark(j.caller);
        }
    }
}
