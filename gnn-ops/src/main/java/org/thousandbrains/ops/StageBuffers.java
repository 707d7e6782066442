package org.thousandbrains.ops;

/**
 * What the block stages of one pass keep besides the states: the aggregates of the current step
 * ({@code [N][B]}), the k-WTA and unit-group winners of every step ({@code [T][M][B]},
 * {@code [T][U][B]}), the inner iterations of unit members ({@code [T][Z][B]}, forward only), and for
 * overseer normalization the normalised values {@code (a − μ)/sqrt(σ² + ε)} of every member
 * ({@code [T][Mn][B]}, double) with the μ, σ² and {@code 1/sqrt(σ² + ε)} each group used at each step
 * ({@code [T][R]}).
 */
final class StageBuffers {
    /** The aggregates, from the operator's pool (every row a stage reads is written first); handed back after the forward. */
    float[] preF;
    double[] pre;
    final byte[] kwtaWin;
    final byte[] unitWin;
    final float[] zF;
    final double[] z;
    final double[] normHat;
    final double[] normMean;
    final double[] normVariance;
    final double[] normScale;

    StageBuffers(Plan plan, boolean keep, Buffers buffers) {
        int B = plan.batch;
        int T = plan.steps;
        boolean any = plan.groups.hasGroups() || plan.dense.length > 0;
        boolean f32 = plan.precision == Precision.FLOAT32;
        int preLength = any ? Sizes.check("block aggregates N*B", (long) plan.n * B) : 0;
        this.preF = f32 ? buffers.floatsUncleared(preLength) : null;
        this.pre = f32 ? null : buffers.doublesUncleared(preLength);
        // every step's k-WTA stage writes every member's flag in every lane (the vector and the scalar stage alike)
        this.kwtaWin = buffers.bytesUncleared(Sizes.check("k-WTA winners T*M*B", (long) T * plan.groups.kwtaMembers().length * B));
        this.unitWin = new byte[Sizes.check("unit winners T*U*B", (long) T * plan.groups.unitCount() * B)];
        int zLength = keep ? Sizes.check("unit iterations T*Z*B", (long) T * plan.zPerStep * B) : 0;
        this.zF = f32 && keep ? new float[zLength] : null;
        this.z = !f32 && keep ? new double[zLength] : null;
        int normGroups = plan.groups.normCount();
        this.normHat = new double[Sizes.check("normalised members T*Mn*B", (long) T * plan.groups.normMembers().length * B)];
        this.normMean = new double[T * normGroups];
        this.normVariance = new double[T * normGroups];
        this.normScale = new double[T * normGroups];
    }

    /** Hands the aggregates back to the pool once the forward pass has run (the backward pass does not read them). */
    void releaseAggregates(Buffers buffers) {
        buffers.give(preF);
        buffers.give(pre);
        preF = null;
        pre = null;
    }

    /** Hands the winner flags back to the pool once the pass is closed (nothing reads them then). */
    void releaseWinners(Buffers buffers) {
        buffers.give(kwtaWin);
    }
}
