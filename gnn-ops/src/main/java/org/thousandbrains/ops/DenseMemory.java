package org.thousandbrains.ops;

import java.util.HashMap;
import java.util.Map;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Native buffers of the dense-block strategy, kept by an operator across passes (allocation and
 * first touch of a 784×512 matrix cost more than its product at small batches). Keyed by block,
 * batch size, precision and role.
 */
final class DenseMemory {
    private final Map<String, Pointer> buffers = new HashMap<>();

    /** The buffer {@code key} of {@code length} elements (float for bits 32, double for 64), contents unspecified. */
    synchronized Pointer get(String key, long length, int bits) {
        Pointer p = buffers.get(key);
        if (p == null || p.capacity() < length) {
            if (p != null) p.close();
            p = bits == 32 ? new FloatPointer(length) : new DoublePointer(length);
            Pointer.memset(p, 0, length * (bits / 8));
            buffers.put(key, p);
        }
        return p;
    }

    /** As {@link #get}, set to zero. */
    synchronized Pointer zeroed(String key, long length, int bits) {
        Pointer p = get(key, length, bits);
        Pointer.memset(p, 0, length * (bits / 8));
        return p;
    }

    /** Frees every buffer. */
    synchronized void clear() {
        for (Pointer p : buffers.values()) p.close();
        buffers.clear();
    }
}
