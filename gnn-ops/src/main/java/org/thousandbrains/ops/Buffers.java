package org.thousandbrains.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small pool of large arrays kept by an operator between passes, so a training loop reuses the
 * same history, trace and adjoint buffers instead of leaving hundreds of megabytes to the garbage
 * collector each step. Arrays come back zeroed unless asked otherwise; only exact lengths are reused.
 */
final class Buffers {
    private static final int KEEP = 8;
    private final List<float[]> floats = new ArrayList<>();
    private final List<double[]> doubles = new ArrayList<>();

    synchronized float[] floats(int length) {
        float[] a = reusedFloats(length);
        if (a == null) return new float[length];
        Arrays.fill(a, 0f);
        return a;
    }

    synchronized double[] doubles(int length) {
        double[] a = reusedDoubles(length);
        if (a == null) return new double[length];
        Arrays.fill(a, 0.0);
        return a;
    }

    /** Like {@link #floats} but a reused array keeps its old contents: for buffers the caller overwrites. */
    synchronized float[] floatsUncleared(int length) {
        float[] a = reusedFloats(length);
        return a != null ? a : new float[length];
    }

    /** Like {@link #doubles} but a reused array keeps its old contents. */
    synchronized double[] doublesUncleared(int length) {
        double[] a = reusedDoubles(length);
        return a != null ? a : new double[length];
    }

    private float[] reusedFloats(int length) {
        for (int i = 0; i < floats.size(); i++) {
            if (floats.get(i).length == length) return floats.remove(i);
        }
        return null;
    }

    private double[] reusedDoubles(int length) {
        for (int i = 0; i < doubles.size(); i++) {
            if (doubles.get(i).length == length) return doubles.remove(i);
        }
        return null;
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
