package org.thousandbrains.checkpoint;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Big-endian primitives, strings, arrays and tensors, with doubles and floats kept as raw bits. */
final class PayloadOutput {
    private static final int CHUNK = 1 << 16;
    private final DataOutputStream out;
    private final ByteBuffer buf = ByteBuffer.allocate(CHUNK);

    PayloadOutput(OutputStream out) {
        this.out = new DataOutputStream(out);
    }

    void flush() throws IOException { out.flush(); }
    void tag(char c) throws IOException { out.writeByte(c); }
    void bool(boolean b) throws IOException { out.writeByte(b ? 1 : 0); }
    void i32(int v) throws IOException { out.writeInt(v); }
    void i64(long v) throws IOException { out.writeLong(v); }
    void f64(double v) throws IOException { out.writeLong(Double.doubleToRawLongBits(v)); }

    /** Length-prefixed UTF-8; -1 for null. */
    void str(String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    void ints(int[] a) throws IOException {
        out.writeInt(a.length);
        writeIntsRaw(a);
    }

    void doubles(double[] a) throws IOException {
        out.writeInt(a.length);
        writeDoubles(a);
    }

    void longs(long[] a) throws IOException {
        out.writeInt(a.length);
        writeLongs(a);
    }

    void bytes(byte[] a) throws IOException {
        out.writeInt(a.length);
        out.write(a);
    }

    /** Data type code, rank, shape, then the values in C order. */
    void tensor(INDArray x) throws IOException {
        DataType t = x.dataType();
        out.writeByte(TensorTypes.code(t));
        long[] shape = x.shape();
        out.writeInt(shape.length);
        for (long s : shape) out.writeLong(s);
        INDArray c = x.ordering() == 'c' && !x.isView() ? x : x.dup('c');
        switch (t) {
            case FLOAT: writeFloats(c.data().asFloat()); break;
            case DOUBLE: writeDoubles(c.data().asDouble()); break;
            case INT: writeIntsRaw(c.data().asInt()); break;
            default: writeLongs(c.data().asLong()); break;
        }
    }

    private void writeFloats(float[] a) throws IOException {
        for (int off = 0; off < a.length; off += CHUNK / 4) {
            int n = Math.min(CHUNK / 4, a.length - off);
            buf.clear();
            buf.asFloatBuffer().put(a, off, n);
            out.write(buf.array(), 0, n * 4);
        }
    }

    private void writeDoubles(double[] a) throws IOException {
        for (int off = 0; off < a.length; off += CHUNK / 8) {
            int n = Math.min(CHUNK / 8, a.length - off);
            buf.clear();
            buf.asDoubleBuffer().put(a, off, n);
            out.write(buf.array(), 0, n * 8);
        }
    }

    private void writeIntsRaw(int[] a) throws IOException {
        for (int off = 0; off < a.length; off += CHUNK / 4) {
            int n = Math.min(CHUNK / 4, a.length - off);
            buf.clear();
            buf.asIntBuffer().put(a, off, n);
            out.write(buf.array(), 0, n * 4);
        }
    }

    private void writeLongs(long[] a) throws IOException {
        for (int off = 0; off < a.length; off += CHUNK / 8) {
            int n = Math.min(CHUNK / 8, a.length - off);
            buf.clear();
            buf.asLongBuffer().put(a, off, n);
            out.write(buf.array(), 0, n * 8);
        }
    }
}
