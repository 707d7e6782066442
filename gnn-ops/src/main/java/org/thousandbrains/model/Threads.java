package org.thousandbrains.model;

import static org.bytedeco.openblas.global.openblas_nolapack.blas_get_num_threads;
import static org.bytedeco.openblas.global.openblas_nolapack.blas_set_num_threads;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The number of threads the native side may use: OpenBLAS (GEMMs) and ND4J's own element-wise
 * kernels (the optimizers' updates). Set once per process before training; the temporal operator's
 * own worker threads are set on the operator. One thread is the robust choice
 * on a machine shared with other jobs (idle BLAS threads spin and take a core from the one doing
 * the work); two pay off for large layers on two free cores.
 */
public final class Threads {
    private Threads() {
    }

    /** Uses {@code n >= 1} native threads from now on. */
    public static void set(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be >= 1, got " + n);
        // ND4J first: its backend, loaded on first use, resets OpenBLAS to one thread per core, which would
        // silently undo a count set before it (and make a run depend on what touched ND4J first).
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        blas_set_num_threads(n);
    }

    /** The number of OpenBLAS threads in use. */
    public static int blas() {
        return blas_get_num_threads();
    }
}
