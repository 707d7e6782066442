package org.thousandbrains.ops.device;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** CPU "device" memory: a float32 ND4J vector (what the CPU optimizer kernels take). */
final class CpuArray implements DeviceArray {
    private INDArray values;

    CpuArray(int length) {
        if (length < 0) throw new IllegalArgumentException("array length must be >= 0, got " + length);
        this.values = Nd4j.zeros(DataType.FLOAT, length);
    }

    /** A CPU array holding {@code v} rounded to float. */
    static CpuArray of(double[] v) {
        CpuArray a = new CpuArray(v.length);
        a.values().assign(Nd4j.createFromArray(v).castTo(DataType.FLOAT));
        return a;
    }

    INDArray values() {
        if (values == null) throw new IllegalStateException("device array used after close()");
        return values;
    }

    @Override
    public int length() { return (int) values().length(); }

    @Override
    public float[] download() { return values().toFloatVector(); }

    @Override
    public void upload(float[] v) {
        if (v.length != length()) throw new IllegalArgumentException("upload of " + v.length + " floats into an array of " + length());
        values().assign(Nd4j.createFromArray(v));
    }

    @Override
    public void close() { values = null; }
}
