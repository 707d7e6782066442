package org.thousandbrains.gpu.cuda;

import org.thousandbrains.ops.device.DeviceArray;

/** A float32 array in GPU memory. */
final class CudaArray implements DeviceArray {
    final Memory memory;
    private final int length;

    /** Zeroed device memory of {@code length} floats. */
    CudaArray(Gpu gpu, int length) {
        if (length < 0) throw new IllegalArgumentException("array length must be >= 0, got " + length);
        this.length = length;
        this.memory = gpu.alloc(4L * length);
        memory.zero();
    }

    @Override
    public int length() { return length; }

    @Override
    public float[] download() { return memory.floats(0, length); }

    @Override
    public void upload(float[] values) {
        if (values.length != length) throw new IllegalArgumentException("upload of " + values.length + " floats into an array of " + length);
        memory.upload(values);
    }

    @Override
    public void close() { memory.close(); }
}
