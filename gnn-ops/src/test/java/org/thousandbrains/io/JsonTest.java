package org.thousandbrains.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    /** Builds an insertion-ordered map from alternating keys and values. */
    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < kv.length; k += 2) m.put((String) kv[k], kv[k + 1]);
        return m;
    }

    @Test
    void parsesNestedValuesWithNumbersAsDoublesAndKeyOrderKept() {
        Object v = Json.parse(" {\"z\": [1, -2.5e-3, 12345678901234567890, {}],\n\t\"a\": {\"t\": true, \"f\": false, \"n\": null}, \"m\": []} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of("z", "a", "m"), new ArrayList<>(m.keySet()));
        List<?> z = (List<?>) m.get("z");
        assertEquals(1.0, (Double) z.get(0));
        assertEquals(-0.0025, (Double) z.get(1));
        assertEquals(1.2345678901234567e19, (Double) z.get(2));
        assertEquals(Map.of(), z.get(3));
        Map<?, ?> a = (Map<?, ?>) m.get("a");
        assertEquals(Boolean.TRUE, a.get("t"));
        assertEquals(Boolean.FALSE, a.get("f"));
        assertTrue(a.containsKey("n"));
        assertNull(a.get("n"));
        assertEquals(List.of(), m.get("m"));
        assertInstanceOf(LinkedHashMap.class, m);
        assertInstanceOf(ArrayList.class, z);
    }

    @Test
    void decimalStringsReadBackBitExact() {
        List<?> l = (List<?>) Json.parse("[0.1, 0.30000000000000004, 1e-300, 4.9E-324, 1.7976931348623157e308, -0.0, 2.718281828459045]");
        double[] want = {0.1, 0.30000000000000004, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE, -0.0, Math.E};
        for (int k = 0; k < want.length; k++)
            assertEquals(Double.doubleToRawLongBits(want[k]), Double.doubleToRawLongBits((Double) l.get(k)), "element " + k);
    }

    @Test
    void decodesEscapesAndUnicode() {
        Object s = Json.parse("\"q\\\" b\\\\ s\\/ n\\n t\\t r\\r b\\b f\\f \\u00e9 \\ud83d\\ude00 é\"");
        assertEquals("q\" b\\ s/ n\n t\t r\r b\b f\f \u00e9 \ud83d\ude00 \u00e9", s);
    }

    @Test
    void writesIndentedObjectsAndOneLineArrays() {
        Map<String, Object> doc = map("name", "run", "n", 3, "acc", 0.5,
                "nested", map("list", List.of(1, 2.0, "x"), "empty", map(), "none", List.of()),
                "flag", true, "nothing", null);
        String want = "{\n"
                + "  \"name\": \"run\",\n"
                + "  \"n\": 3,\n"
                + "  \"acc\": 0.5,\n"
                + "  \"nested\": {\n"
                + "    \"list\": [1, 2.0, \"x\"],\n"
                + "    \"empty\": {},\n"
                + "    \"none\": []\n"
                + "  },\n"
                + "  \"flag\": true,\n"
                + "  \"nothing\": null\n"
                + "}";
        assertEquals(want, Json.write(doc));
        assertEquals("{\"name\":\"run\",\"n\":3,\"acc\":0.5,\"nested\":{\"list\":[1,2.0,\"x\"],\"empty\":{},\"none\":[]},\"flag\":true,\"nothing\":null}",
                Json.writeCompact(doc));
    }

    @Test
    void escapesStringsOnWrite() {
        String s = "q\" b\\ n\n t\t r\r \u0001 \u00e9 \ud83d\ude00 /";
        assertEquals("\"q\\\" b\\\\ n\\n t\\t r\\r \\u0001 \u00e9 \ud83d\ude00 /\"", Json.writeCompact(s));
        assertEquals(map("k\n\"", s), Json.parse(Json.write(map("k\n\"", s))));
    }

    @Test
    void writesPrimitiveArraysFloatsAsTheirDoubleValueAndNonFiniteAsNull() {
        assertEquals("[1.5,-2.0]", Json.writeCompact(new double[] {1.5, -2.0}));
        assertEquals("[1,-2]", Json.writeCompact(new int[] {1, -2}));
        assertEquals("[0.10000000149011612,0.5]", Json.writeCompact(new float[] {0.1f, 0.5f}));
        assertEquals("0.10000000149011612", Json.writeCompact(0.1f));
        assertEquals("[null,null,null,1.0]", Json.writeCompact(new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.0}));
        assertEquals("[null,null]", Json.writeCompact(new float[] {Float.NaN, Float.NEGATIVE_INFINITY}));
        assertEquals("{\"x\":null,\"y\":null}", Json.writeCompact(map("x", Double.NaN, "y", Float.POSITIVE_INFINITY)));
        assertEquals("[null]", Json.writeCompact(List.of(Double.NaN)));
    }

    @Test
    void readsNonFiniteNumbersAsPythonWritesThem() {
        List<?> l = (List<?>) Json.parse("[NaN, Infinity, -Infinity]");
        assertTrue(Double.isNaN((Double) l.get(0)));
        assertEquals(Double.POSITIVE_INFINITY, (Double) l.get(1));
        assertEquals(Double.NEGATIVE_INFINITY, (Double) l.get(2));
    }

    enum Mode {
        FAST;

        @Override
        public String toString() {
            return "fast-mode";
        }
    }

    record Point(int x, int y) {
    }

    @Test
    void writesOtherObjectsAsTheirToString() {
        Path p = Path.of("runs", "a b");
        assertEquals("[\"fast-mode\",\"" + p + "\",\"Point[x=1, y=2]\",{\"fast-mode\":1}]",
                Json.writeCompact(List.of(Mode.FAST, p, new Point(1, 2), Map.of(Mode.FAST, 1))));
    }

    @Test
    void roundTripsADocument() {
        Map<String, Object> doc = map("seeds", Arrays.asList(1.0, 2.0, 3.0), "rates", map("lr", 0.003, "delay", 1e-5),
                "label", "Ünïcødé ✓", "ok", false, "gap", null, "deep", List.of(List.of(List.of(map("x", -7.25)))));
        assertEquals(doc, Json.parse(Json.write(doc)));
        assertEquals(doc, Json.parse(Json.writeCompact(doc)));
    }

    @Test
    void badInputIsRefusedWithThePlace() {
        for (String bad : new String[] {"{\"a\": 1} x", "{\"a\" 1}", "[1, 2", "\"open", "{\"a\": tru}", "[1,]", "{\"a\": 1, \"a\": 2}"}) {
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
            assertTrue(ex.getMessage().startsWith("JSON: ") && ex.getMessage().contains(" at line 1, column "), bad + " -> " + ex.getMessage());
        }
        assertEquals("JSON: trailing content at line 1, column 10", assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1} 2")).getMessage());
        assertEquals("JSON: empty document", assertThrows(IllegalArgumentException.class, () -> Json.parse("  ")).getMessage());
    }
}
