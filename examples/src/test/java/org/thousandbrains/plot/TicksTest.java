package org.thousandbrains.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TicksTest {
    @Test
    void accuracyRangeGetsStepsOfTwoTenths() {
        // range 0.889 rounds up to 1; 1/5 = 0.2 is already nice
        Ticks t = Ticks.nice(0, 0.889, 6);
        assertEquals(0.2, t.step(), 1e-12);
        assertEquals(0, t.min(), 1e-12);
        assertEquals(1, t.max(), 1e-12);
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0}, t.values(), 1e-12);
        assertEquals("0.4", t.label(0.4));
    }

    @Test
    void epochsOneToTenGetUnitSteps() {
        // range 9 -> nice 10; 10/7 = 1.43 rounds to 1
        Ticks t = Ticks.nice(1, 10, 8);
        assertEquals(1, t.step(), 1e-12);
        assertEquals(1, t.min(), 1e-12);
        assertEquals(10, t.max(), 1e-12);
        assertEquals("7", t.label(7));
    }

    @Test
    void degenerateRangeIsPaddedAndEnclosed() {
        Ticks t = Ticks.nice(5, 5, 5);
        assertTrue(t.min() < 5 && t.max() > 5);
        double mantissa = t.step() / Math.pow(10, Math.floor(Math.log10(t.step())));
        assertTrue(Math.abs(mantissa - 1) < 1e-9 || Math.abs(mantissa - 2) < 1e-9 || Math.abs(mantissa - 5) < 1e-9,
                "step " + t.step());
        assertEquals("-1", Ticks.nice(0, 0, 3).label(-1));
        assertThrows(IllegalArgumentException.class, () -> Ticks.nice(0, Double.POSITIVE_INFINITY, 5));
    }
}
