package org.thousandbrains.gpu.cuda;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** One device allocation of a {@link Gpu}: copies to and from Java arrays, zeroing, freeing. */
final class Memory implements AutoCloseable {
    private final Gpu gpu;
    private long pointer;
    final long bytes;

    Memory(Gpu gpu, long bytes) {
        this.gpu = gpu;
        this.bytes = bytes;
        this.pointer = gpu.driver.alloc(bytes);
        gpu.allocated += bytes;
    }

    /** The device address (for kernel arguments). */
    long pointer() {
        if (pointer == 0) throw new IllegalStateException("device memory used after close()");
        return pointer;
    }

    /** The device address {@code offset} bytes in. */
    long at(long offset) { return pointer() + offset; }

    void upload(float[] a) { upload(a, 0); }

    /** Copies {@code a} to {@code offset} bytes into this allocation. */
    void upload(float[] a, long offset) {
        check(offset + 4L * a.length);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(JAVA_FLOAT, a.length);
            MemorySegment.copy(a, 0, s, JAVA_FLOAT, 0, a.length);
            gpu.driver.copyToDevice(at(offset), s, 4L * a.length);
        }
    }

    void upload(int[] a) {
        check(4L * a.length);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(JAVA_INT, a.length);
            MemorySegment.copy(a, 0, s, JAVA_INT, 0, a.length);
            gpu.driver.copyToDevice(pointer(), s, 4L * a.length);
        }
    }

    void upload(byte[] a) {
        check(a.length);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(JAVA_BYTE, a.length);
            MemorySegment.copy(a, 0, s, JAVA_BYTE, 0, a.length);
            gpu.driver.copyToDevice(pointer(), s, a.length);
        }
    }

    /** {@code count} floats from {@code offset} bytes in. */
    float[] floats(long offset, int count) {
        check(offset + 4L * count);
        float[] r = new float[count];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(JAVA_FLOAT, count);
            gpu.driver.copyToHost(s, at(offset), 4L * count);
            MemorySegment.copy(s, JAVA_FLOAT, 0, r, 0, count);
        }
        return r;
    }

    int[] ints(int count) {
        check(4L * count);
        int[] r = new int[count];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(JAVA_INT, count);
            gpu.driver.copyToHost(s, pointer(), 4L * count);
            MemorySegment.copy(s, JAVA_INT, 0, r, 0, count);
        }
        return r;
    }

    /** Zeroes the whole allocation. */
    void zero() {
        if (bytes % 4 == 0) gpu.driver.zero32(pointer(), bytes / 4);
        else gpu.driver.zero8(pointer(), bytes);
    }

    private void check(long end) {
        if (end > bytes) throw new IllegalArgumentException("copy of " + end + " bytes beyond a device allocation of " + bytes);
    }

    @Override
    public void close() {
        if (pointer == 0) return;
        gpu.driver.free(pointer);
        gpu.allocated -= bytes;
        pointer = 0;
    }
}
