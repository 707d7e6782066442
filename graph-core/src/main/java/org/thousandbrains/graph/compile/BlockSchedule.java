package org.thousandbrains.graph.compile;

import java.util.Arrays;

/**
 * The evaluation order of one step: evaluation blocks (see {@link GroupStructure}) sorted into
 * waves of the instant edges between blocks (an edge with {@code ⌊d⌋ = 0} reads its source in the
 * same step, so its target's block comes in a later wave). Nodes are listed wave by wave, block by
 * block within a wave (blocks in order of their first node), so each block is one contiguous run.
 * Unit-internal edges are never instant: they are applied inside the block.
 */
public final class BlockSchedule {
    /** Nodes in evaluation order. */
    public final int[] order;
    /** Nodes of wave w are {@code order[wavePtr[w] .. wavePtr[w+1]-1]}. */
    public final int[] wavePtr;
    /** Block run s covers {@code order[runPtr[s] .. runPtr[s+1]-1]} and is block {@code runBlock[s]}. */
    public final int[] runPtr;
    public final int[] runBlock;
    /** Runs of wave w are {@code waveRunPtr[w] .. waveRunPtr[w+1]-1}. */
    public final int[] waveRunPtr;

    private BlockSchedule(int[] order, int[] wavePtr, int[] runPtr, int[] runBlock, int[] waveRunPtr) {
        this.order = order;
        this.wavePtr = wavePtr;
        this.runPtr = runPtr;
        this.runBlock = runBlock;
        this.waveRunPtr = waveRunPtr;
    }

    public int waves() { return wavePtr.length - 1; }

    /**
     * Schedules the blocks of {@code blockOf} (per node; {@code blocks} in all) for the CSR edges
     * {@code src → dst} of which {@code instant[p]} are instant; {@code internal} (or null) marks the
     * unit-internal edges, which never order blocks. Returns null when the instant edges between
     * blocks form a cycle.
     */
    public static BlockSchedule of(int blocks, int[] blockOf, int[] src, int[] dst, boolean[] instant, byte[] internal) {
        int n = blockOf.length;
        int e = src.length;
        int[] ptr = new int[blocks + 1];
        int[] indeg = new int[blocks];
        int count = 0;
        for (int p = 0; p < e; p++) {
            if (!instant[p] || (internal != null && internal[p] != 0)) continue;
            int bu = blockOf[src[p]];
            int bv = blockOf[dst[p]];
            if (bu == bv) continue;
            ptr[bu + 1]++;
            indeg[bv]++;
            count++;
        }
        int[] wave = new int[blocks];
        int maxWave = 0;
        if (count > 0) {
            for (int b = 0; b < blocks; b++) ptr[b + 1] += ptr[b];
            int[] out = new int[count];
            int[] fill = Arrays.copyOf(ptr, blocks);
            for (int p = 0; p < e; p++) {
                if (!instant[p] || (internal != null && internal[p] != 0)) continue;
                int bu = blockOf[src[p]];
                int bv = blockOf[dst[p]];
                if (bu != bv) out[fill[bu]++] = bv;
            }
            int[] queue = new int[blocks];
            int head = 0;
            int tail = 0;
            for (int b = 0; b < blocks; b++) if (indeg[b] == 0) queue[tail++] = b;
            while (head < tail) {
                int bu = queue[head++];
                for (int j = ptr[bu]; j < ptr[bu + 1]; j++) {
                    int bv = out[j];
                    if (wave[bu] + 1 > wave[bv]) wave[bv] = wave[bu] + 1;
                    if (--indeg[bv] == 0) queue[tail++] = bv;
                }
                if (wave[bu] > maxWave) maxWave = wave[bu];
            }
            if (tail < blocks) return null;
        }
        int waves = n == 0 ? 0 : maxWave + 1;
        // Blocks sorted by (wave, id), then nodes by block (stable: node order within a block).
        int[] blockSize = new int[blocks + 1];
        for (int v = 0; v < n; v++) blockSize[blockOf[v] + 1]++;
        for (int b = 0; b < blocks; b++) blockSize[b + 1] += blockSize[b];
        int[] members = new int[n];
        int[] bfill = Arrays.copyOf(blockSize, blocks);
        for (int v = 0; v < n; v++) members[bfill[blockOf[v]]++] = v;
        int[] waveRunPtr = new int[waves + 1];
        for (int b = 0; b < blocks; b++) waveRunPtr[wave[b] + 1]++;
        for (int w = 0; w < waves; w++) waveRunPtr[w + 1] += waveRunPtr[w];
        int[] runBlock = new int[blocks];
        int[] wfill = Arrays.copyOf(waveRunPtr, Math.max(waves, 1));
        for (int b = 0; b < blocks; b++) runBlock[wfill[wave[b]]++] = b;
        int[] order = new int[n];
        int[] runPtr = new int[blocks + 1];
        int pos = 0;
        for (int s = 0; s < blocks; s++) {
            int b = runBlock[s];
            runPtr[s] = pos;
            for (int i = blockSize[b]; i < blockSize[b + 1]; i++) order[pos++] = members[i];
        }
        runPtr[blocks] = pos;
        int[] wavePtr = new int[waves + 1];
        for (int w = 0; w <= waves; w++) wavePtr[w] = runPtr[waveRunPtr[w]];
        return new BlockSchedule(order, wavePtr, runPtr, runBlock, waveRunPtr);
    }
}
