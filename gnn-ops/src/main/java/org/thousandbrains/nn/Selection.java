package org.thousandbrains.nn;

/**
 * The k-th largest of a row of floats over order-preserving integer keys. A guess a little below
 * the answer comes from a strided sample of the row (its {@code ≈1.8·k/n} quantile); a branch-free pass
 * keeps only the keys at or above the guess and quickselect runs on those few. When the guess was too
 * high the whole row is searched. Exact either way. {@code -0} counts as {@code +0}, so the two tie as
 * in IEEE comparisons; NaN ranks above every number.
 */
final class Selection {
    /** Sampled keys behind the guess. */
    static final int SAMPLE = 64;

    private Selection() {
    }

    /** An int whose signed order is the float order of {@code v} ({@code -0} mapped to {@code +0}). */
    static int key(float v) {
        int b = Float.floatToRawIntBits(v + 0.0f);
        return b ^ ((b >> 31) & 0x7fffffff);
    }

    /** Keys of {@code values[from .. from+n)} into {@code keys[0 .. n)}. */
    static void keys(float[] values, int from, int n, int[] keys) {
        for (int i = 0; i < n; i++) keys[i] = key(values[from + i]);
    }

    /**
     * The k-th largest of {@code keys[0 .. n)} ({@code 1 <= k <= n}), counting repeated keys;
     * {@code work} (length at least {@code n}) is overwritten.
     */
    static int kthLargest(int[] keys, int n, int k, int[] work) {
        if (k < 1 || k > n) throw new IllegalArgumentException("k=" + k + " outside [1, " + n + "]");
        int guess = Integer.MIN_VALUE;
        if (n >= 4 * SAMPLE) {
            int stride = n / SAMPLE;
            for (int i = 0; i < SAMPLE; i++) work[i] = keys[i * stride];
            int q = (int) Math.min(SAMPLE, Math.ceil(1.8 * SAMPLE * k / n));
            guess = select(work, SAMPLE, SAMPLE - q);
        }
        int m = 0;
        for (int i = 0; i < n; i++) {
            int v = keys[i];
            work[m] = v;
            m += v >= guess ? 1 : 0;
        }
        if (m < k) {
            System.arraycopy(keys, 0, work, 0, n);
            m = n;
        }
        return select(work, m, m - k);
    }

    /** The value of ascending rank {@code target} in {@code a[0 .. n)} (a is permuted). */
    private static int select(int[] a, int n, int target) {
        int lo = 0;
        int hi = n - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            int x = a[lo];
            int y = a[mid];
            int z = a[hi];
            int pivot = x < y ? (y < z ? y : Math.max(x, z)) : (x < z ? x : Math.max(y, z));
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j) {
                    int t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (target <= j) hi = j;
            else if (target >= i) lo = i;
            else return a[target];
        }
        return a[target];
    }

}
