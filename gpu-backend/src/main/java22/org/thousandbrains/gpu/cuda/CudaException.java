package org.thousandbrains.gpu.cuda;

/** A CUDA driver or NVRTC call failed; the message names the call and the error. */
public final class CudaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CudaException(String message) {
        super(message);
    }
}
