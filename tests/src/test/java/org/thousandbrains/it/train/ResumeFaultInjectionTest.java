package org.thousandbrains.it.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thousandbrains.checkpoint.Checkpoint;
import org.thousandbrains.checkpoint.CheckpointIO;
import org.thousandbrains.autodiff.Parameter;

/**
 * Training that survives SIGKILL. {@code tb train} runs in child JVMs that are killed with SIGKILL
 * (through the process handle) at seeded random moments — right after a random epoch's line, a few
 * milliseconds into the next epoch — and once on purpose inside the checkpoint-write window (the child
 * waits there when {@code TB_CHECKPOINT_PAUSE_MS} is set and says so on stderr, so the kill cannot miss
 * it). After every kill the run folder holds a loadable checkpoint; {@code tb train --resume} continues;
 * the finished run's parameters (float32 weights, delays, leaks, biases, duty cycles) are bit-identical to
 * an uninterrupted run's, and {@code metrics.csv} has every epoch once with the same numbers (seconds
 * excepted). Also: a truncated newest checkpoint is reported and the previous one is used, and SIGTERM
 * saves a checkpoint (mid-epoch when it lands there), exits with status 130, and the resumed run again ends
 * identical to the uninterrupted one.
 */
class ResumeFaultInjectionTest {
    /** The run: Numenta-style sparse layers (BLAS dense blocks, k-WTA duty cycles and boosting), float32, Adam. */
    private static final String[] RUN = {"--model", "sparse", "--epochs", "8", "--hidden", "96,96", "--seed", "3"};

    @TempDir
    Path tmp;

    @Test
    void killedRunsResumeToTheSameResult() throws Exception {
        Path ref = tmp.resolve("ref");
        assertEquals(0, run(ref, false, null, line -> false).status, "uninterrupted run");
        Path run = tmp.resolve("killed");
        Random rng = new Random(20261201);
        // 1) killed at a random moment after a random epoch's line
        int k = 1 + rng.nextInt(3);
        Child c = run(run, false, null, line -> line.startsWith("epoch " + k + "/"), rng.nextInt(40));
        assertTrue(c.killed, "the first run ended before it was killed:\n" + c.output);
        assertLoadable(run);
        // 2) resumed, killed inside the checkpoint-write window on purpose
        c = run(run, true, "3000", line -> line.contains("checkpoint write window open"), 0);
        assertTrue(c.killed, "the resumed run never opened a checkpoint write window:\n" + c.output);
        assertFalse(Files.exists(run.resolve("checkpoint.tbck")), "killed after the rotation, before the new checkpoint");
        assertLoadable(run);
        // 3) resumed to the end: "checkpoint.tbck is missing; resuming from checkpoint.prev.tbck"
        c = run(run, true, null, line -> false);
        assertEquals(0, c.status, c.output);
        assertTrue(c.output.contains("resuming from"), c.output);
        assertSameResult(ref, run);
    }

    @Test
    void aTruncatedNewestCheckpointFallsBackToThePreviousOne() throws Exception {
        Path run = tmp.resolve("trunc");
        Child c = run(run, false, null, line -> false);
        assertEquals(0, c.status, c.output);
        assertTrue(Files.exists(run.resolve("checkpoint.prev.tbck")));
        Path newest = run.resolve("checkpoint.tbck");
        byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        c = run(run, true, null, line -> false);
        assertEquals(0, c.status, c.output);
        assertTrue(c.output.contains("checkpoint.tbck is unreadable") && c.output.contains("resuming from"), c.output);
        Path ref = tmp.resolve("ref2");
        assertEquals(0, run(ref, false, null, line -> false).status);
        assertSameResult(ref, run);
    }

    @Test
    void sigtermSavesACheckpointAndSaysHowToResume() throws Exception {
        Path run = tmp.resolve("term");
        Process p = start(run, false, null);
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
                if (line.startsWith("epoch 2/")) {
                    Thread.sleep(30); // into epoch 3, between batches
                    p.toHandle().destroy(); // SIGTERM
                }
            }
        }
        assertEquals(130, p.waitFor(), out.toString());
        assertTrue(out.toString().contains("--resume " + run), out.toString());
        Map<?, ?> res = (Map<?, ?>) org.thousandbrains.io.Json.parse(Files.readString(run.resolve("results.json")));
        assertEquals("interrupted", res.get("status"));
        assertLoadable(run);
        // wherever in the epoch the signal landed, the resumed run ends as an uninterrupted one
        Child c = run(run, true, null, line -> false);
        assertEquals(0, c.status, c.output);
        Path ref = tmp.resolve("ref3");
        assertEquals(0, run(ref, false, null, line -> false).status);
        assertSameResult(ref, run);
    }

    private static void assertLoadable(Path run) throws IOException {
        List<String> tried = new ArrayList<>();
        for (String name : new String[] {"checkpoint.tbck", "checkpoint.prev.tbck"}) {
            Path f = run.resolve(name);
            if (!Files.exists(f)) continue;
            try {
                CheckpointIO.read(f);
                return;
            } catch (IOException | RuntimeException e) {
                tried.add(name + ": " + e.getMessage());
            }
        }
        fail("no loadable checkpoint in " + run + " " + tried);
    }

    private static void assertSameResult(Path ref, Path run) throws IOException {
        Checkpoint a = CheckpointIO.read(ref.resolve("checkpoint.tbck"));
        Checkpoint b = CheckpointIO.read(run.resolve("checkpoint.tbck"));
        List<Parameter> pa = new ArrayList<>();
        a.newParameterSet().forEach(pa::add);
        List<Parameter> pb = new ArrayList<>();
        b.newParameterSet().forEach(pb::add);
        assertEquals(pa.size(), pb.size());
        for (int i = 0; i < pa.size(); i++) {
            assertEquals(pa.get(i).name(), pb.get(i).name());
            assertArrayEquals(pa.get(i).value().dup().data().asDouble(), pb.get(i).value().dup().data().asDouble(), 0.0,
                    "parameter " + pa.get(i).name() + " differs from the uninterrupted run");
        }
        List<String> ma = withoutSeconds(ref.resolve("metrics.csv"));
        List<String> mb = withoutSeconds(run.resolve("metrics.csv"));
        assertEquals(ma, mb, "metrics.csv");
    }

    private static List<String> withoutSeconds(Path csv) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) out.add(line.substring(0, line.lastIndexOf(',')));
        return out;
    }

    private record Child(int status, boolean killed, String output) {
    }

    private Child run(Path dir, boolean resume, String pauseMs, Predicate<String> killWhen) throws Exception {
        return run(dir, resume, pauseMs, killWhen, 0);
    }

    /** Runs {@code tb train} (or {@code --resume}) and SIGKILLs it {@code delayMs} after the first line matching {@code killWhen}. */
    private Child run(Path dir, boolean resume, String pauseMs, Predicate<String> killWhen, int delayMs) throws Exception {
        Process p = start(dir, resume, pauseMs);
        StringBuilder out = new StringBuilder();
        boolean killed = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
                if (!killed && killWhen.test(line)) {
                    if (delayMs > 0) Thread.sleep(delayMs);
                    p.toHandle().destroyForcibly(); // SIGKILL (the handle leaves the streams open)
                    killed = true;
                }
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("tb train did not end:\n" + out);
        }
        return new Child(p.exitValue(), killed, out.toString());
    }

    private Process start(Path dir, boolean resume, String pauseMs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                "org.thousandbrains.cli.Tb", "train"));
        if (resume) {
            cmd.addAll(List.of("--resume", dir.toString()));
        } else {
            cmd.addAll(List.of(RUN));
            cmd.addAll(List.of("--out", dir.toString()));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (pauseMs != null) pb.environment().put("TB_CHECKPOINT_PAUSE_MS", pauseMs);
        else pb.environment().remove("TB_CHECKPOINT_PAUSE_MS");
        return pb.start();
    }
}
