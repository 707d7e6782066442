package org.thousandbrains.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.thousandbrains.graph.build.LayeredNetwork;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.topology.Activation;

/** Duty-cycle updates worked out by hand (DESIGN.md: L ← L + n, P' = min(P, L), δ ← (δ(P' − n) + wins)/P'). */
class GroupStateTest {
    private static GroupState state(int period) {
        var net = LayeredNetwork.builder().inputs(2).dense(4, Activation.RELU).kWinners(0.5).outputs(1).build();
        net.groups().values().forEach(g -> { if (g.kWinners() > 0) g.period(period); });
        CompiledGraph g = GraphCompiler.compile(net);
        return TemporalOperator.of(g).groupState();
    }

    @Test
    void theRunningAverageFollowsTheFormula() {
        GroupState s = state(10);
        s.update(4, new long[] {4, 2, 0, 2});      // L = 4, P' = 4: δ = wins / 4
        assertEquals(1.0, s.duty()[0], 0);
        assertEquals(0.5, s.duty()[1], 0);
        assertEquals(0.0, s.duty()[2], 0);
        s.update(4, new long[] {0, 4, 4, 0});      // L = 8, P' = 8: δ = (δ·4 + wins) / 8
        assertEquals(0.5, s.duty()[0], 0);
        assertEquals(0.75, s.duty()[1], 0);
        assertEquals(0.5, s.duty()[2], 0);
        s.update(4, new long[] {0, 0, 0, 4});      // L = 12, P' = 10: δ = (δ·6 + wins) / 10
        assertEquals(0.3, s.duty()[0], 1e-15);
        assertEquals(0.45, s.duty()[1], 1e-15);
        assertEquals(12, s.observations()[0]);
    }

    @Test
    void aPassLongerThanThePeriodGivesItsOwnRateNotANegativeDutyCycle() {
        GroupState s = state(10);
        s.update(4, new long[] {4, 4, 4, 4});
        s.update(40, new long[] {10, 20, 0, 40});  // n = 40 > P' = 10
        assertEquals(0.25, s.duty()[0], 0);
        assertEquals(0.5, s.duty()[1], 0);
        assertEquals(0.0, s.duty()[2], 0);
        assertEquals(1.0, s.duty()[3], 0);
    }

    @Test
    void boostDecaysPerCallAndRefusesNonsense() {
        GroupState s = state(10);
        double beta = s.boost()[0];
        s.decayBoost(0.9);
        s.decayBoost(0.9);
        assertEquals(beta * 0.9 * 0.9, s.boost()[0], 1e-15);
        assertThrows(IllegalArgumentException.class, () -> s.decayBoost(Double.NaN));
    }
}
