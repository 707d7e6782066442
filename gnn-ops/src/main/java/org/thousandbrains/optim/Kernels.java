package org.thousandbrains.optim;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fused update loops over the parameters' native memory (one pass per step instead of a dozen ND4J
 * ops with temporaries), in the operand order of PyTorch's CPU kernels, in float for float32 tensors and
 * in double for float64 ones. All arrays must be dense C-order arrays of one data type.
 */
final class Kernels {
    /** Elements per chunk of the float32 Adam loop. */
    private static final int CHUNK = 4096;
    /**
     * Whether float32 loops run on the Vector API ({@link AdamSimd}): when the JVM runs with
     * {@code --add-modules jdk.incubator.vector} and the system property {@code tb.simd} is not {@code false}.
     */
    static final boolean SIMD = !"false".equals(System.getProperty("tb.simd"))
            && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private Kernels() {
    }

    /**
     * True when every element of {@code a} (a dense float or double array) is finite: one pass over its
     * native memory in chunks, stopping at the first NaN or infinity.
     */
    static boolean allFinite(INDArray a) {
        long len = a.length();
        if (a.isView() || a.ordering() != 'c' || a.offset() != 0 || len > Integer.MAX_VALUE
                || (a.dataType() != DataType.FLOAT && a.dataType() != DataType.DOUBLE)) {
            return allFiniteCopy(a);
        }
        int n = (int) len;
        if (a.dataType() == DataType.FLOAT && SIMD) return AdamSimd.allFinite(a.data().asNio(), n);
        if (a.dataType() == DataType.FLOAT) {
            FloatBuffer b = a.data().asNioFloat();
            float[] c = new float[Math.min(n, CHUNK)];
            for (int off = 0; off < n; off += CHUNK) {
                int l = Math.min(CHUNK, n - off);
                b.get(off, c, 0, l);
                for (int k = 0; k < l; k++) if (!Float.isFinite(c[k])) return false;
            }
        } else {
            DoubleBuffer b = a.data().asNioDouble();
            for (int k = 0; k < n; k++) if (!Double.isFinite(b.get(k))) return false;
        }
        return true;
    }

    private static boolean allFiniteCopy(INDArray a) {
        for (double v : a.dup('c').castTo(DataType.DOUBLE).data().asDouble()) if (!Double.isFinite(v)) return false;
        return true;
    }

    /** Adam/AdamW step: optional L2 term {@code l2·p} added to the gradient, optional decoupled factor on p first. */
    static void adam(INDArray p, INDArray g, INDArray m, INDArray v, double lr, double beta1, double beta2, double eps,
                     long step, double l2, double decay) {
        int n = check(p, g, m, v);
        double bc1 = 1 - StrictMath.pow(beta1, step);
        double bc2Sqrt = Math.sqrt(1 - StrictMath.pow(beta2, step));
        double stepSize = lr / bc1;
        if (p.dataType() == DataType.FLOAT) {
            float b1 = (float) beta1, b2 = (float) beta2, a1 = (float) (1 - beta1), a2 = (float) (1 - beta2);
            float c2 = (float) bc2Sqrt, e = (float) eps, st = (float) -stepSize, wd = (float) l2, dec = (float) decay;
            if (SIMD) {
                AdamSimd.adam(p.data().asNio(), g.data().asNio(), m.data().asNio(), v.data().asNio(), n, b1, b2, a1, a2, c2,
                        e, st, wd, dec);
            } else {
                adamFloat(p.data().asNioFloat(), g.data().asNioFloat(), m.data().asNioFloat(), v.data().asNioFloat(), 0, n, b1,
                        b2, a1, a2, c2, e, st, wd, dec);
            }
        } else {
            DoubleBuffer pp = p.data().asNioDouble();
            DoubleBuffer gg = g.data().asNioDouble();
            DoubleBuffer mm = m.data().asNioDouble();
            DoubleBuffer vv = v.data().asNioDouble();
            double a1 = 1 - beta1, a2 = 1 - beta2, s = -stepSize;
            for (int k = 0; k < n; k++) {
                double x = pp.get(k);
                if (decay != 1) x = x * decay;
                double gk = l2 != 0 ? gg.get(k) + l2 * x : gg.get(k);
                double mk = flush(mm.get(k) * beta1 + a1 * gk);
                double vk = flush(vv.get(k) * beta2 + a2 * gk * gk);
                mm.put(k, mk);
                vv.put(k, vk);
                pp.put(k, x + s * (mk / (Math.sqrt(vk) / bc2Sqrt + eps)));
            }
        }
    }

    /**
     * The float32 Adam loop without the Vector API: elements {@code from .. n-1} of p, g, m, v; {@code a1 = 1 − β1},
     * {@code a2 = 1 − β2}, {@code c2 = sqrt(1 − β2^t)}, {@code s = −lr/(1 − β1^t)}, {@code wd} the L2 term,
     * {@code dec} the decoupled factor (1: none).
     */
    static void adamFloat(FloatBuffer pp, FloatBuffer gg, FloatBuffer mm, FloatBuffer vv, int from, int n, float b1,
                          float b2, float a1, float a2, float c2, float e, float s, float wd, float dec) {
        if (from >= n) return;
        // chunks copied into Java arrays so that the JIT vectorizes the loop (same operations, same order)
        float[] pc = new float[Math.min(n - from, CHUNK)];
        float[] gc = new float[pc.length];
        float[] mc = new float[pc.length];
        float[] vc = new float[pc.length];
        for (int off = from; off < n; off += CHUNK) {
            int len = Math.min(CHUNK, n - off);
            pp.get(off, pc, 0, len);
            gg.get(off, gc, 0, len);
            mm.get(off, mc, 0, len);
            vv.get(off, vc, 0, len);
            for (int k = 0; k < len; k++) {
                float x = pc[k];
                if (dec != 1) x = x * dec;
                float gk = wd != 0 ? gc[k] + wd * x : gc[k];
                float mk = flush(mc[k] * b1 + a1 * gk);
                float vk = flush(vc[k] * b2 + a2 * gk * gk);
                mc[k] = mk;
                vc[k] = vk;
                pc[k] = x + s * (mk / ((float) Math.sqrt(vk) / c2 + e));
            }
            pp.put(off, pc, 0, len);
            mm.put(off, mc, 0, len);
            vv.put(off, vc, 0, len);
        }
    }

    /**
     * SGD step. {@code buf} is null without momentum; {@code first} marks the step that initialises the
     * buffer with the (decayed) gradient.
     */
    static void sgd(INDArray p, INDArray g, INDArray buf, boolean first, double lr, double momentum, double dampening,
                    boolean nesterov, double l2) {
        int n = buf == null ? check(p, g, p, p) : check(p, g, buf, buf);
        if (p.dataType() == DataType.FLOAT) {
            FloatBuffer pp = p.data().asNioFloat();
            FloatBuffer gg = g.data().asNioFloat();
            FloatBuffer bb = buf == null ? null : buf.data().asNioFloat();
            float wd = (float) l2, mu = (float) momentum, a = (float) (1 - dampening), s = (float) -lr;
            for (int k = 0; k < n; k++) {
                float x = pp.get(k);
                float d = l2 != 0 ? gg.get(k) + wd * x : gg.get(k);
                if (bb != null) {
                    float b = flush(first ? d : bb.get(k) * mu + a * d);
                    bb.put(k, b);
                    d = nesterov ? d + mu * b : b;
                }
                pp.put(k, x + s * d);
            }
        } else {
            DoubleBuffer pp = p.data().asNioDouble();
            DoubleBuffer gg = g.data().asNioDouble();
            DoubleBuffer bb = buf == null ? null : buf.data().asNioDouble();
            double a = 1 - dampening, s = -lr;
            for (int k = 0; k < n; k++) {
                double x = pp.get(k);
                double d = l2 != 0 ? gg.get(k) + l2 * x : gg.get(k);
                if (bb != null) {
                    double b = flush(first ? d : bb.get(k) * momentum + a * d);
                    bb.put(k, b);
                    d = nesterov ? d + momentum * b : b;
                }
                pp.put(k, x + s * d);
            }
        }
    }

    /**
     * A moment (Adam's averages, SGD's momentum) as stored: 0 when subnormal, else unchanged. A moment whose
     * gradient stays 0 decays by β each step into the subnormal range (β1 = 0.9: after some 800 steps from
     * 1e-4), where every float operation on it costs the CPU a microcode assist: on the sparse Fashion-MNIST
     * model a third of the first moments were subnormal after a few hundred steps and the Adam step took 1.5 ms
     * instead of 0.35. The update such a moment makes is below the resolution of any normal weight, so storing
     * 0 changes no weight of normal size; it is what flush-to-zero CPU modes do ({@code torch.set_flush_denormal}).
     */
    static float flush(float x) {
        return Math.abs(x) < Float.MIN_NORMAL ? 0f : x;
    }

    /** {@link #flush(float)} for float64 moments (subnormal below {@link Double#MIN_NORMAL}). */
    static double flush(double x) {
        return Math.abs(x) < Double.MIN_NORMAL ? 0.0 : x;
    }

    private static int check(INDArray p, INDArray... others) {
        DataType t = p.dataType();
        if (t != DataType.FLOAT && t != DataType.DOUBLE) {
            throw new IllegalArgumentException("optimizers update FLOAT or DOUBLE parameters, not " + t);
        }
        long n = p.length();
        requireDense(p, t, n);
        for (INDArray o : others) requireDense(o, t, n);
        return (int) n;
    }

    private static void requireDense(INDArray x, DataType t, long n) {
        if (x.isView() || x.ordering() != 'c' || x.dataType() != t || x.length() != n) {
            throw new IllegalStateException("optimizer arrays must be dense C-order " + t + " arrays of " + n
                    + " elements; got " + x.dataType() + " " + x.ordering() + (x.isView() ? " view" : "") + " of " + x.length());
        }
    }
}
