package org.thousandbrains.graph.graphml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Record arrays grow to the one-array limit and then refuse by message (checked on the numbers, nothing allocated). */
class GrowthTest {
    @Test
    void doublesThenStopsAtTheArrayLimitThenRefuses() {
        assertEquals(512, Growth.next(256, "edges"));
        assertEquals(Integer.MAX_VALUE - 8, Growth.next(1 << 30, "edges"), "2^31 would overflow: capped");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Growth.next(Integer.MAX_VALUE - 8, "edges"));
        assertEquals("more than 2,147,483,639 edges: beyond the 2^31 - 9 one graph holds (every column is one Java array)", e.getMessage());
    }
}
