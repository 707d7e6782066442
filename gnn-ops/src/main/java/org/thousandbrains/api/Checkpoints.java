package org.thousandbrains.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.thousandbrains.checkpoint.Checkpoint;
import org.thousandbrains.checkpoint.CheckpointIO;
import org.thousandbrains.model.GraphClassifier;

/**
 * Saving and loading trained models in the checkpoint format of {@code tb train} ({@link CheckpointIO}): the
 * trained graph, its parameters with k-WTA duty cycles and the readout settings, so that a loaded model
 * gives bit-identical eval-mode outputs — the same test accuracy — without the code that built it.
 *
 * <pre>{@code
 * Checkpoints.save(result.model(), "sparse.tbck");
 * GraphClassifier again = Checkpoints.load("sparse.tbck");
 * }</pre>
 */
public final class Checkpoints {
    private Checkpoints() {
    }

    /** Writes the model atomically. */
    public static Path save(GraphClassifier model, Path file) {
        return save(model.checkpoint().build(), file);
    }

    public static Path save(GraphClassifier model, String file) {
        return save(model, Path.of(file));
    }

    /** Writes a checkpoint (e.g. {@link Training#checkpoint()}, with optimizer and trainer state) atomically. */
    public static Path save(Checkpoint cp, Path file) {
        try {
            CheckpointIO.write(file, cp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write '" + file + "': " + e.getMessage(), e);
        }
        return file;
    }

    /** The checkpoint in a file (metadata, parameters, graph, optimizer and trainer state as saved). */
    public static Checkpoint read(Path file) {
        try {
            return CheckpointIO.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** The model saved in a file. */
    public static GraphClassifier load(Path file) {
        Checkpoint cp = read(file);
        if (cp.graph() == null) throw new IllegalArgumentException(file + ": the checkpoint holds no graph (not written by a model)");
        try {
            return GraphClassifier.restore(cp);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public static GraphClassifier load(String file) {
        return load(Path.of(file));
    }
}
