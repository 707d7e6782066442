package org.thousandbrains.data;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The content of one IDX file: element type, dimensions and the big-endian payload, exactly as
 * stored. Conversions to {@code float[]}/{@code int[]} decode every element type.
 */
public final class IdxArray {
    private final String source;
    private final IdxType type;
    private final int[] dims;
    private final byte[] payload;

    IdxArray(String source, IdxType type, int[] dims, byte[] payload) {
        this.source = source;
        this.type = type;
        this.dims = dims.clone();
        this.payload = payload;
    }

    /** Where the array was read from (a file name), for error messages. */
    public String source() {
        return source;
    }

    public IdxType type() {
        return type;
    }

    /** The dimensions, outermost first (e.g. {@code [60000, 28, 28]} for MNIST images). */
    public int[] dims() {
        return dims.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Product of all dimensions. */
    public int elementCount() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return (int) n;
    }

    /** Every element as a float multiplied by {@code scale} (e.g. {@code 1/255f} for pixels). */
    public float[] toFloats(float scale) {
        int n = elementCount();
        float[] out = new float[n];
        switch (type) {
            case UNSIGNED_BYTE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (payload[i] & 0xFF) * scale;
                }
            }
            case SIGNED_BYTE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = payload[i] * scale;
                }
            }
            default -> {
                ByteBuffer b = ByteBuffer.wrap(payload);
                for (int i = 0; i < n; i++) {
                    out[i] = (float) (element(b, i) * scale);
                }
            }
        }
        return out;
    }

    /**
     * Every element as an int (labels). Floating-point elements must hold integral values.
     *
     * @throws IllegalStateException naming the source and element if a value is not an integer
     */
    public int[] toInts() {
        int n = elementCount();
        int[] out = new int[n];
        ByteBuffer b = ByteBuffer.wrap(payload);
        for (int i = 0; i < n; i++) {
            double v = element(b, i);
            if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new IllegalStateException(source + ": element " + i + " = " + v + " is not an integer label");
            }
            out[i] = (int) v;
        }
        return out;
    }

    private double element(ByteBuffer b, int i) {
        return switch (type) {
            case UNSIGNED_BYTE -> b.get(i) & 0xFF;
            case SIGNED_BYTE -> b.get(i);
            case SHORT -> b.getShort(2 * i);
            case INT -> b.getInt(4 * i);
            case FLOAT -> b.getFloat(4 * i);
            case DOUBLE -> b.getDouble(8 * i);
        };
    }

    @Override
    public String toString() {
        return source + " (" + type + " " + Arrays.toString(dims) + ")";
    }
}
