package org.thousandbrains.ops;

import org.thousandbrains.graph.compile.BlockSchedule;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GroupStructure;

/**
 * Evaluation order of one step for the current delays: evaluation blocks (single nodes, k-WTA
 * groups, units, unit groups) sorted into instant waves (an edge with {@code ⌊d⌋ = 0} reads its
 * source in the same step, so its target's block comes in a later wave), each block one run of
 * consecutive positions. Recomputed for every pass because training may move a delay across 1;
 * with no instant edge there is a single wave in node order.
 */
final class Schedule {
    /** Nodes in wave order. */
    final int[] order;
    /** Nodes of wave w are positions {@code wavePtr[w] .. wavePtr[w+1]-1} of {@link #order}. */
    final int[] wavePtr;
    /** Block run s: positions {@code runPtr[s] .. runPtr[s+1]-1}, block {@code runBlock[s]}; runs of wave w from {@code waveRunPtr[w]}. */
    final int[] runPtr;
    final int[] runBlock;
    final int[] waveRunPtr;

    private Schedule(BlockSchedule s) {
        this.order = s.order;
        this.wavePtr = s.wavePtr;
        this.runPtr = s.runPtr;
        this.runBlock = s.runBlock;
        this.waveRunPtr = s.waveRunPtr;
    }

    int waves() {
        return wavePtr.length - 1;
    }

    int node(int position) {
        return order[position];
    }

    /** Waves of blocks over the instant edges ({@code k[e] == 0}, CSR order, unit-internal edges excluded). */
    static Schedule of(CompiledGraph g, int[] k) {
        GroupStructure gs = g.groupStructure();
        boolean[] instant = new boolean[k.length];
        for (int p = 0; p < k.length; p++) instant[p] = k[p] == 0;
        BlockSchedule s = BlockSchedule.of(gs.blockCount(), gs.blockOf(), g.src(), g.dst(), instant, gs.internalEdges());
        if (s == null) throw new IllegalStateException(cycleMessage(g, instant));
        return new Schedule(s);
    }

    /** Names an instant edge that lies on a cycle of blocks (delays were set below their floors). */
    private static String cycleMessage(CompiledGraph g, boolean[] instant) {
        GroupStructure gs = g.groupStructure();
        int[] blockOf = gs.blockOf();
        for (int p = 0; p < instant.length; p++) {
            if (!instant[p] || gs.internal(p)) continue;
            if (blockOf[g.src()[p]] != blockOf[g.dst()[p]] && g.isRecurrent(p)) {
                return "edge '" + g.nodeId(g.src()[p]) + "' -> '" + g.nodeId(g.dst()[p]) + "' has a delay below 1 and lies on a cycle"
                        + " of instant edges; keep delays in [delayFloor(e), d_max] (Parameters.clampDelays())";
            }
        }
        return "the instant edges (delay < 1) form a cycle; keep delays in [delayFloor(e), d_max] (Parameters.clampDelays())";
    }
}
