package org.thousandbrains.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded stratified train/test split: every class is divided in (nearly) the same proportion.
 *
 * <p>Same sizes as scikit-learn's {@code train_test_split(test_size=f, stratify=y)} — the test set
 * has {@code ceil(f·n)} samples — but a different random stream, so the chosen samples differ from
 * the PyTorch peer's. The algorithm, fully determined by the seed:
 * <ol>
 *   <li>class {@code c} with {@code n_c} samples gets {@code floor(nTest·n_c/n)} test samples; the
 *       remaining test places go one each to the classes with the largest fractional remainders
 *       (ties: lower class first);</li>
 *   <li>one {@link SplittableRandom}{@code (seed)} shuffles each class's indices in turn
 *       (Fisher–Yates, classes in ascending order); the first {@code t_c} go to the test set;</li>
 *   <li>both sets keep the source order (indices ascending).</li>
 * </ol>
 */
public final class StratifiedSplit {
    private StratifiedSplit() {
    }

    /** Splits {@code data} with {@code testFraction} in (0, 1) of the samples in the test set. */
    public static Split split(Dataset data, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction " + testFraction + " must be in (0, 1)");
        }
        int n = data.size();
        int[] counts = data.classCounts();
        int present = (int) Arrays.stream(counts).filter(c -> c > 0).count();
        int nTest = (int) Math.ceil(testFraction * n);
        if (nTest < present || n - nTest < present) {
            throw new IllegalArgumentException(data.name() + ": " + n + " samples cannot be split " + (n - nTest)
                    + "/" + nTest + " with every one of " + present + " classes on both sides");
        }
        int[] testPerClass = allocate(counts, nTest, n);
        int[][] byClass = indicesByClass(data.labels(), counts);
        SplittableRandom rng = new SplittableRandom(seed);
        boolean[] isTest = new boolean[n];
        for (int c = 0; c < counts.length; c++) {
            int[] idx = byClass[c];
            for (int i = idx.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
            for (int k = 0; k < testPerClass[c]; k++) {
                isTest[idx[k]] = true;
            }
        }
        int[] train = new int[n - nTest];
        int[] test = new int[nTest];
        int a = 0;
        int b = 0;
        for (int i = 0; i < n; i++) {
            if (isTest[i]) {
                test[b++] = i;
            } else {
                train[a++] = i;
            }
        }
        return new Split(data.subset(train, data.name() + "/train"), data.subset(test, data.name() + "/test"));
    }

    /** Test samples per class: floors of the exact shares, remainder by largest fractional part. */
    static int[] allocate(int[] counts, int nTest, int n) {
        int k = counts.length;
        int[] t = new int[k];
        long[] remainder = new long[k];
        int given = 0;
        for (int c = 0; c < k; c++) {
            long exact = (long) nTest * counts[c];
            t[c] = (int) (exact / n);
            remainder[c] = exact % n;
            given += t[c];
        }
        Integer[] order = new Integer[k];
        for (int c = 0; c < k; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (x, y) -> remainder[x] != remainder[y] ? Long.compare(remainder[y], remainder[x])
                : Integer.compare(x, y));
        for (int i = 0; given < nTest; i++) {
            t[order[i]]++;
            given++;
        }
        return t;
    }

    private static int[][] indicesByClass(int[] labels, int[] counts) {
        int[][] byClass = new int[counts.length][];
        int[] fill = new int[counts.length];
        for (int c = 0; c < counts.length; c++) {
            byClass[c] = new int[counts[c]];
        }
        for (int i = 0; i < labels.length; i++) {
            byClass[labels[i]][fill[labels[i]]++] = i;
        }
        return byClass;
    }
}
