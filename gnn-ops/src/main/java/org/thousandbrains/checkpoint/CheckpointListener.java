package org.thousandbrains.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.thousandbrains.graph.compile.EdgeTable;
import org.thousandbrains.train.EpochResult;
import org.thousandbrains.train.Trainer;
import org.thousandbrains.train.TrainListener;

/**
 * Saves a resumable checkpoint (parameters, optimizer, trainer state, plus the given graph and metadata)
 * to one file every {@code n} epochs, replacing the previous one atomically.
 */
public final class CheckpointListener implements TrainListener {
    private final Path file;
    private final int every;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private EdgeTable graph;
    private String graphml;

    public CheckpointListener(Path file, int everyEpochs) {
        if (everyEpochs < 1) throw new IllegalArgumentException("checkpoint interval must be >= 1 epoch");
        this.file = file;
        this.every = everyEpochs;
    }

    public CheckpointListener graph(EdgeTable t) {
        this.graph = t;
        return this;
    }

    public CheckpointListener graphml(String text) {
        this.graphml = text;
        return this;
    }

    public CheckpointListener meta(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochResult result) {
        if (result.epoch() % every != 0) return;
        try {
            CheckpointIO.write(file, Checkpoint.builder().capture(trainer).graph(graph).graphml(graphml).meta(metadata).build());
        } catch (IOException e) {
            throw new UncheckedIOException("saving checkpoint " + file + " after epoch " + result.epoch(), e);
        }
    }
}
