package org.thousandbrains.gpu.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * The CUDA driver API ({@code libcuda.so.1}, installed with the NVIDIA driver) as far as the operator
 * needs it: device query, the primary context, modules from PTX, memory, kernel launches. Every call
 * checks its {@code CUresult} and throws a {@link CudaException} naming the call and the error.
 */
final class Driver {
    /** CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR / _MINOR. */
    private static final int CC_MAJOR = 75;
    private static final int CC_MINOR = 76;

    private final MethodHandle init, deviceGetCount, deviceGet, deviceGetName, deviceGetAttribute, deviceTotalMem,
            primaryCtxRetain, ctxSetCurrent, ctxSynchronize, moduleLoadData, moduleGetFunction, memAlloc, memFree,
            memcpyHtoD, memcpyDtoH, memcpyDtoD, memsetD32, memsetD8, launchKernel, getErrorName;

    Driver() {
        Native lib = Native.load("the CUDA driver library", List.of("libcuda.so.1", "libcuda.so"));
        init = lib.bind("cuInit", JAVA_INT, JAVA_INT);
        deviceGetCount = lib.bind("cuDeviceGetCount", JAVA_INT, ADDRESS);
        deviceGet = lib.bind("cuDeviceGet", JAVA_INT, ADDRESS, JAVA_INT);
        deviceGetName = lib.bind("cuDeviceGetName", JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
        deviceGetAttribute = lib.bind("cuDeviceGetAttribute", JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
        deviceTotalMem = lib.bind("cuDeviceTotalMem_v2", JAVA_INT, ADDRESS, JAVA_INT);
        primaryCtxRetain = lib.bind("cuDevicePrimaryCtxRetain", JAVA_INT, ADDRESS, JAVA_INT);
        ctxSetCurrent = lib.bind("cuCtxSetCurrent", JAVA_INT, ADDRESS);
        ctxSynchronize = lib.bind("cuCtxSynchronize", JAVA_INT);
        moduleLoadData = lib.bind("cuModuleLoadData", JAVA_INT, ADDRESS, ADDRESS);
        moduleGetFunction = lib.bind("cuModuleGetFunction", JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
        memAlloc = lib.bind("cuMemAlloc_v2", JAVA_INT, ADDRESS, JAVA_LONG);
        memFree = lib.bind("cuMemFree_v2", JAVA_INT, JAVA_LONG);
        memcpyHtoD = lib.bind("cuMemcpyHtoD_v2", JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG);
        memcpyDtoH = lib.bind("cuMemcpyDtoH_v2", JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG);
        memcpyDtoD = lib.bind("cuMemcpyDtoD_v2", JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG);
        memsetD32 = lib.bind("cuMemsetD32_v2", JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG);
        memsetD8 = lib.bind("cuMemsetD8_v2", JAVA_INT, JAVA_LONG, JAVA_BYTE, JAVA_LONG);
        launchKernel = lib.bind("cuLaunchKernel", JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
        getErrorName = lib.bind("cuGetErrorName", JAVA_INT, JAVA_INT, ADDRESS);
    }

    void check(String call, Object result) {
        int r = (int) result;
        if (r == 0) return;
        String name = "error " + r;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(ADDRESS);
            if ((int) getErrorName.invoke(r, p) == 0) name = p.get(ADDRESS, 0).reinterpret(256).getString(0) + " (" + r + ")";
        } catch (Throwable ignored) {
            // keep the number
        }
        throw new CudaException(call + ": " + name);
    }


    void init() { check("cuInit", Native.invoke(init, 0)); }

    /** Calls {@code h} with a fresh out-parameter of {@code layout} first, then {@code rest}; returns the out-parameter. */
    private MemorySegment out(Arena a, MemoryLayout layout, String call, MethodHandle h, Object... rest) {
        MemorySegment v = a.allocate(layout);
        Object[] args = new Object[rest.length + 1];
        args[0] = v;
        System.arraycopy(rest, 0, args, 1, rest.length);
        check(call, Native.invoke(h, args));
        return v;
    }

    int deviceCount() {
        try (Arena a = Arena.ofConfined()) {
            return out(a, JAVA_INT, "cuDeviceGetCount", deviceGetCount).get(JAVA_INT, 0);
        }
    }

    int device(int ordinal) {
        try (Arena a = Arena.ofConfined()) {
            return out(a, JAVA_INT, "cuDeviceGet", deviceGet, ordinal).get(JAVA_INT, 0);
        }
    }

    String name(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(256);
            check("cuDeviceGetName", Native.invoke(deviceGetName, s, 256, device));
            return s.getString(0);
        }
    }

    /** Compute capability as major·10 + minor (90 for Hopper). */
    int computeCapability(int device) {
        try (Arena a = Arena.ofConfined()) {
            int major = out(a, JAVA_INT, "cuDeviceGetAttribute", deviceGetAttribute, CC_MAJOR, device).get(JAVA_INT, 0);
            return major * 10 + out(a, JAVA_INT, "cuDeviceGetAttribute", deviceGetAttribute, CC_MINOR, device).get(JAVA_INT, 0);
        }
    }

    long totalMemory(int device) {
        try (Arena a = Arena.ofConfined()) {
            return out(a, JAVA_LONG, "cuDeviceTotalMem", deviceTotalMem, device).get(JAVA_LONG, 0);
        }
    }

    MemorySegment primaryContext(int device) {
        try (Arena a = Arena.ofConfined()) {
            return out(a, ADDRESS, "cuDevicePrimaryCtxRetain", primaryCtxRetain, device).get(ADDRESS, 0);
        }
    }

    void makeCurrent(MemorySegment context) { check("cuCtxSetCurrent", Native.invoke(ctxSetCurrent, context)); }

    void synchronize() { check("cuCtxSynchronize", Native.invoke(ctxSynchronize)); }

    MemorySegment loadModule(String ptx) {
        try (Arena a = Arena.ofConfined()) {
            return out(a, ADDRESS, "cuModuleLoadData", moduleLoadData, a.allocateFrom(ptx)).get(ADDRESS, 0);
        }
    }

    MemorySegment function(MemorySegment module, String name) {
        try (Arena a = Arena.ofConfined()) {
            return out(a, ADDRESS, "cuModuleGetFunction(" + name + ")", moduleGetFunction, module, a.allocateFrom(name)).get(ADDRESS, 0);
        }
    }

    long alloc(long bytes) {
        try (Arena a = Arena.ofConfined()) {
            return out(a, JAVA_LONG, "cuMemAlloc(" + bytes + " bytes)", memAlloc, Math.max(bytes, 4)).get(JAVA_LONG, 0);
        }
    }

    void free(long pointer) { check("cuMemFree", Native.invoke(memFree, pointer)); }

    void copyToDevice(long dst, MemorySegment src, long bytes) {
        if (bytes > 0) check("cuMemcpyHtoD", Native.invoke(memcpyHtoD, dst, src, bytes));
    }

    void copyToHost(MemorySegment dst, long src, long bytes) {
        if (bytes > 0) check("cuMemcpyDtoH", Native.invoke(memcpyDtoH, dst, src, bytes));
    }

    void copyDeviceToDevice(long dst, long src, long bytes) {
        if (bytes > 0) check("cuMemcpyDtoD", Native.invoke(memcpyDtoD, dst, src, bytes));
    }

    void zero32(long dst, long words) {
        if (words > 0) check("cuMemsetD32", Native.invoke(memsetD32, dst, 0, words));
    }

    void zero8(long dst, long bytes) {
        if (bytes > 0) check("cuMemsetD8", Native.invoke(memsetD8, dst, (byte) 0, bytes));
    }

    void launch(String name, MemorySegment function, long grid, int block, MemorySegment params) {
        if (grid > Integer.MAX_VALUE) throw new CudaException(name + ": grid of " + grid + " blocks exceeds the launch limit");
        check("cuLaunchKernel(" + name + ")", Native.invoke(launchKernel, function, (int) grid, 1, 1, block, 1, 1, 0,
                MemorySegment.NULL, params, MemorySegment.NULL));
    }
}
