package org.thousandbrains.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Loads a folder holding the four standard MNIST-style IDX files ({@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte},
 * each raw or with {@code .gz}; the {@code .idx3-ubyte} spelling of some mirrors is accepted too)
 * as a train/test {@link Split}. Pixels are scaled by 1/255; the class count is the largest label
 * plus one. Works for MNIST, Fashion-MNIST, KMNIST and the like.
 */
public final class IdxFolder {
    private IdxFolder() {
    }

    /** Loads the folder; {@code name} names the resulting datasets ({@code name/train}, {@code name/test}). */
    public static Split load(Path dir, String name) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(name + ": folder " + dir + " does not exist");
        }
        Path trainImages = find(dir, "train-images", "idx3");
        Path trainLabels = find(dir, "train-labels", "idx1");
        Path testImages = find(dir, "t10k-images", "idx3");
        Path testLabels = find(dir, "t10k-labels", "idx1");
        IdxArray xtr = IdxReader.read(trainImages);
        IdxArray ytr = IdxReader.read(trainLabels);
        IdxArray xte = IdxReader.read(testImages);
        IdxArray yte = IdxReader.read(testLabels);
        checkImages(xtr);
        checkImages(xte);
        checkLabels(ytr);
        checkLabels(yte);
        checkPair(xtr, ytr);
        checkPair(xte, yte);
        if (xtr.dims()[1] != xte.dims()[1] || xtr.dims()[2] != xte.dims()[2]) {
            throw new IOException(name + ": train images are " + shape(xtr) + " but test images are " + shape(xte));
        }
        int[] labelsTrain = ytr.toInts();
        int[] labelsTest = yte.toInts();
        int classes = 1 + Math.max(max(labelsTrain), max(labelsTest));
        int h = xtr.dims()[1];
        int w = xtr.dims()[2];
        float scale = 1f / 255f;
        Dataset train = new Dataset(name + "/train", xtr.toFloats(scale), labelsTrain, classes, h, w);
        Dataset test = new Dataset(name + "/test", xte.toFloats(scale), labelsTest, classes, h, w);
        return new Split(train, test);
    }

    private static Path find(Path dir, String stem, String kind) throws IOException {
        List<Path> tried = new ArrayList<>();
        for (String base : List.of(stem + "-" + kind + "-ubyte", stem + "." + kind + "-ubyte")) {
            for (String file : List.of(base + ".gz", base)) {
                Path p = dir.resolve(file);
                if (Files.isRegularFile(p)) {
                    return p;
                }
                tried.add(p.getFileName());
            }
        }
        throw new IOException(dir + ": missing " + stem + " file (looked for " + tried + ")");
    }

    private static void checkImages(IdxArray a) throws IOException {
        if (a.type() != IdxType.UNSIGNED_BYTE || a.rank() != 3) {
            throw new IOException(a.source() + ": expected unsigned-byte images [n][h][w], got " + a.type()
                    + " " + Arrays.toString(a.dims()));
        }
    }

    private static void checkLabels(IdxArray a) throws IOException {
        if (a.rank() != 1) {
            throw new IOException(a.source() + ": expected a 1-D label vector, got " + Arrays.toString(a.dims()));
        }
        for (int y : a.toInts()) {
            if (y < 0) {
                throw new IOException(a.source() + ": negative label " + y);
            }
        }
    }

    private static void checkPair(IdxArray images, IdxArray labels) throws IOException {
        int n = images.dims()[0];
        int m = labels.dims()[0];
        if (n != m) {
            throw new IOException("mislabelled pair: " + images.source() + " holds " + n + " images but "
                    + labels.source() + " holds " + m + " labels");
        }
    }

    private static String shape(IdxArray a) {
        int[] d = a.dims();
        return d[1] + "x" + d[2];
    }

    private static int max(int[] a) {
        int m = 0;
        for (int v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}
