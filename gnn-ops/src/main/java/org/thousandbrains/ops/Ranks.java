package org.thousandbrains.ops;

/**
 * Order statistics for the competition stages: the k-th largest of some values. A few winners among many (the
 * usual k-WTA layer) are found with a heap of the k largest, whose one comparison per value rarely branches
 * differently; many winners with a quickselect.
 */
final class Ranks {
    private Ranks() {
    }

    /**
     * The k-th largest ({@code 1 <= k <= n}) of {@code a[from .. from + n)}, which stays as it is; {@code scratch}
     * holds at least n values.
     */
    static double kthLargest(double[] a, int from, int n, int k, double[] scratch) {
        if (k * 8 > n) {
            System.arraycopy(a, from, scratch, 0, n);
            return select(scratch, n, n - k);
        }
        // scratch[0 .. k): a min-heap of the k largest so far
        System.arraycopy(a, from, scratch, 0, k);
        for (int i = k / 2 - 1; i >= 0; i--) siftDown(scratch, i, k);
        for (int i = from + k, end = from + n; i < end; i++) {
            double x = a[i];
            if (x > scratch[0]) {
                scratch[0] = x;
                siftDown(scratch, 0, k);
            }
        }
        return scratch[0];
    }

    private static void siftDown(double[] heap, int i, int size) {
        double x = heap[i];
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) break;
            if (c + 1 < size && heap[c + 1] < heap[c]) c++;
            if (!(heap[c] < x)) break;
            heap[i] = heap[c];
            i = c;
        }
        heap[i] = x;
    }

    /** The value of ascending rank {@code target} (0-based) among {@code a[0 .. n)}; {@code a} is permuted. */
    private static double select(double[] a, int n, int target) {
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
