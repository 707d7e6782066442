package org.thousandbrains.gpu.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * NVRTC, CUDA's run-time compiler: turns the kernels' CUDA C source into PTX for the compute
 * capability of the GPU present (the driver then JIT-compiles the PTX to machine code). The library
 * is looked up as {@code TB_NVRTC} (a path), then {@code libnvrtc.so.13}, {@code .12},
 * {@code libnvrtc.so}, then under {@code CUDA_HOME/lib64} and {@code /usr/local/cuda/lib64}.
 */
final class Nvrtc {
    private final MethodHandle create, compile, ptxSize, ptx, logSize, log, destroy, errorString;

    Nvrtc() {
        List<String> names = new ArrayList<>();
        names.add(System.getenv("TB_NVRTC"));
        names.add(System.getProperty("tb.nvrtc"));
        for (String v : List.of("13", "12")) names.add("libnvrtc.so." + v);
        names.add("libnvrtc.so");
        for (String home : new String[] {System.getenv("CUDA_HOME"), "/usr/local/cuda"}) {
            if (home == null) continue;
            for (String v : List.of(".13", ".12", "")) names.add(home + "/lib64/libnvrtc.so" + v);
        }
        Native lib = Native.load("NVRTC (libnvrtc.so)", names);
        create = lib.bind("nvrtcCreateProgram", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS);
        compile = lib.bind("nvrtcCompileProgram", JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
        ptxSize = lib.bind("nvrtcGetPTXSize", JAVA_INT, ADDRESS, ADDRESS);
        ptx = lib.bind("nvrtcGetPTX", JAVA_INT, ADDRESS, ADDRESS);
        logSize = lib.bind("nvrtcGetProgramLogSize", JAVA_INT, ADDRESS, ADDRESS);
        log = lib.bind("nvrtcGetProgramLog", JAVA_INT, ADDRESS, ADDRESS);
        destroy = lib.bind("nvrtcDestroyProgram", JAVA_INT, ADDRESS);
        errorString = lib.bind("nvrtcGetErrorString", ADDRESS, JAVA_INT);
    }

    /** PTX of {@code source} for compute capability {@code cc} (e.g. 90). */
    String compile(String source, String name, int cc) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment prog = a.allocate(ADDRESS);
            check("nvrtcCreateProgram", Native.invoke(create, prog, a.allocateFrom(source), a.allocateFrom(name), 0,
                    MemorySegment.NULL, MemorySegment.NULL));
            MemorySegment p = prog.get(ADDRESS, 0);
            try {
                String[] options = {"--gpu-architecture=compute_" + cc, "--std=c++17", "-default-device"};
                MemorySegment opts = a.allocate(ADDRESS, options.length);
                for (int i = 0; i < options.length; i++) opts.setAtIndex(ADDRESS, i, a.allocateFrom(options[i]));
                int r = (int) Native.invoke(compile, p, options.length, opts);
                if (r != 0) throw new CudaException("NVRTC could not compile " + name + " for compute_" + cc + ": "
                        + error(r) + "\n" + programLog(a, p));
                MemorySegment size = a.allocate(JAVA_LONG);
                check("nvrtcGetPTXSize", Native.invoke(ptxSize, p, size));
                MemorySegment text = a.allocate(size.get(JAVA_LONG, 0));
                check("nvrtcGetPTX", Native.invoke(ptx, p, text));
                return text.getString(0);
            } finally {
                Native.invoke(destroy, prog);
            }
        }
    }

    private String programLog(Arena a, MemorySegment p) {
        MemorySegment size = a.allocate(JAVA_LONG);
        if ((int) Native.invoke(logSize, p, size) != 0) return "";
        MemorySegment text = a.allocate(Math.max(1, size.get(JAVA_LONG, 0)));
        if ((int) Native.invoke(log, p, text) != 0) return "";
        return text.getString(0);
    }

    private void check(String call, Object result) {
        int r = (int) result;
        if (r != 0) throw new CudaException(call + ": " + error(r));
    }

    private String error(int r) {
        MemorySegment s = (MemorySegment) Native.invoke(errorString, r);
        return s.reinterpret(256).getString(0) + " (" + r + ")";
    }

}
