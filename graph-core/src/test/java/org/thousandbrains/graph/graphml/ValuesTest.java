package org.thousandbrains.graph.graphml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Literal parsing: the XML Schema forms the corpus uses, and the Java-only forms it must not accept. */
class ValuesTest {
    @Test
    void doubles() {
        assertEquals(0.5, Values.parseDouble(" +.5 "));
        assertEquals(-3.2e-8, Values.parseDouble("-3.2e-8"));
        assertEquals(1.0, Values.parseDouble("0x1p+0"), "graph-tool writes C hex floats");
        assertEquals(3.0, Values.parseDouble("0x1.8p1"));
        assertEquals(Double.NEGATIVE_INFINITY, Values.parseDouble("-INF"));
        assertTrue(Double.isNaN(Values.parseDouble("nan")));
        for (String bad : new String[] {"", " ", "1f", "1d", "1e", "e5", ".", "0x", "0x1", "1,5", "k", "Infinityx", "--1"}) {
            assertThrows(IllegalArgumentException.class, () -> Values.parseDouble(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> Values.parseFinite("inf", "weight"));
    }

    @Test
    void integers() {
        assertEquals(339, Values.parseInteger(" 339.0 ", true));
        assertEquals(-7, Values.parseInteger("-7", true));
        assertEquals(1000, Values.parseInteger("1e3", true));
        assertEquals(Long.MAX_VALUE, Values.parseInteger("9223372036854775807", false));
        assertThrows(IllegalArgumentException.class, () -> Values.parseInteger("339.5", true));
        assertThrows(IllegalArgumentException.class, () -> Values.parseInteger("2147483648", true));
        assertThrows(IllegalArgumentException.class, () -> Values.parseInteger("9223372036854775808", false));
        assertThrows(IllegalArgumentException.class, () -> Values.parseInteger("", false));
    }

    @Test
    void booleans() {
        assertTrue(Values.parseBoolean(" TRUE\n"));
        assertTrue(Values.parseBoolean("1"));
        assertFalse(Values.parseBoolean("FaLsE"));
        assertFalse(Values.parseBoolean("0"));
        assertThrows(IllegalArgumentException.class, () -> Values.parseBoolean("yes"));
    }
}
