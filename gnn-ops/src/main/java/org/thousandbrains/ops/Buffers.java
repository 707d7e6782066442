package org.thousandbrains.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small pool of large arrays kept by an operator between passes, so a training loop reuses the
 * same history, trace and adjoint buffers instead of leaving hundreds of megabytes to the garbage
 * collector each step. Arrays come back zeroed; only exact lengths are reused.
 */
final class Buffers {
    private static final int KEEP = 8;
    private final List<float[]> floats = new ArrayList<>();
    private final List<double[]> doubles = new ArrayList<>();

    synchronized float[] floats(int length) {
        for (int i = 0; i < floats.size(); i++) {
            if (floats.get(i).length == length) {
                float[] a = floats.remove(i);
                Arrays.fill(a, 0f);
                return a;
            }
        }
        return new float[length];
    }

    synchronized double[] doubles(int length) {
        for (int i = 0; i < doubles.size(); i++) {
            if (doubles.get(i).length == length) {
                double[] a = doubles.remove(i);
                Arrays.fill(a, 0.0);
                return a;
            }
        }
        return new double[length];
    }

    synchronized void give(float[] a) {
        if (a == null || a.length == 0) return;
        if (floats.size() == KEEP) floats.remove(0);
        floats.add(a);
    }

    synchronized void give(double[] a) {
        if (a == null || a.length == 0) return;
        if (doubles.size() == KEEP) doubles.remove(0);
        doubles.add(a);
    }

    synchronized void clear() {
        floats.clear();
        doubles.clear();
    }
}
