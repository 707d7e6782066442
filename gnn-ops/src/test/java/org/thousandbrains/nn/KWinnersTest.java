package org.thousandbrains.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.autodiff.Tape;
import org.thousandbrains.autodiff.Var;

/** k-WTA and duty-cycle boosting against cases worked out by hand from nupic.torch's formulas. */
class KWinnersTest {
    private static INDArray rows(float[][] v) {
        return Nd4j.create(v).castTo(DataType.FLOAT);
    }

    @Test
    void tiesAtTheThresholdAllWin() {
        KWinners kw = new KWinners("h", 5, 2, 0.0, 1000);
        // 2nd largest of {3,1,3,2,3} is 3: the three 3s win, more than k
        assertArrayEquals(new float[] {1, 0, 1, 0, 1}, kw.winners(new float[] {3, 1, 3, 2, 3}, 1));
        // 2nd largest of {5,4,4,1,0} is 4: both 4s win with the 5
        assertArrayEquals(new float[] {1, 1, 1, 0, 0}, kw.winners(new float[] {5, 4, 4, 1, 0}, 1));
    }

    @Test
    void winnersPerRowAndNegativeWinnersKeepTheirValue() {
        KWinners kw = new KWinners("h", 4, 2, 1.5, 1000); // duty cycles all 0: equal boost factors
        Tape tape = Tape.inference();
        Var out = kw.apply(tape.constant(rows(new float[][] {{1, -2, 3, 0.5f}, {-1, -2, -3, -4}})));
        // row 0: 3 and 1 win; row 1: -1 and -2 win and pass as they are (no ReLU)
        assertArrayEquals(new float[] {1, 0, 3, 0, -1, -2, 0, 0}, out.value().data().asFloat());
    }

    @Test
    void boostingChangesTheWinner() {
        KWinners kw = new KWinners("h", 4, 1, 1.5, 1000);
        kw.setState(new float[] {0.5f, 0, 0, 0}, 1000);
        // target density 1/4: factors exp(1.5(0.25-0.5)) = 0.6873 for unit 0, exp(0.375) = 1.4550 otherwise.
        // scores: 1·0.6873 = 0.687 < 0.6·1.4550 = 0.873, so unit 1 wins although x0 > x1.
        float[] f = kw.boostFactors();
        assertEquals(Math.exp(-0.375), f[0], 1e-6);
        assertEquals(Math.exp(0.375), f[1], 1e-6);
        assertArrayEquals(new float[] {0, 1, 0, 0}, kw.winners(new float[] {1.0f, 0.6f, 0.2f, 0.1f}, 1));
        // the winner passes its real value, not the boosted score
        Var out = kw.apply(Tape.inference().constant(rows(new float[][] {{1.0f, 0.6f, 0.2f, 0.1f}})));
        assertArrayEquals(new float[] {0, 0.6f, 0, 0}, out.value().data().asFloat());
        // without the boost unit 0 would have won
        assertArrayEquals(new float[] {1, 0, 0, 0}, new KWinners("h", 4, 1, 0.0, 1000).winners(new float[] {1.0f, 0.6f, 0.2f, 0.1f}, 1));
    }

    @Test
    void dutyCycleOverSeveralBatches() {
        KWinners kw = new KWinners("h", 3, 1, 0.0, 4);
        Tape t1 = new Tape();
        kw.apply(t1.variable(rows(new float[][] {{1, 0, 0}, {0, 2, 0}})));
        // samples 2, period min(4, 2) = 2: d = (0·0 + [1,1,0]) / 2
        assertArrayEquals(new float[] {0.5f, 0.5f, 0}, kw.dutyCycle(), 1e-7f);
        assertEquals(2, kw.learningIterations());
        kw.apply(new Tape().variable(rows(new float[][] {{0, 0, 5}, {0, 0, 1}})));
        // samples 4, period 4: d = ([.5,.5,0]·2 + [0,0,2]) / 4
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.5f}, kw.dutyCycle(), 1e-7f);
        kw.apply(new Tape().variable(rows(new float[][] {{3, 0, 0}})));
        // samples 5, period min(4, 5) = 4: d = ([.25,.25,.5]·3 + [1,0,0]) / 4
        assertArrayEquals(new float[] {0.4375f, 0.1875f, 0.375f}, kw.dutyCycle(), 1e-7f);
        kw.apply(new Tape().variable(rows(new float[][] {{-1, -2, -3}})));
        // the winner -1 is not > 0 and does not count: d = d·3/4
        assertArrayEquals(new float[] {0.328125f, 0.140625f, 0.28125f}, kw.dutyCycle(), 1e-7f);
        assertEquals(6, kw.learningIterations());
    }

    @Test
    void gradientReachesWinnersOnly() {
        KWinners kw = new KWinners("h", 4, 2, 0.0, 1000);
        Tape tape = new Tape();
        Var x = tape.variable(rows(new float[][] {{0.1f, 4, -1, 2}, {7, 6, 5, -8}}));
        Var c = tape.constant(rows(new float[][] {{1, 2, 3, 4}, {5, 6, 7, 8}}));
        tape.backward(kw.apply(x).mul(c).sum());
        assertArrayEquals(new float[] {0, 2, 0, 4, 5, 6, 0, 0}, x.grad().data().asFloat());
    }

    @Test
    void evaluationLeavesTheDutyCyclesAlone() {
        KWinners kw = new KWinners("h", 3, 1, 1.5, 1000);
        kw.setState(new float[] {0.2f, 0.3f, 0.5f}, 77);
        INDArray x = rows(new float[][] {{1, 2, 3}});
        kw.apply(Tape.inference().constant(x));
        kw.apply(new Tape().variable(x), false);
        assertArrayEquals(new float[] {0.2f, 0.3f, 0.5f}, kw.dutyCycle());
        assertEquals(77, kw.learningIterations());
        // evaluation still boosts: factors exp(1.5(1/3 - d)) = 1.1331, 0.9512, 0.7165 -> scores 1.133, 1.902, 2.150
        assertArrayEquals(new float[] {0, 0, 1}, kw.winners(new float[] {1, 2, 3}, 1));
        assertArrayEquals(new float[] {0, 1, 0}, kw.winners(new float[] {1, 2.5f, 3}, 1)); // 2.378 > 2.150
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new KWinners("h", 4, 0));
        assertThrows(IllegalArgumentException.class, () -> new KWinners("h", 4, 5));
        KWinners kw = new KWinners("h", 4, 2);
        assertThrows(IllegalArgumentException.class, () -> kw.winners(new float[5], 1));
        assertThrows(IllegalArgumentException.class, () -> kw.apply(Tape.inference().constant(Nd4j.zeros(DataType.FLOAT, 2, 3))));
    }
}
