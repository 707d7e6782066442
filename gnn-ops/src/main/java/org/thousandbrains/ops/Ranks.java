package org.thousandbrains.ops;

/**
 * Order statistics for the competition stages: the k-th largest of some values. Values spread over a finite
 * range are counted into equal-width buckets between their least and largest (about two values a bucket, at most
 * {@link #BUCKETS}), and only the bucket holding the k-th largest is then searched: three passes that hardly
 * branch, whatever k is (a k-WTA layer of 2048 members: about 5 µs a lane, against 18 µs for a heap of the k
 * largest and 25 µs for a quickselect). A few values, equal ones, infinities or NaN take a quickselect. The
 * scalar k-WTA stage and unit groups use it for every lane; the float32 vector stage ({@link KwtaSimd}) only for
 * the members of a lane that share its k-th key.
 */
final class Ranks {
    /** Buckets of the counting pass; callers hand in an {@code int[BUCKETS]} to count in. */
    static final int BUCKETS = 1024;

    private Ranks() {
    }

    /**
     * The k-th largest ({@code 1 <= k <= n}) of {@code a[from .. from + n)}, which stays as it is; {@code scratch}
     * holds at least n values, {@code counts} {@link #BUCKETS}. Also sets {@code greater[0]} to how many of the
     * values are larger than the result (so that {@code k − greater[0]} of the values equal to it are among the
     * k largest). When the bucket holding it is crowded (a few outliers, e.g. strongly boosted members, stretch
     * the range so that most values share a bucket), that bucket's values are counted again between their own
     * least and largest, in place in {@code scratch}.
     */
    static double kthLargest(double[] a, int from, int n, int k, double[] scratch, int[] counts, int[] greater) {
        double[] src = a;
        int off = from;
        int size = n;
        // values of earlier rounds' higher buckets: larger than all that is left
        int taken = 0;
        while (true) {
            int end = off + size;
            // the range of this round's values (Math.min/Math.max: NaN when one is NaN)
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = off; i < end; i++) {
                double x = src[i];
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
            double width = hi - lo;
            // about two values a bucket: fewer buckets to clear and walk for a small group
            int buckets = Math.min(BUCKETS, Math.max(64, size >>> 1));
            // bucket(x) = (int) ((x - lo) * scale) never decreases with x, and lies in [0, buckets)
            double scale = (buckets - 1) / width;
            if (size < 64 || !(width > 0 && width < Double.POSITIVE_INFINITY && scale < Double.POSITIVE_INFINITY)) {
                if (src == a) System.arraycopy(a, from, scratch, 0, n);
                return selected(scratch, size, k, taken, greater);
            }
            java.util.Arrays.fill(counts, 0, buckets, 0);
            for (int i = off; i < end; i++) counts[(int) ((src[i] - lo) * scale)]++;
            int above = 0;
            int bucket = buckets - 1;
            while (above + counts[bucket] < k) above += counts[bucket--];
            // the bucket's values to the front of scratch (in place after the first round: c never passes i)
            int c = 0;
            for (int i = off; i < end; i++) {
                double x = src[i];
                if ((int) ((x - lo) * scale) == bucket) scratch[c++] = x;
            }
            k -= above;
            taken += above;
            if (c <= 64 || c == size) return selected(scratch, c, k, taken, greater);
            src = scratch;
            off = 0;
            size = c;
        }
    }

    /** The k-th largest of {@code a[0 .. n)} (permuted), with {@code greater[0]} = {@code taken} + those of them larger. */
    private static double selected(double[] a, int n, int k, int taken, int[] greater) {
        double x = select(a, n, n - k);
        int larger = taken;
        for (int i = 0; i < n; i++) if (a[i] > x) larger++;
        greater[0] = larger;
        return x;
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
