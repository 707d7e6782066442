package org.thousandbrains.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.thousandbrains.autodiff.CustomOp;
import org.thousandbrains.autodiff.Var;

/**
 * Competition between units (columns) of one group, DESIGN.md "Units": per row, the {@code k} units with
 * the highest mean activity of their members stay active and every member of the other units becomes 0,
 * like heads in multi-head attention. Units whose mean ties the k-th largest all stay active. The
 * gradient flows to the members of active units only. No state, no boosting.
 */
public final class UnitWinners {
    private final int[] unitOf;
    private final int units;
    private final int k;
    private final int[] members;

    /**
     * @param unitOf unit index (0-based, every unit non-empty) of each of the group's values, in column order
     * @param k      active units per row, {@code 1 <= k <= units}
     */
    public UnitWinners(int[] unitOf, int k) {
        int u = 0;
        for (int v : unitOf) {
            if (v < 0) throw new IllegalArgumentException("unit index " + v + " must be >= 0");
            u = Math.max(u, v + 1);
        }
        members = new int[u];
        for (int v : unitOf) members[v]++;
        for (int i = 0; i < u; i++) if (members[i] == 0) throw new IllegalArgumentException("unit " + i + " has no member");
        if (k < 1 || k > u) throw new IllegalArgumentException("unit k-WTA needs 1 <= k <= " + u + " units, got " + k);
        this.unitOf = unitOf.clone();
        this.units = u;
        this.k = k;
    }

    public int units() { return units; }
    public int k() { return k; }

    /** The mask (1 = member of an active unit) of {@code rows} rows of {@code x} (row-major {@code [rows, n]}). */
    public float[] winners(float[] x, int rows) {
        float[] mask = new float[x.length];
        winners(x, rows, mask);
        return mask;
    }

    /** As {@link #winners(float[], int)}, into {@code mask} (same length as {@code x}), for callers that reuse buffers. */
    public void winners(float[] x, int rows, float[] mask) {
        int n = unitOf.length;
        if (x.length != rows * n || mask.length != x.length) {
            throw new IllegalArgumentException("unit k-WTA over " + n + " values got " + x.length + " values and a mask of "
                    + mask.length + " for " + rows + " rows");
        }
        float[] mean = new float[units];
        int[] keys = new int[units];
        int[] work = new int[units];
        double[] sum = new double[units];
        for (int r = 0; r < rows; r++) {
            int base = r * n;
            java.util.Arrays.fill(sum, 0);
            for (int j = 0; j < n; j++) sum[unitOf[j]] += x[base + j];
            for (int u = 0; u < units; u++) mean[u] = (float) (sum[u] / members[u]);
            Selection.keys(mean, 0, units, keys);
            int threshold = Selection.kthLargest(keys, units, k, work);
            for (int j = 0; j < n; j++) mask[base + j] = keys[unitOf[j]] >= threshold ? 1f : 0f;
        }
    }

    /** Applies the competition on a tape. */
    public Var apply(Var x) {
        return x.tape().apply(new Op(), x);
    }

    private final class Op implements CustomOp {
        private INDArray mask;

        @Override
        public INDArray forward(INDArray[] inputs) {
            INDArray in = inputs[0];
            if (in.rank() != 2 || in.size(1) != unitOf.length) {
                throw new IllegalArgumentException("unit k-WTA over " + unitOf.length + " values got shape "
                        + java.util.Arrays.toString(in.shape()));
            }
            int rows = (int) in.size(0);
            float[] x = Floats.of(in);
            float[] m = winners(x, rows);
            mask = Floats.array(m, rows, unitOf.length, in.dataType());
            return Floats.masked(in, x, m);
        }

        @Override
        public INDArray[] backward(INDArray gradOutput) {
            return new INDArray[] {gradOutput.mul(mask)};
        }

        @Override
        public String name() {
            return "UnitWinners";
        }
    }
}
