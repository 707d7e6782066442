package org.thousandbrains.api;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.thousandbrains.data.Datasets;
import org.thousandbrains.data.PulseTiming;
import org.thousandbrains.data.Split;

/**
 * Train/test splits to train on: the embedded 8×8 digits (no download), Fashion-MNIST, any folder of
 * MNIST-style IDX files, and the synthetic timing task of the delay experiments.
 *
 * <pre>{@code
 * Split digits = Data.digits();          // 1,437 train / 360 test images, 64 features, 10 classes
 * Split timing = Data.pulseTiming(24, 4, 2, 3, 2000, 500, 0);
 * }</pre>
 */
public final class Data {
    private Data() {
    }

    /** The embedded digits, split as the PyTorch peer does (stratified, 20% test, seed 42). */
    public static Split digits() {
        return load("digits");
    }

    /** Fashion-MNIST from Debian's {@code dataset-fashion-mnist} package (the message says how to get it when missing). */
    public static Split fashionMnist() {
        return load("fashion-mnist");
    }

    /**
     * A split named by a spec: {@code digits}, {@code fashion-mnist} or {@code idx:DIR} (four MNIST-style IDX files).
     *
     * @throws IllegalArgumentException for an unknown spec
     * @throws UncheckedIOException     when the files are missing or malformed (the message says which)
     */
    public static Split load(String spec) {
        try {
            return Datasets.load(spec, Datasets.PEER_SPLIT_SEED);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * The timing task {@link PulseTiming}: two pulses in {@code steps} steps, the class is the bin of their
     * gap ({@code minGap + class·binWidth + j}); {@code train} and {@code test} samples drawn from {@code seed}.
     */
    public static Split pulseTiming(int steps, int classes, int minGap, int binWidth, int train, int test, long seed) {
        return new PulseTiming(steps, classes, minGap, binWidth).split(train, test, seed);
    }
}
