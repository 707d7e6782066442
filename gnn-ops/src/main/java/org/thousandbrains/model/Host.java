package org.thousandbrains.model;

import java.nio.DoubleBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element-wise access to the native memory of C-ordered, non-view float32/float64 arrays through NIO
 * views (bulk copies through a per-thread float staging array): no native allocation, so hot loops
 * stay free of page faults. Java-side values are doubles.
 */
final class Host {
    private static final ThreadLocal<float[]> STAGE = ThreadLocal.withInitial(() -> new float[0]);

    private Host() {
    }

    /** Checks that {@code a} can be read and written through a view of its whole buffer. */
    static INDArray plain(INDArray a) {
        if (a.isView() || a.ordering() != 'c' || a.offset() != 0 || (a.dataType() != DataType.FLOAT && a.dataType() != DataType.DOUBLE)) {
            throw new IllegalArgumentException("expected a C-ordered float32/float64 array that is not a view, got "
                    + a.dataType() + " " + a.ordering() + (a.isView() ? " view" : ""));
        }
        return a;
    }

    private static float[] stage(int n) {
        float[] s = STAGE.get();
        if (s.length < n) {
            s = new float[n];
            STAGE.set(s);
        }
        return s;
    }

    /** Copies the first {@code out.length} values of {@code a} into {@code out}. */
    static void read(INDArray a, double[] out) {
        int n = out.length;
        if (a.dataType() == DataType.FLOAT) {
            float[] s = stage(n);
            a.data().asNioFloat().get(0, s, 0, n);
            for (int i = 0; i < n; i++) out[i] = s[i];
        } else {
            a.data().asNioDouble().get(0, out, 0, n);
        }
    }

    /** Copies {@code in} into the first {@code in.length} values of {@code a} (rounded to float32 when {@code a} is). */
    static void write(double[] in, INDArray a) {
        int n = in.length;
        if (a.dataType() == DataType.FLOAT) {
            float[] s = stage(n);
            for (int i = 0; i < n; i++) s[i] = (float) in[i];
            a.data().asNioFloat().put(0, s, 0, n);
        } else {
            a.data().asNioDouble().put(0, in, 0, n);
        }
    }

    /** {@code a += in}, element by element. */
    static void add(double[] in, INDArray a) {
        int n = in.length;
        if (a.dataType() == DataType.FLOAT) {
            float[] s = stage(n);
            java.nio.FloatBuffer b = a.data().asNioFloat();
            b.get(0, s, 0, n);
            for (int i = 0; i < n; i++) s[i] = (float) (s[i] + in[i]);
            b.put(0, s, 0, n);
        } else {
            DoubleBuffer b = a.data().asNioDouble();
            for (int i = 0; i < n; i++) b.put(i, b.get(i) + in[i]);
        }
    }

    /** Sets every value of {@code a} to 0. */
    static void zero(INDArray a) {
        int n = (int) a.length();
        if (a.dataType() == DataType.FLOAT) {
            float[] s = stage(n);
            java.util.Arrays.fill(s, 0, n, 0f);
            a.data().asNioFloat().put(0, s, 0, n);
        } else {
            double[] z = new double[n];
            a.data().asNioDouble().put(0, z, 0, n);
        }
    }
}
