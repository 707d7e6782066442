package org.thousandbrains.model;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import java.util.Arrays;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code C = op(A)·op(B) + beta·C} on the memory of C-ordered ND4J arrays, by the OpenBLAS that ND4J's
 * CPU backend ships, called directly: the product is the same BLAS GEMM that {@code Nd4j.gemm} reaches,
 * without its per-call op set-up (tens of microseconds), which matters at one batch per millisecond.
 */
final class Gemm {
    private Gemm() {
    }

    /** {@code c = op(a) · op(b) + beta · c}; all three float32 or all float64, C-ordered, not views. */
    static void gemm(INDArray a, boolean transA, INDArray b, boolean transB, INDArray c, double beta) {
        Host.plain(a);
        Host.plain(b);
        Host.plain(c);
        int ra = (int) a.size(0);
        int ca = (int) a.size(1);
        int rb = (int) b.size(0);
        int cb = (int) b.size(1);
        int m = transA ? ca : ra;
        int k = transA ? ra : ca;
        int kb = transB ? cb : rb;
        int n = transB ? rb : cb;
        if (a.rank() != 2 || b.rank() != 2 || k != kb || c.size(0) != m || c.size(1) != n) {
            throw new IllegalArgumentException("gemm: op(" + Arrays.toString(a.shape()) + ")·op(" + Arrays.toString(b.shape())
                    + ") into " + Arrays.toString(c.shape()) + " does not fit");
        }
        if (a.dataType() != c.dataType() || b.dataType() != c.dataType()) {
            throw new IllegalArgumentException("gemm: data types " + a.dataType() + ", " + b.dataType() + ", " + c.dataType() + " differ");
        }
        int ta = transA ? CblasTrans : CblasNoTrans;
        int tb = transB ? CblasTrans : CblasNoTrans;
        if (c.dataType() == DataType.FLOAT) {
            cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, 1f, (FloatPointer) a.data().addressPointer(), ca,
                    (FloatPointer) b.data().addressPointer(), cb, (float) beta, (FloatPointer) c.data().addressPointer(), n);
        } else {
            cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, 1.0, (DoublePointer) a.data().addressPointer(), ca,
                    (DoublePointer) b.data().addressPointer(), cb, beta, (DoublePointer) c.data().addressPointer(), n);
        }
    }
}
