package org.thousandbrains.checkpoint;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads what {@link PayloadOutput} writes, never past the payload's announced length: every size is
 * checked against the bytes left before anything is allocated, so a damaged file fails with a message
 * instead of an out-of-memory error.
 */
final class PayloadInput {
    private static final int CHUNK = 1 << 16;
    private final DataInputStream in;
    private final byte[] chunk = new byte[CHUNK];
    private long remaining;

    PayloadInput(InputStream in, long length) {
        this.in = new DataInputStream(in);
        this.remaining = length;
    }

    long remaining() { return remaining; }

    private void need(long bytes, String what) throws Malformed {
        if (bytes < 0 || bytes > remaining) {
            throw new Malformed(what + " needs " + bytes + " bytes, only " + remaining + " left in the payload");
        }
        remaining -= bytes;
    }

    char tag() throws IOException, Malformed {
        need(1, "section tag");
        return (char) in.readUnsignedByte();
    }

    boolean bool() throws IOException, Malformed {
        need(1, "flag");
        int b = in.readUnsignedByte();
        if (b > 1) throw new Malformed("flag byte " + b);
        return b == 1;
    }

    int i32() throws IOException, Malformed {
        need(4, "int");
        return in.readInt();
    }

    long i64() throws IOException, Malformed {
        need(8, "long");
        return in.readLong();
    }

    double f64() throws IOException, Malformed {
        return Double.longBitsToDouble(i64());
    }

    /** A count of items of at least {@code minBytes} each. */
    int count(String what, int minBytes) throws IOException, Malformed {
        int n = i32();
        if (n < 0 || (long) n * minBytes > remaining) throw new Malformed(what + " count " + n + " does not fit the payload");
        return n;
    }

    String str() throws IOException, Malformed {
        int n = i32();
        if (n == -1) return null;
        need(n, "string");
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    String nonNullStr(String what) throws IOException, Malformed {
        String s = str();
        if (s == null) throw new Malformed(what + " is missing");
        return s;
    }

    int[] ints() throws IOException, Malformed {
        int n = i32();
        need(4L * n, "int array");
        int[] a = new int[n];
        for (int off = 0; off < n; off += CHUNK / 4) {
            int k = Math.min(CHUNK / 4, n - off);
            in.readFully(chunk, 0, k * 4);
            ByteBuffer.wrap(chunk, 0, k * 4).asIntBuffer().get(a, off, k);
        }
        return a;
    }

    double[] doubles() throws IOException, Malformed {
        int n = i32();
        need(8L * n, "double array");
        return readDoubles(n);
    }

    long[] longs() throws IOException, Malformed {
        int n = i32();
        need(8L * n, "long array");
        return readLongs(n);
    }

    byte[] bytes() throws IOException, Malformed {
        int n = i32();
        need(n, "byte array");
        byte[] a = new byte[n];
        in.readFully(a);
        return a;
    }

    INDArray tensor() throws IOException, Malformed {
        need(1, "tensor type");
        int code = in.readUnsignedByte();
        DataType t = TensorTypes.of(code);
        if (t == null) throw new Malformed("unknown tensor data type code " + code);
        int rank = i32();
        if (rank < 0 || rank > 32) throw new Malformed("tensor rank " + rank);
        long[] shape = new long[rank];
        long count = 1;
        for (int d = 0; d < rank; d++) {
            shape[d] = i64();
            if (shape[d] < 0) throw new Malformed("negative tensor dimension " + shape[d]);
            try {
                count = Math.multiplyExact(count, shape[d]);
            } catch (ArithmeticException e) {
                throw new Malformed("tensor shape " + java.util.Arrays.toString(shape) + " overflows");
            }
        }
        if (count > Integer.MAX_VALUE) throw new Malformed("tensor of " + count + " elements");
        need(count * TensorTypes.size(t), "tensor of shape " + java.util.Arrays.toString(shape));
        int n = (int) count;
        switch (t) {
            case FLOAT: return Nd4j.create(readFloats(n), shape, t);
            case DOUBLE: return Nd4j.create(readDoubles(n), shape, t);
            case INT: return Nd4j.createFromArray(readIntsRaw(n)).reshape(shape);
            default: return Nd4j.createFromArray(readLongs(n)).reshape(shape);
        }
    }

    /** Receives one chunk of big-endian values: {@code count} of them, destined for {@code offset}. */
    private interface ChunkSink {
        void take(ByteBuffer bytes, int offset, int count);
    }

    /** Reads {@code n} values of {@code width} bytes through the reusable chunk buffer. */
    private void readChunked(int n, int width, ChunkSink sink) throws IOException {
        int per = CHUNK / width;
        for (int off = 0; off < n; off += per) {
            int k = Math.min(per, n - off);
            in.readFully(chunk, 0, k * width);
            sink.take(ByteBuffer.wrap(chunk, 0, k * width), off, k);
        }
    }

    private float[] readFloats(int n) throws IOException {
        float[] a = new float[n];
        readChunked(n, 4, (b, off, k) -> b.asFloatBuffer().get(a, off, k));
        return a;
    }

    private double[] readDoubles(int n) throws IOException {
        double[] a = new double[n];
        readChunked(n, 8, (b, off, k) -> b.asDoubleBuffer().get(a, off, k));
        return a;
    }

    private int[] readIntsRaw(int n) throws IOException {
        int[] a = new int[n];
        readChunked(n, 4, (b, off, k) -> b.asIntBuffer().get(a, off, k));
        return a;
    }

    private long[] readLongs(int n) throws IOException {
        long[] a = new long[n];
        readChunked(n, 8, (b, off, k) -> b.asLongBuffer().get(a, off, k));
        return a;
    }
}
