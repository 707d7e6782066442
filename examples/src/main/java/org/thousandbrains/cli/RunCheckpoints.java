package org.thousandbrains.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.thousandbrains.checkpoint.Checkpoint;
import org.thousandbrains.checkpoint.CheckpointIO;
import org.thousandbrains.train.EpochResult;
import org.thousandbrains.train.TrainListener;
import org.thousandbrains.train.Trainer;

/**
 * The checkpoints of a {@code tb train} run folder, so that a killed run loses at most one epoch:
 * after every {@code N}th epoch (and on Ctrl-C) the newest checkpoint becomes {@code checkpoint.prev.tbck}
 * (an atomic rename) and a new {@code checkpoint.tbck} is written atomically, so the folder always holds a
 * complete checkpoint once the first one is written; {@code metrics.csv} and a {@code results.json}
 * marked {@code "status": "running"} follow each checkpoint. {@link #latest} reads the newest checkpoint
 * that is intact, reporting a corrupt or truncated one and falling back to the previous.
 */
final class RunCheckpoints implements TrainListener {
    static final String PREVIOUS = "checkpoint.prev.tbck";
    static final String PAUSE_ENV = "TB_CHECKPOINT_PAUSE_MS";
    static final String WINDOW_OPEN = "tb: checkpoint write window open";

    private final Path dir;
    private final int every;
    private final Supplier<Checkpoint> snapshot;
    private final Map<String, Object> config;
    private final PrintStream log;

    RunCheckpoints(Path dir, int everyEpochs, Supplier<Checkpoint> snapshot, Map<String, Object> config, PrintStream log) {
        this.log = log;
        if (everyEpochs < 1) throw new IllegalArgumentException("--checkpoint-every must be >= 1, got " + everyEpochs);
        this.dir = dir;
        this.every = everyEpochs;
        this.snapshot = snapshot;
        this.config = config;
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochResult result) {
        if (result.epoch() % every != 0 || result.epoch() == trainer.epochs()) return; // the last one is the run's final checkpoint
        try {
            save(trainer, "running");
        } catch (IOException e) {
            throw new UncheckedIOException("saving the checkpoint of epoch " + result.epoch() + " in " + dir, e);
        }
    }

    /** Rotates and writes the checkpoint, then the metrics so far and a results.json with {@code status}. */
    void save(Trainer trainer, String status) throws IOException {
        Files.createDirectories(dir);
        Path newest = dir.resolve(ModelRun.CHECKPOINT);
        if (Files.exists(newest)) Files.move(newest, dir.resolve(PREVIOUS), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        faultInjectionPause();
        long t0 = System.nanoTime();
        CheckpointIO.write(newest, snapshot.get());
        log.printf(java.util.Locale.ROOT, "checkpoint after epoch %d, batch %d: %.1f MB in %.2f s%n", trainer.epoch(),
                trainer.state().batch(), Files.size(newest) / 1e6, (System.nanoTime() - t0) * 1e-9);
        RunReport.metrics(trainer.history().epochs()).write(dir.resolve(RunReport.METRICS));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("config", config);
        m.put("epochs_done", trainer.epoch());
        m.put("epochs", trainer.history().toJson());
        m.put("checkpoint", ModelRun.CHECKPOINT);
        m.put("resume", "./tb train --resume " + dir);
        RunReport.writeJson(dir.resolve(RunReport.RESULTS), m);
    }

    /**
     * The seam of the fault-injection test: with the environment variable {@value #PAUSE_ENV} set to a number
     * of milliseconds, says {@value #WINDOW_OPEN} on stderr and waits there — inside the write window,
     * after the rotation and before the new checkpoint is complete — so that a SIGKILL lands in it on purpose.
     */
    private static void faultInjectionPause() {
        String ms = System.getenv(PAUSE_ENV);
        if (ms == null) return;
        System.err.println(WINDOW_OPEN);
        System.err.flush();
        try {
            Thread.sleep(Long.parseLong(ms.trim()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The newest intact checkpoint of a run folder: {@code checkpoint.tbck}, or, when that one is missing,
     * corrupt or truncated (said on {@code log}), {@code checkpoint.prev.tbck}.
     */
    static Checkpoint latest(Path dir, PrintStream log) throws IOException {
        if (!Files.isDirectory(dir)) throw new CliException("--resume " + dir + ": no such run folder");
        Path newest = dir.resolve(ModelRun.CHECKPOINT);
        Path previous = dir.resolve(PREVIOUS);
        String why;
        if (Files.exists(newest)) {
            try {
                return CheckpointIO.read(newest);
            } catch (IOException | RuntimeException e) {
                why = newest + " is unreadable (" + e.getMessage() + ")";
            }
        } else {
            why = newest + " is missing";
        }
        if (!Files.exists(previous)) throw new CliException("--resume " + dir + ": " + why + " and there is no " + PREVIOUS);
        log.println("tb train --resume: " + why + "; resuming from " + previous);
        try {
            return CheckpointIO.read(previous);
        } catch (IOException | RuntimeException e) {
            throw new CliException("--resume " + dir + ": " + why + ", and " + previous + " is unreadable too (" + e.getMessage() + ")");
        }
    }
}
