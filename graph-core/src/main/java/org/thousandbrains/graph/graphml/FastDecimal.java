package org.thousandbrains.graph.graphml;

import java.math.BigInteger;

/**
 * Exact, fast parsing of plain decimal numbers ({@code [+-]digits[.digits][e[+-]digits]} with
 * at most 19 significant digits), the bulk of a large GraphML file's values: Clinger's fast
 * path, else the Eisel-Lemire algorithm (D. Lemire, "Number parsing at a gigabyte per second",
 * Software: Practice and Experience 51(8), 2021) with its 128-bit table of powers of five
 * computed here at class load. Whenever the result is not certain (more digits, halfway
 * cases, subnormals, overflow) or the text is not of that form, it returns NaN and the caller
 * uses {@link Double#parseDouble}. Correct rounding is checked against the JDK in the tests.
 */
public final class FastDecimal {
    private static final int MIN_Q = -342;
    private static final int MAX_Q = 308;
    private static final long[] HI = new long[MAX_Q - MIN_Q + 1];
    private static final long[] LO = new long[MAX_Q - MIN_Q + 1];
    private static final double[] EXACT_POW10 = new double[23];

    static {
        BigInteger two128 = BigInteger.ONE.shiftLeft(128);
        BigInteger mask64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        for (int q = MIN_Q; q <= MAX_Q; q++) {
            BigInteger c;
            if (q >= 0) {
                c = BigInteger.valueOf(5).pow(q);
                if (c.bitLength() < 128) c = c.shiftLeft(128 - c.bitLength());
                else c = c.shiftRight(c.bitLength() - 128);
            } else {
                BigInteger p5 = BigInteger.valueOf(5).pow(-q);
                int z = p5.bitLength();
                int b = q >= -27 ? z + 127 : 2 * z + 128;
                c = BigInteger.ONE.shiftLeft(b).divide(p5).add(BigInteger.ONE);
                while (c.compareTo(two128) >= 0) c = c.shiftRight(1);
            }
            HI[q - MIN_Q] = c.shiftRight(64).longValue();
            LO[q - MIN_Q] = c.and(mask64).longValue();
        }
        double p = 1;
        for (int i = 0; i < EXACT_POW10.length; i++) {
            EXACT_POW10[i] = p;
            p *= 10;
        }
    }

    private FastDecimal() {
    }

    /** The value of s, or NaN when s is not a short plain decimal or the fast result is uncertain. */
    public static double parse(String s) {
        return parse(s, 0, s.length());
    }

    /** The value of the characters {@code s[from, to)}, or NaN as {@link #parse(String)}. */
    public static double parse(CharSequence s, int from, int to) {
        int n = to;
        int i = from;
        if (n == i) return Double.NaN;
        boolean negative = false;
        char c = s.charAt(i);
        if (c == '+' || c == '-') {
            negative = c == '-';
            i++;
        }
        long w = 0;
        int significant = 0;
        int q = 0;
        boolean anyDigit = false;
        while (i < n && (c = s.charAt(i)) >= '0' && c <= '9') {
            anyDigit = true;
            if (w != 0 || c != '0') {
                if (significant++ == 19) return Double.NaN;
                w = w * 10 + (c - '0');
            }
            i++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && (c = s.charAt(i)) >= '0' && c <= '9') {
                anyDigit = true;
                if (w != 0 || c != '0') {
                    if (significant++ == 19) return Double.NaN;
                    w = w * 10 + (c - '0');
                }
                q--;
                i++;
            }
        }
        if (!anyDigit) return Double.NaN;
        if (i < n && ((c = s.charAt(i)) == 'e' || c == 'E')) {
            i++;
            boolean expNegative = false;
            if (i < n && ((c = s.charAt(i)) == '+' || c == '-')) {
                expNegative = c == '-';
                i++;
            }
            int e = 0;
            int expDigits = 0;
            while (i < n && (c = s.charAt(i)) >= '0' && c <= '9') {
                if (e < 100_000) e = e * 10 + (c - '0');
                expDigits++;
                i++;
            }
            if (expDigits == 0) return Double.NaN;
            q += expNegative ? -e : e;
        }
        if (i != n) return Double.NaN;
        if (w == 0) return negative ? -0.0 : 0.0;
        return compute(negative, w, q);
    }

    /** w * 10^q rounded to nearest-even, or NaN when undecided; w is unsigned (19 digits may exceed 2^63), not 0. */
    private static double compute(boolean negative, long w, int q) {
        if (q >= -22 && q <= 22 && Long.compareUnsigned(w, 1L << 53) <= 0) {
            double d = q < 0 ? (double) w / EXACT_POW10[-q] : (double) w * EXACT_POW10[q];
            return negative ? -d : d;
        }
        if (q < MIN_Q || q > MAX_Q) return Double.NaN;
        long factor = HI[q - MIN_Q];
        long exponent = (((152170L + 65536L) * q) >> 16) + 1024 + 63;
        int lz = Long.numberOfLeadingZeros(w);
        long x = w << lz;
        long lower = x * factor;
        long upper = unsignedMultiplyHigh(x, factor);
        if ((upper & 0x1FF) == 0x1FF && Long.compareUnsigned(lower + x, lower) < 0) {
            long factorLow = LO[q - MIN_Q];
            long productLow = x * factorLow;
            long productMiddle = lower + unsignedMultiplyHigh(x, factorLow);
            long productHigh = upper;
            if (Long.compareUnsigned(productMiddle, lower) < 0) productHigh++;
            if (productMiddle + 1 == 0 && (productHigh & 0x1FF) == 0x1FF && Long.compareUnsigned(productLow + x, productLow) < 0) {
                return Double.NaN;
            }
            upper = productHigh;
            lower = productMiddle;
        }
        long upperBit = upper >>> 63;
        long mantissa = upper >>> (upperBit + 9);
        lz += (int) (1 ^ upperBit);
        if (lower == 0 && (upper & 0x1FF) == 0 && (mantissa & 3) == 1) return Double.NaN;
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if (mantissa >= (1L << 53)) {
            mantissa = 1L << 52;
            lz--;
        }
        mantissa &= ~(1L << 52);
        long realExponent = exponent - lz;
        if (realExponent < 1 || realExponent > 2046) return Double.NaN;
        long bits = mantissa | (realExponent << 52) | (negative ? 1L << 63 : 0L);
        return Double.longBitsToDouble(bits);
    }

    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }
}
