package org.thousandbrains.ops;

/** Order statistics for the competition stages: the value of a given ascending rank (quickselect). */
final class Ranks {
    private Ranks() {
    }

    /** The value of ascending rank {@code target} (0-based) among {@code a[0 .. n)}; {@code a} is permuted. */
    static double select(double[] a, int n, int target) {
        int lo = 0;
        int hi = n - 1;
        while (hi > lo) {
            double x = a[lo];
            double y = a[(lo + hi) >>> 1];
            double z = a[hi];
            double pivot = x < y ? (y < z ? y : Math.max(x, z)) : (x < z ? x : Math.max(y, z));
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j) {
                    double t = a[i];
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
