package org.thousandbrains.nn;

/** The k-th largest value of a slice, by quickselect on a scratch copy (O(n) expected). */
final class Selection {
    private Selection() {
    }

    /**
     * The {@code k}-th largest of {@code values[from .. from+n)} ({@code 1 <= k <= n}); {@code scratch}
     * (length at least {@code n}) is overwritten. NaN sorts above every number, as in {@code Float.compare}.
     */
    static float kthLargest(float[] values, int from, int n, int k, float[] scratch) {
        if (k < 1 || k > n) throw new IllegalArgumentException("k=" + k + " outside [1, " + n + "]");
        System.arraycopy(values, from, scratch, 0, n);
        int target = n - k; // ascending rank
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            // median of three into scratch[mid], then Hoare partition around it
            if (Float.compare(scratch[mid], scratch[lo]) < 0) swap(scratch, mid, lo);
            if (Float.compare(scratch[hi], scratch[lo]) < 0) swap(scratch, hi, lo);
            if (Float.compare(scratch[hi], scratch[mid]) < 0) swap(scratch, hi, mid);
            float pivot = scratch[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (Float.compare(scratch[i], pivot) < 0) i++;
                while (Float.compare(scratch[j], pivot) > 0) j--;
                if (i <= j) {
                    swap(scratch, i, j);
                    i++;
                    j--;
                }
            }
            if (target <= j) hi = j;
            else if (target >= i) lo = i;
            else return scratch[target];
        }
        return scratch[target];
    }

    private static void swap(float[] a, int i, int j) {
        float t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
