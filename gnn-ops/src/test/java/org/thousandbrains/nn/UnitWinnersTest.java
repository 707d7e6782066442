package org.thousandbrains.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.autodiff.Tape;
import org.thousandbrains.autodiff.Var;

class UnitWinnersTest {
    @Test
    void topUnitsByMeanActivityStayActive() {
        // units: {0,1} {2,3,4} {5}; row means 1.5, 1, 4 -> with k=2 units 2 and 0 win
        UnitWinners uw = new UnitWinners(new int[] {0, 0, 1, 1, 1, 2}, 2);
        assertArrayEquals(new float[] {1, 1, 0, 0, 0, 1}, uw.winners(new float[] {1, 2, 0, 0, 3, 4}, 1));
        // ties at the threshold: means 1, 1, 0 -> both tied units stay
        UnitWinners one = new UnitWinners(new int[] {0, 0, 1, 1, 2, 2}, 1);
        assertArrayEquals(new float[] {1, 1, 1, 1, 0, 0}, one.winners(new float[] {2, 0, 1, 1, 0, 0}, 1));
    }

    @Test
    void interleavedUnitsAndGradientToActiveMembers() {
        UnitWinners uw = new UnitWinners(new int[] {0, 1, 0, 1}, 1);
        Tape tape = new Tape();
        Var x = tape.variable(Nd4j.create(new float[][] {{1, 5, 1, 5}, {3, 0, 3, 1}}).castTo(DataType.FLOAT));
        Var y = uw.apply(x);
        assertArrayEquals(new float[] {0, 5, 0, 5, 3, 0, 3, 0}, y.value().data().asFloat());
        tape.backward(y.mul(tape.constant(Nd4j.create(new float[][] {{1, 2, 3, 4}, {5, 6, 7, 8}}).castTo(DataType.FLOAT))).sum());
        assertArrayEquals(new float[] {0, 2, 0, 4, 5, 0, 7, 0}, x.grad().data().asFloat());
    }

    @Test
    void refusesEmptyUnitsAndBadK() {
        assertThrows(IllegalArgumentException.class, () -> new UnitWinners(new int[] {0, 2}, 1));
        assertThrows(IllegalArgumentException.class, () -> new UnitWinners(new int[] {0, 1}, 3));
    }
}
