package org.thousandbrains.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * A small pool of large arrays kept by an operator between passes, so a training loop reuses the
 * same history, trace and adjoint buffers instead of leaving hundreds of megabytes to the garbage
 * collector each step. Arrays come back zeroed unless asked otherwise; only exact lengths are reused. Arrays
 * their holders leave all zero (the adjoint ring) go to a pool of their own and come back without a clear.
 */
final class Buffers {
    private static final int KEEP = 8;
    private final List<float[]> floats = new ArrayList<>();
    private final List<double[]> doubles = new ArrayList<>();
    private final List<byte[]> bytes = new ArrayList<>();
    private final List<float[]> cleanFloats = new ArrayList<>();
    private final List<double[]> cleanDoubles = new ArrayList<>();

    synchronized float[] floats(int length) {
        float[] a = take(floats, length, x -> x.length);
        if (a == null) return new float[length];
        Arrays.fill(a, 0f);
        return a;
    }

    synchronized double[] doubles(int length) {
        double[] a = take(doubles, length, x -> x.length);
        if (a == null) return new double[length];
        Arrays.fill(a, 0.0);
        return a;
    }


    /** Like {@link #floats} but a reused array keeps its old contents: for buffers the caller overwrites. */
    synchronized float[] floatsUncleared(int length) {
        float[] a = take(floats, length, x -> x.length);
        return a != null ? a : new float[length];
    }

    /** Like {@link #doubles} but a reused array keeps its old contents. */
    synchronized double[] doublesUncleared(int length) {
        double[] a = take(doubles, length, x -> x.length);
        return a != null ? a : new double[length];
    }

    /**
     * Zeroed floats without a clear: from the arrays handed back by {@link #giveClean(float[])} (whose holders
     * cleared what they wrote), else new.
     */
    synchronized float[] floatsClean(int length) {
        float[] a = take(cleanFloats, length, x -> x.length);
        return a != null ? a : new float[length];
    }

    /** Doubles, likewise. */
    synchronized double[] doublesClean(int length) {
        double[] a = take(cleanDoubles, length, x -> x.length);
        return a != null ? a : new double[length];
    }

    /** Bytes, likewise with old contents kept. */
    synchronized byte[] bytesUncleared(int length) {
        byte[] a = take(bytes, length, x -> x.length);
        return a != null ? a : new byte[length];
    }

    /** Removes and returns a pooled array of exactly {@code length} elements, or null. */
    private static <A> A take(List<A> pool, int length, ToIntFunction<A> lengthOf) {
        for (int i = 0; i < pool.size(); i++) {
            if (lengthOf.applyAsInt(pool.get(i)) == length) return pool.remove(i);
        }
        return null;
    }

    /** Pools {@code a} (nothing for null or empty), dropping the oldest beyond {@link #KEEP}. */
    private static <A> void keep(List<A> pool, A a, int length) {
        if (a == null || length == 0) return;
        if (pool.size() == KEEP) pool.remove(0);
        pool.add(a);
    }

    synchronized void give(float[] a) {
        keep(floats, a, a == null ? 0 : a.length);
    }

    synchronized void give(double[] a) {
        keep(doubles, a, a == null ? 0 : a.length);
    }

    synchronized void give(byte[] a) {
        keep(bytes, a, a == null ? 0 : a.length);
    }

    /** Pools an array that is all zeros again, for {@link #floatsClean}. */
    synchronized void giveClean(float[] a) {
        keep(cleanFloats, a, a == null ? 0 : a.length);
    }

    synchronized void giveClean(double[] a) {
        keep(cleanDoubles, a, a == null ? 0 : a.length);
    }

    synchronized void clear() {
        floats.clear();
        doubles.clear();
        bytes.clear();
        cleanFloats.clear();
        cleanDoubles.clear();
    }
}
