package org.thousandbrains.graph.graphml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The fast decimal path must give exactly {@link Double#parseDouble}'s bits, or decline (NaN). */
class FastDecimalTest {
    private static int decided;

    private static void same(String s) {
        double fast = FastDecimal.parse(s);
        if (Double.isNaN(fast)) return;
        decided++;
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(fast), s);
    }

    @Test
    void shortestReprOfRandomDoublesParsesExactly() {
        Random rnd = new Random(7);
        decided = 0;
        for (int i = 0; i < 300_000; i++) {
            double d = Double.longBitsToDouble(rnd.nextLong());
            if (Double.isFinite(d)) same(Double.toString(d));
            same(Double.toString(rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20)));
        }
        assertTrue(decided > 500_000, "the fast path decides almost every value, decided " + decided);
    }

    @Test
    void randomDecimalStringsParseExactly() {
        Random rnd = new Random(11);
        for (int i = 0; i < 300_000; i++) {
            StringBuilder sb = new StringBuilder(rnd.nextBoolean() ? "-" : "");
            int digits = 1 + rnd.nextInt(20);
            int point = rnd.nextInt(digits + 1);
            for (int k = 0; k < digits; k++) {
                if (k == point && k > 0) sb.append('.');
                sb.append((char) ('0' + rnd.nextInt(10)));
            }
            if (rnd.nextBoolean()) sb.append('e').append(rnd.nextInt(700) - 350);
            same(sb.toString());
        }
    }

    @Test
    void hardCases() {
        String[] cases = {"0", "-0", "0.0e99", "1", "0.1", "1e23", "8.41e21", "9007199254740993", "9007199254740992",
            "9007199254740991", "2.2250738585072011e-308", "2.2250738585072014e-308", "4.9e-324", "2.4703282292062327e-324",
            "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "123456789012345678",
            "1234567890123456789", "12345678901234567890", "7.3177701707893310e+15", "0.000000000000000000000000001",
            "5e-324", "1e-400", "1e400", "3.0", "339.0", "+.5", "5.", "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124", "9.999999999999999e22", "1e22", "1e-22"};
        for (String s : cases) same(s);
        assertEquals(0.1, FastDecimal.parse("0.1"));
        assertTrue(Double.isNaN(FastDecimal.parse("1e")));
        assertTrue(Double.isNaN(FastDecimal.parse(".")));
        assertTrue(Double.isNaN(FastDecimal.parse("1f")));
        assertTrue(Double.isNaN(FastDecimal.parse("0x1p3")));
    }
}
