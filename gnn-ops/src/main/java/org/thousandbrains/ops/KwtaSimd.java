package org.thousandbrains.ops;

import static org.thousandbrains.ops.SimdKernels.L;
import static org.thousandbrains.ops.SimdKernels.S;

import java.util.Arrays;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 forward's k-WTA stage for one vector of lanes at a time, with the winners of the scalar stage
 * ({@code Forward32.kwta}: the k largest boosted scores {@code pre·boost} in double, ties to the lower member).
 * <p>
 * Each score is rounded to float and mapped to an int key that orders like the float (halved, so that the
 * difference of two keys fits an int and a comparison is a subtraction and a shift; masked adds are no intrinsics
 * on Java 17). Rounding and halving never reorder, so a lane's k largest scores are the members at or above the
 * largest key that at least k members reach. The lane's search bisects between its least and largest key, every
 * step counting the members at or above the midpoint for all lanes of the vector at once; it ends early where exactly
 * k reach the midpoint (about 15 steps instead of 30 on distinct scores). Members above the key found win; of those
 * at it, a lane with only one (the k-th itself) lets it win, and a lane with several (equal scores, or scores that
 * share a key) picks among their double scores as the scalar stage does, in member order. The products are made in
 * double and rounded in vectors. A tile whose scores hold a NaN is left to the scalar stage.
 */
final class KwtaSimd {
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, S.vectorShape());
    /** Winner flags: bytes, one per lane. */
    private static final VectorSpecies<Byte> BYTES = VectorSpecies.of(byte.class, VectorShape.forBitSize(L * 8));
    /** Doubles in vectors of half a float vector's lanes. */
    private static final VectorSpecies<Double> D = VectorSpecies.of(double.class, S.vectorShape());
    /** Keys of −∞ and +∞: a NaN's key lies outside them. */
    private static final int NEG_INF_KEY = key(Double.NEGATIVE_INFINITY);
    private static final int POS_INF_KEY = key(Double.POSITIVE_INFINITY);

    /** Whether this machine's vectors allow it: int and byte vectors with a float vector's lanes, doubles with half. */
    static final boolean USABLE = I.length() == L && BYTES.length() == L && D.length() * 2 == L;

    private final int[] keys;
    private final double[] tied;
    private final double[] work;
    private final int[] counts = new int[Ranks.BUCKETS];
    private final int[] greater = new int[1];
    private final int[] kthKey = new int[L];
    private final int[] above = new int[L];
    private final int[] equal = new int[L];
    private final double[] kth = new double[L];
    /** Per lane with several members at the k-th key: how many of those equal to {@link #kth} still win. */
    private final int[] ties = new int[L];
    private final int[] tieWins = new int[L];
    private final int[] flags = new int[L];
    /**
     * Per k-WTA group (by index, of whichever operator last ran it on this thread): the least and largest halved
     * k-th key of its last tile, a guess that narrows the next search. A wrong guess costs a pass, never a result:
     * each lane keeps only the side of the guess its counts show, and the search ends at the same winners anyway.
     */
    private boolean[] guessed = new boolean[0];
    private int[] guessLo = new int[0];
    private int[] guessHi = new int[0];

    /** Each thread's stage, grown to the largest group it has run: made once, not per group and step. */
    private static final ThreadLocal<KwtaSimd> SCRATCH = new ThreadLocal<>();

    /** This thread's stage, with scratch for groups of at least {@code members} members. */
    static KwtaSimd forMembers(int members) {
        KwtaSimd s = SCRATCH.get();
        if (s == null || s.tied.length < members) SCRATCH.set(s = new KwtaSimd(members));
        return s;
    }

    /** Scratch for groups of up to {@code members} members. */
    KwtaSimd(int members) {
        this.keys = new int[members * L];
        this.tied = new double[members];
        this.work = new double[members];
    }

    /** A key that orders as the score rounded to float does (−0 as +0); NaN keys lie beyond the infinities'. */
    static int key(double score) {
        int bits = Float.floatToRawIntBits((float) score + 0f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    /** {@link #key} of {@code pre[o + l]·boost} for the L lanes, into {@code keys[ko ..]}: the products in double, two halves. */
    private void keys(float[] pre, int o, double boost, int ko) {
        FloatVector p = FloatVector.fromArray(S, pre, o);
        DoubleVector b = DoubleVector.broadcast(D, boost);
        // each half rounded to float in its own lanes, 0 in the others; their sum also turns −0 into +0
        FloatVector low = (FloatVector) ((DoubleVector) p.convertShape(VectorOperators.F2D, D, 0)).mul(b)
                .convertShape(VectorOperators.D2F, S, 0);
        FloatVector high = (FloatVector) ((DoubleVector) p.convertShape(VectorOperators.F2D, D, 1)).mul(b)
                .convertShape(VectorOperators.D2F, S, -1);
        IntVector bits = low.add(high).reinterpretAsInts();
        bits.lanewise(VectorOperators.XOR, bits.lanewise(VectorOperators.ASHR, 31).and(0x7fffffff)).intoArray(keys, ko);
    }

    /**
     * k-WTA group q at step t for lanes {@code [l0, l0 + L)} of kernel f; false (nothing written) when a score is
     * NaN, for the scalar stage to take.
     */
    boolean tile(Forward32 f, int t, int q, int l0) {
        final Plan plan = f.plan;
        final int B = plan.batch;
        final int[] ptr = f.groups.kwtaPtr();
        final int[] members = f.groups.kwtaMembers();
        final int from = ptr[q];
        final int m = ptr[q + 1] - from;
        final int k = plan.kEffective[q];
        final float[] pre = f.pre;
        final double[] boost = plan.boostFactor;
        for (int i = 0; i < m; i++) keys(pre, members[from + i] * B + l0, boost[from + i], i * L);
        IntVector lo = IntVector.fromArray(I, keys, 0);
        IntVector hi = lo;
        for (int i = 1; i < m; i++) {
            IntVector x = IntVector.fromArray(I, keys, i * L);
            lo = lo.min(x);
            hi = hi.max(x);
        }
        if (lo.compare(VectorOperators.LT, NEG_INF_KEY).or(hi.compare(VectorOperators.GT, POS_INF_KEY)).anyTrue()) {
            return false;
        }
        // Keys halved, so that differences of two fit an int: then x >= y is ((x - y) >> 31) + 1, no mask needed
        // per member (masked adds are no intrinsics on Java 17). Two floats one unit apart may now share a key;
        // they are told apart below as any members at the k-th key are.
        for (int i = 0; i < m; i++) IntVector.fromArray(I, keys, i * L).lanewise(VectorOperators.ASHR, 1).intoArray(keys, i * L);
        lo = lo.lanewise(VectorOperators.ASHR, 1);
        hi = hi.lanewise(VectorOperators.ASHR, 1);
        if (q < guessed.length && guessed[q]) {
            // the k-th keys of the group's last tile bound this tile's too, mostly: one pass counts the members
            // reaching either end, and each lane keeps the side of each end its k-th key lies on
            IntVector gLo = IntVector.broadcast(I, guessLo[q]);
            IntVector gHi = IntVector.broadcast(I, guessHi[q] + 1);
            IntVector cLo = IntVector.zero(I);
            IntVector cHi = cLo;
            for (int i = 0; i < m; i++) {
                IntVector x = IntVector.fromArray(I, keys, i * L);
                cLo = cLo.add(x.sub(gLo).lanewise(VectorOperators.ASHR, 31));
                cHi = cHi.add(x.sub(gHi).lanewise(VectorOperators.ASHR, 31));
            }
            // minus the members below each end, so k reach an end where m − k + count >= 0
            VectorMask<Integer> loReached = cLo.add(m - k).compare(VectorOperators.GE, 0);
            VectorMask<Integer> hiReached = cHi.add(m - k).compare(VectorOperators.GE, 0);
            lo = lo.blend(lo.max(gLo), loReached).blend(lo.max(gHi), hiReached);
            hi = hi.blend(hi.min(gHi.sub(1)), hiReached.not()).blend(hi.min(gLo.sub(1)), loReached.not());
        }
        // per lane: at least k members reach lo, fewer than k exceed hi (or exactly k reach lo = hi)
        while (hi.sub(lo).reduceLanes(VectorOperators.OR) != 0) {
            IntVector mid = lo.lanewise(VectorOperators.ASHR, 1).add(hi.lanewise(VectorOperators.ASHR, 1))
                    .add(lo.or(hi).and(1));
            // minus the count of members below mid, in two chains
            IntVector c0 = IntVector.zero(I);
            IntVector c1 = c0;
            int i = 0;
            for (; i + 1 < m; i += 2) {
                c0 = c0.add(IntVector.fromArray(I, keys, i * L).sub(mid).lanewise(VectorOperators.ASHR, 31));
                c1 = c1.add(IntVector.fromArray(I, keys, i * L + L).sub(mid).lanewise(VectorOperators.ASHR, 31));
            }
            if (i < m) c0 = c0.add(IntVector.fromArray(I, keys, i * L).sub(mid).lanewise(VectorOperators.ASHR, 31));
            // reaching mid, less k; all bits where that is negative, and where it is 0 (then mid parts the k
            // largest from the others, ends the lane's search and stands in for the k-th key below)
            IntVector surplus = c0.add(c1).add(m - k);
            IntVector few = surplus.lanewise(VectorOperators.ASHR, 31);
            IntVector exact = few.not().and(surplus.sub(1).lanewise(VectorOperators.ASHR, 31));
            lo = lo.and(few).or(mid.and(few.not()));
            hi = hi.and(few.or(exact).not()).or(mid.sub(1).and(few)).or(mid.and(exact));
        }
        // minus the members below the k-th key, and minus those above it
        IntVector below = IntVector.zero(I);
        IntVector over = below;
        for (int i = 0; i < m; i++) {
            IntVector x = IntVector.fromArray(I, keys, i * L);
            below = below.add(x.sub(lo).lanewise(VectorOperators.ASHR, 31));
            over = over.add(lo.sub(x).lanewise(VectorOperators.ASHR, 31));
        }
        lo.intoArray(kthKey, 0);
        guess(q, lo.reduceLanes(VectorOperators.MIN), lo.reduceLanes(VectorOperators.MAX));
        IntVector atKth = below.add(over).add(m);
        boolean crowded = atKth.compare(VectorOperators.GT, 1).anyTrue();
        if (crowded) {
            IntVector.zero(I).sub(over).intoArray(above, 0);
            atKth.intoArray(equal, 0);
            for (int l = 0; l < L; l++) if (equal[l] > 1) resolveTies(f, from, m, l0, l, k - above[l]);
        }
        write(f, t, from, m, members.length, l0, crowded);
        return true;
    }

    /** Remembers the least and largest k-th key of group q's last tile, the start of its next search. */
    private void guess(int q, int least, int largest) {
        if (q >= guessed.length) {
            int n = Math.max(q + 1, 2 * guessed.length);
            guessed = Arrays.copyOf(guessed, n);
            guessLo = Arrays.copyOf(guessLo, n);
            guessHi = Arrays.copyOf(guessHi, n);
        }
        guessed[q] = true;
        guessLo[q] = least;
        guessHi[q] = largest;
    }

    /** Lane l has several members with the k-th key: the double score they need to beat, and how many equal to it win. */
    private void resolveTies(Forward32 f, int from, int m, int l0, int l, int k) {
        final int B = f.plan.batch;
        final int[] members = f.groups.kwtaMembers();
        int c = 0;
        for (int i = 0; i < m; i++) {
            if (keys[i * L + l] == kthKey[l]) tied[c++] = f.pre[members[from + i] * B + l0 + l] * f.plan.boostFactor[from + i];
        }
        kth[l] = Ranks.kthLargest(tied, 0, c, k, work, counts, greater);
        ties[l] = k - greater[0];
    }

    /**
     * Winners' outputs (φ of their aggregate), 0 for the others, and the winner flags, member by member;
     * {@code crowded}: some lane has several members at its k-th key.
     */
    private void write(Forward32 f, int t, int from, int m, int totalMembers, int l0, boolean crowded) {
        final IntVector kthKeys = IntVector.fromArray(I, kthKey, 0);
        final Plan plan = f.plan;
        final int B = plan.batch;
        final int[] members = f.groups.kwtaMembers();
        final int slots = f.history.slots;
        final int slotT = f.history.slot(t);
        final float[] pre = f.pre;
        final float[] h = f.h;
        final byte[] won = f.kwtaWin;
        final float[] preActivations = f.preActivations;
        final int aBase = preActivations == null ? -1 : (t - 1) * plan.n * B;
        for (int i = 0; i < m; i++) {
            int v = members[from + i];
            byte act = plan.activation[v];
            int po = v * B + l0;
            int ho = (v * slots + slotT) * B + l0;
            int wo = ((t - 1) * totalMembers + from + i) * B + l0;
            // one vector, not an arraycopy call per member (the stub's call cost 16 floats at a time)
            FloatVector p = FloatVector.fromArray(S, pre, po);
            if (aBase >= 0) p.intoArray(preActivations, aBase + po);
            IntVector x = IntVector.fromArray(I, keys, i * L);
            IntVector wins;
            if (!crowded) {
                // all bits for a member at or above the k-th key (a lane's only member at that key is the k-th)
                wins = x.sub(kthKeys).lanewise(VectorOperators.ASHR, 31).not();
            } else {
                // all bits for a member above the k-th key; those at it as tieWinners decides
                wins = kthKeys.sub(x).lanewise(VectorOperators.ASHR, 31);
                if (x.compare(VectorOperators.EQ, kthKeys).anyTrue()) {
                    tieWinners(f, i, from + i, po);
                    wins = wins.or(IntVector.fromArray(I, tieWins, 0));
                }
            }
            if (act == Act.IDENTITY || act == Act.RELU) {
                FloatVector a = act == Act.RELU ? p.max(0f) : p;
                // all bits kept for a winner, none (+0) for a loser
                a.reinterpretAsInts().and(wins).reinterpretAsFloats().intoArray(h, ho);
            } else {
                wins.intoArray(flags, 0);
                for (int l = 0; l < L; l++) h[ho + l] = flags[l] != 0 ? (float) Act.apply(act, pre[po + l]) : 0;
            }
            // the flag 1 for a winner (all bits) and 0 for a loser: an and, since neg() is no intrinsic on Java 17
            ((ByteVector) wins.and(1).convertShape(VectorOperators.I2B, BYTES, 0)).intoArray(won, wo);
        }
    }

    /** Per lane, all bits (−1) where member i (position p) has the k-th key and wins, in member order as the scalar stage decides ties. */
    private void tieWinners(Forward32 f, int i, int p, int po) {
        for (int l = 0; l < L; l++) {
            int w = 0;
            if (keys[i * L + l] == kthKey[l]) {
                if (equal[l] == 1) {
                    w = -1;
                } else {
                    double sc = f.pre[po + l] * f.plan.boostFactor[p];
                    w = sc > kth[l] || (sc == kth[l] && ties[l]-- > 0) ? -1 : 0;
                }
            }
            tieWins[l] = w;
        }
    }
}
