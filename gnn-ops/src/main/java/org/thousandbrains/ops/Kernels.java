package org.thousandbrains.ops;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Which float32 kernels this JVM runs, for a notebook user or a log: the Vector API ones (when the JVM has
 * {@code jdk.incubator.vector}) or the scalar loops, with the same results up to rounding. Float64 always
 * runs the scalar loops. {@code Kernels.current()} as a cell's value prints one line, which also says when the
 * JVM's JIT trap limit leaves the Vector API kernels at risk of running on boxed vectors ({@link #trapLimitRaised}).
 */
public final class Kernels {
    /** The {@code -XX:PerMethodTrapLimit} the launchers, tests and README's kernel setup give the JVM. */
    public static final int TRAP_LIMIT = 100_000;
    private static final Kernels CURRENT = new Kernels(Simd.AVAILABLE, Simd.AVAILABLE ? Simd.lanes() : 1,
            "false".equals(System.getProperty("tb.simd")));

    private final boolean vectorApi;
    private final int lanes;
    private final boolean turnedOff;

    private Kernels(boolean vectorApi, int lanes, boolean turnedOff) {
        this.vectorApi = vectorApi;
        this.lanes = lanes;
        this.turnedOff = turnedOff;
    }

    /** The kernels of this JVM (fixed at start-up). */
    public static Kernels current() {
        return CURRENT;
    }

    /** True when the float32 kernels use the Vector API. */
    public boolean vectorApi() {
        return vectorApi;
    }

    /** Floats per vector of the Vector API kernels (1 for the scalar ones); they run for batches of at least this many. */
    public int lanes() {
        return lanes;
    }

    /**
     * True when the JVM runs with a {@code -XX:PerMethodTrapLimit} of at least {@link #TRAP_LIMIT}, or says
     * nothing of it (another JVM than HotSpot). C2 adds up the deoptimization traps of every method it inlines,
     * once per inlining, and past the limit (100 by default) stops compiling class guards to traps; the
     * Vector API's operator helpers, inlined hundreds of times into one kernel, can reach it on their own, and
     * the kernels' vector calls then run as virtual calls on boxed vectors: in about a third of JVMs, whichever
     * way the JIT's early profiles fell, the sparse-sparse inference ran 1.5-2x slower.
     */
    public boolean trapLimitRaised() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return vm == null || Long.parseLong(vm.getVMOption("PerMethodTrapLimit").getValue()) >= TRAP_LIMIT;
        } catch (RuntimeException | LinkageError notHotSpot) {
            return true;
        }
    }

    /** A short form for other summaries: {@code "Vector API for B >= 16"} or {@code "scalar"}. */
    String brief() {
        return vectorApi ? "Vector API for B >= " + lanes : "scalar";
    }

    @Override
    public String toString() {
        if (vectorApi) {
            String kernels = "float32 kernels: Vector API, " + lanes + " float lanes (batches B >= " + lanes + "); float64: scalar";
            return trapLimitRaised() ? kernels : kernels + "; start the JVM with -XX:PerMethodTrapLimit=" + TRAP_LIMIT
                    + ", or the JIT may run them on boxed vectors, up to 2x slower";
        }
        return "float32 kernels: scalar loops (" + (turnedOff ? "turned off by -Dtb.simd=false"
                : "the JVM runs without jdk.incubator.vector; start it with --add-modules jdk.incubator.vector for the"
                + " Vector API kernels") + "); float64: scalar";
    }
}
