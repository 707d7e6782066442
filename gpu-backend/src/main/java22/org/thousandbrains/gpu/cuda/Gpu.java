package org.thousandbrains.gpu.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * GPU 0 with the operator's kernels: the primary context, the module NVRTC compiled from
 * {@code kernels.cu} for this GPU's compute capability, and kernel launches. Not thread-safe;
 * {@link #enter()} makes the context current on the calling thread.
 */
final class Gpu implements AutoCloseable {
    /** The kernels' CUDA C source, a resource of this module. */
    static final String SOURCE = "kernels.cu";
    private static final int BLOCK = 128;

    final Driver driver;
    private final MemorySegment context;
    private final MemorySegment module;
    private final Map<String, MemorySegment> functions = new HashMap<>();
    final String description;
    final int computeCapability;
    long allocated;

    Gpu() {
        driver = new Driver();
        driver.init();
        if (driver.deviceCount() == 0) throw new CudaException("no CUDA device");
        int device = driver.device(0);
        computeCapability = driver.computeCapability(device);
        context = driver.primaryContext(device);
        driver.makeCurrent(context);
        String ptx = new Nvrtc().compile(source(), SOURCE, computeCapability);
        module = driver.loadModule(ptx);
        description = String.format(Locale.ROOT, "cuda:0 %s (sm_%d, %.1f GiB)", driver.name(device), computeCapability,
                driver.totalMemory(device) / (double) (1L << 30));
    }

    /** The kernels' source text. */
    static String source() {
        try (InputStream in = Gpu.class.getResourceAsStream(SOURCE)) {
            if (in == null) throw new IllegalStateException("resource " + SOURCE + " missing from the gpu-backend jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void enter() { driver.makeCurrent(context); }

    Memory alloc(long bytes) { return new Memory(this, bytes); }

    /** Launches {@code kernel} over {@code threads} threads; arguments: Memory, Long (address), Integer, Float. */
    void launch(String kernel, long threads, Object... args) {
        if (threads <= 0) return;
        MemorySegment f = functions.computeIfAbsent(kernel, k -> driver.function(module, k));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment params = a.allocate(ADDRESS, args.length);
            for (int i = 0; i < args.length; i++) params.setAtIndex(ADDRESS, i, argument(a, args[i]));
            driver.launch(kernel, f, (threads + BLOCK - 1) / BLOCK, BLOCK, params);
        }
    }

    /** Launches {@code kernel} with one warp (32 threads) per item. */
    void launchWarps(String kernel, long items, Object... args) {
        launch(kernel, items * 32, args);
    }

    private static MemorySegment argument(Arena a, Object arg) {
        if (arg == null) return a.allocateFrom(JAVA_LONG, 0L);
        if (arg instanceof Memory m) return a.allocateFrom(JAVA_LONG, m.pointer());
        if (arg instanceof Long l) return a.allocateFrom(JAVA_LONG, l);
        if (arg instanceof Integer i) return a.allocateFrom(JAVA_INT, i);
        if (arg instanceof Float x) return a.allocateFrom(JAVA_FLOAT, x);
        throw new IllegalArgumentException("kernel argument of type " + arg.getClass().getSimpleName());
    }

    void synchronize() { driver.synchronize(); }

    @Override
    public void close() {
        functions.clear();
    }
}
