package org.thousandbrains.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

/**
 * The worker team: every part of every call runs exactly once, parked helpers wake for the next
 * call, and an idle team burns no CPU (its helpers park without a timeout) and never keeps the JVM
 * alive (daemon threads). Team sizes here are ones no other test uses, so the threads measured are
 * this test's own.
 */
class WorkersTest {
    @Test
    void manyPassesComputeEveryPartExactlyOnce() {
        Workers w = Workers.of(3);
        int parts = 11;
        long[] out = new long[parts];
        int[] runs = new int[parts];
        for (int pass = 1; pass <= 3000; pass++) {
            final int k = pass;
            w.run(parts, i -> {
                out[i] += (long) k * (i + 1);
                runs[i]++;
            });
            if (pass % 1000 == 0) {
                for (int i = 0; i < parts; i++) {
                    assertEquals(pass, runs[i], "part " + i + " ran once per pass");
                    // sum over passes 1..pass of pass·(i+1)
                    assertEquals((long) pass * (pass + 1) / 2 * (i + 1), out[i], "part " + i);
                }
            }
        }
    }

    @Test
    void failuresOfAPartReachTheCaller() {
        Workers w = Workers.of(3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.run(6, i -> {
            if (i == 4) throw new IllegalStateException("part 4 failed");
        }));
        assertEquals("part 4 failed", e.getMessage());
        int[] sum = new int[1];
        w.run(1, i -> sum[0] += 7); // the team is still usable
        assertEquals(7, sum[0]);
    }

    @Test
    void idleHelpersUseNoCpuAndWakeForTheNextCall() throws InterruptedException {
        int size = 5;
        Workers w = Workers.of(size);
        long[] total = new long[1];
        w.run(20, i -> {
            synchronized (total) {
                total[0] += i;
            }
        });
        assertEquals(190, total[0]);
        List<Thread> helpers = helpers(size);
        assertEquals(size - 1, helpers.size(), "helper threads of the team of " + size);
        for (Thread t : helpers) assertTrue(t.isDaemon(), t.getName() + " is a daemon thread");

        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assertTrue(mx.isThreadCpuTimeSupported(), "this JVM measures thread CPU time");
        if (!mx.isThreadCpuTimeEnabled()) mx.setThreadCpuTimeEnabled(true);
        Thread.sleep(300); // past the short spin/yield phase
        long before = cpuNanos(mx, helpers);
        Thread.sleep(300);
        long used = cpuNanos(mx, helpers) - before;
        assertTrue(used < 20_000_000L, (size - 1) + " idle helpers used " + used / 1e6 + " ms of CPU in 300 ms");

        // every parked helper wakes for the next call: each part waits until all threads have joined
        Set<Thread> joined = ConcurrentHashMap.newKeySet();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> w.run(size, i -> {
            joined.add(Thread.currentThread());
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (joined.size() < size && System.nanoTime() < deadline) Thread.onSpinWait();
        }));
        assertEquals(size, joined.size(), "the caller and all " + (size - 1) + " helpers took a part after idling");
        for (Thread t : helpers) assertTrue(joined.contains(t), t.getName() + " woke up");
    }

    private static List<Thread> helpers(int size) {
        List<Thread> out = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("tb-ops-" + size + "-")) out.add(t);
        }
        assertFalse(out.isEmpty(), "no helper threads named tb-ops-" + size + "-*");
        return out;
    }

    private static long cpuNanos(ThreadMXBean mx, List<Thread> threads) {
        long sum = 0;
        for (Thread t : threads) {
            long ns = mx.getThreadCpuTime(t.getId());
            assertTrue(ns >= 0, t.getName() + " is alive and measured");
            sum += ns;
        }
        return sum;
    }
}
