package org.thousandbrains.ops;

/**
 * Which float32 kernels this JVM runs, for a notebook user or a log: the Vector API ones (when the JVM has
 * {@code jdk.incubator.vector}) or the scalar loops, with the same results up to rounding. Float64 always
 * runs the scalar loops. {@code Kernels.current()} as a cell's value prints one line.
 */
public final class Kernels {
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

    /** A short form for other summaries: {@code "Vector API for B >= 16"} or {@code "scalar"}. */
    String brief() {
        return vectorApi ? "Vector API for B >= " + lanes : "scalar";
    }

    @Override
    public String toString() {
        if (vectorApi) {
            return "float32 kernels: Vector API, " + lanes + " float lanes (batches B >= " + lanes + "); float64: scalar";
        }
        return "float32 kernels: scalar loops (" + (turnedOff ? "turned off by -Dtb.simd=false"
                : "the JVM runs without jdk.incubator.vector; start it with --add-modules jdk.incubator.vector for the"
                + " Vector API kernels") + "); float64: scalar";
    }
}
