package org.thousandbrains.experiments;

import java.util.Arrays;
import java.util.function.IntFunction;

import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.model.Architecture;

/**
 * Learnable parameters of a compiled graph — per edge its learnable weight, delay and leak (the
 * {@code learnable} bits; a sparse layer's absent edges are not parameters), per non-input node its bias (not an
 * overseer's: its state is its group's mean), per member of an overseen group its gain and shift — and
 * the hidden width at which a built-in family reaches a given count.
 */
final class ParameterCount {
    /** Widths of the probe builds that {@link #matchingWidth} fits: multiples of 10, so a 30% sparse layer keeps an exact fan-in. */
    private static final int[] PROBES = {40, 80, 120};

    private ParameterCount() {
    }

    /**
     * The width {@code h >= 1} at which {@code build.apply(h)} has the learnable-parameter count closest to
     * {@code target}, for a family whose count grows with the width (e.g. a variant with frozen delays widened to
     * match a learnable one).
     */
    static int matchingWidth(IntFunction<Network> build, long target) {
        int h = 1;
        long below = of(GraphCompiler.compile(build.apply(h)));
        while (below < target) {
            long above = of(GraphCompiler.compile(build.apply(h + 1)));
            if (above >= target) return target - below < above - target ? h : h + 1;
            below = above;
            h++;
        }
        return h;
    }

    static long of(CompiledGraph g) {
        long n = 0;
        for (byte bits : g.learnable()) n += Integer.bitCount(bits & 0xff);
        for (int v = 0; v < g.nodeCount(); v++) if (!g.isInput(v) && !g.groupStructure().isOverseer(v)) n++;
        return n + 2L * g.groupStructure().normMembers().length;
    }

    /** The count of {@code arch} with {@code layers} hidden layers of {@code width}, from its built graph. */
    static long of(Architecture arch, int inputs, int width, int layers, int outputs) {
        int[] hidden = new int[layers];
        Arrays.fill(hidden, width);
        return of(GraphCompiler.compile(arch.network(inputs, hidden, outputs, 0)));
    }

    /**
     * The width {@code h} at which {@code arch} with {@code layers} hidden layers of {@code h} has about
     * {@code target} learnable parameters: the count is a quadratic in {@code h} (exactly for dense layers,
     * up to the rounding of a sparse layer's kept fan-in), fitted through three small builds and solved.
     */
    static int matchingWidth(Architecture arch, int inputs, int layers, int outputs, long target) {
        double[] p = new double[PROBES.length];
        for (int i = 0; i < p.length; i++) p[i] = of(arch, inputs, PROBES[i], layers, outputs);
        double d1 = (p[1] - p[0]) / (PROBES[1] - PROBES[0]);
        double d2 = (p[2] - p[1]) / (PROBES[2] - PROBES[1]);
        double a = (d2 - d1) / (PROBES[2] - PROBES[0]);
        double b = d1 - a * (PROBES[0] + PROBES[1]);
        double c = p[0] - a * PROBES[0] * PROBES[0] - b * PROBES[0];
        double h = Math.abs(a) < 1e-9 ? (target - c) / b : (-b + Math.sqrt(b * b - 4 * a * (c - target))) / (2 * a);
        return (int) Math.max(1, Math.round(h));
    }
}
