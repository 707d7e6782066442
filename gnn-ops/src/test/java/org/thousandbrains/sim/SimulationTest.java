package org.thousandbrains.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.ops.Precision;

/** Simulations whose states are computed by hand (DESIGN.md "The computation"). */
class SimulationTest {
    /** a ⇄ b: a → b (weight 0.5, delay 1), b → a (weight 0.5, delay 2), a driven by a constant 1; relu. */
    private static Network loop() {
        Network net = new Network();
        net.addNode("a", NodeKind.NEURON);
        net.addNode("b", NodeKind.NEURON);
        net.connect("a", "b").weight(0.5).delay(1);
        net.connect("b", "a").weight(0.5).delay(2);
        return net;
    }

    @Test
    void twoNodeLoopFollowsTheHandComputedStates() {
        // x_a(t) = 1 + 0.5 x_b(t-2), x_b(t) = 0.5 x_a(t-1), x(t <= 0) = 0
        double[] a = {1, 1, 1, 1.25, 1.25, 1.25, 1.3125, 1.3125};
        double[] b = {0, 0.5, 0.5, 0.5, 0.625, 0.625, 0.625, 0.65625};
        for (Precision p : Precision.values()) {
            SimulationResult r = Simulation.of(loop()).steps(a.length).drive("a").normalization(Normalization.none())
                    .precision(p).run();
            assertArrayEquals(new double[] {1, 1}, r.weightScale());
            assertArrayEquals(new String[] {"a", "b"}, r.recordedIds());
            for (int t = 1; t <= a.length; t++) {
                assertEquals(a[t - 1], r.activity(t, 0), 1e-6, p + " a at step " + t);
                assertEquals(b[t - 1], r.activity(t, 1), 1e-6, p + " b at step " + t);
                assertEquals((a[t - 1] + b[t - 1]) / 2, r.meanActivity()[t - 1], 1e-6);
                assertEquals(b[t - 1] > 0 ? 1.0 : 0.5, r.fractionFiring()[t - 1], 0.0, "firing: state > 0");
            }
        }
        // the fixed point a = 1 + a/4
        SimulationResult r = Simulation.of(loop()).steps(200).drive("a").normalization(Normalization.none()).run();
        assertEquals(4.0 / 3, r.activity(200, 0), 1e-6);
    }

    @Test
    void pulseThroughAChainWithWholeAndFractionalDelaysUnderInStrengthScaling() {
        Network net = new Network();
        for (String id : new String[] {"n0", "n1", "n2"}) net.addNode(id, NodeKind.NEURON);
        net.connect("n0", "n1").weight(2).delay(3);
        net.connect("n1", "n2").weight(1).delay(1.5);
        // in-strength 0.9 at n1 (factor 0.9/2) and n2 (factor 0.9): x1(4) = 0.9·x0(1), x2(t) = 0.9·(x1(t-1) + x1(t-2))/2
        SimulationResult r = Simulation.of(net).steps(8).drive("n0").pattern(Drive.pulse(1, 1, 1)).run();
        assertArrayEquals(new double[] {1, 0.45, 0.9}, r.weightScale(), 1e-15, "n0 has no in-edges");
        double[][] expected = {
            {1, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0.9, 0}, {0, 0, 0.405}, {0, 0, 0.405}, {0, 0, 0}, {0, 0, 0}};
        for (int t = 1; t <= 8; t++) {
            for (int v = 0; v < 3; v++) {
                assertEquals(expected[t - 1][v], r.activity(t, v), 1e-6, "node " + v + " at step " + t);
                assertEquals(expected[t - 1][v] > 0, r.fired(t, v), "firing of node " + v + " at step " + t);
            }
        }
        SimulationResult high = Simulation.of(net).steps(8).drive("n0").pattern(Drive.pulse(1, 1, 1)).threshold(0.5).run();
        assertTrue(high.fired(4, 1));
        assertFalse(high.fired(5, 2), "0.405 is below the threshold 0.5");
    }

    @Test
    void spectralRadiusOfTheLoopCountsLeakyTracesAtTheirGain() {
        Network net = loop();
        // eigenvalues of [[0, 0.5], [0.5, 0]] are ±0.5: radius 0.5
        assertArrayEquals(new double[] {1.8, 1.8}, Simulation.of(net).normalization(Normalization.spectralRadius(0.9)).drive("a").steps(1).run()
                .weightScale(), 1e-9);
        // a leak 0.5 on b -> a doubles that edge's gain: radius sqrt(0.5 · 1) = 0.7071
        net.synapses().stream().filter(s -> net.source(s).id().equals("b")).forEach(s -> s.leak(0.5));
        assertEquals(0.9 / Math.sqrt(0.5), Simulation.of(net).normalization(Normalization.spectralRadius(0.9)).drive("a").steps(1).run()
                .weightScale()[0], 1e-9);
        // in-strength: a gets 0.5/(1 - 0.5) = 1 from b, b gets 0.5 from a
        assertArrayEquals(new double[] {0.9, 1.8}, Simulation.of(net).drive("a").steps(1).run().weightScale(), 1e-12);
    }

    @Test
    void driveSelectionNamesWhatItCannotFind() {
        Simulation s = Simulation.of(loop());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.drive("a,zz"));
        assertTrue(e.getMessage().contains("'zz'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.drive("role=S"));
        assertTrue(e.getMessage().contains("'role=S' selects no node"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Simulation.of(loop()).run(), "no drive chosen");
        assertArrayEquals(new int[] {0, 1}, Simulation.of(loop()).drive("b,a,all").steps(1).run().driven());
    }

    @Test
    void drivePatterns() {
        assertEquals("poisson:1.0,0.2,7", Drive.parse("poisson:1,0.2,7").toString());
        assertEquals("pulse:2.0,3,4", Drive.parse("pulse:2,3,4").toString());
        assertEquals("constant:1.0", Drive.parse("constant").toString());
        assertThrows(IllegalArgumentException.class, () -> Drive.parse("poisson:1"));
        assertThrows(IllegalArgumentException.class, () -> Drive.poisson(1, 1.5, 0));
        // a lone driven node with no in-edges shows the drive itself: rate 0.3 over 4000 steps, same seed same train
        Network net = new Network();
        net.addNode("x", NodeKind.NEURON);
        SimulationResult r1 = Simulation.of(net).steps(4000).drive("x").pattern(Drive.poisson(2, 0.3, 11)).run();
        SimulationResult r2 = Simulation.of(net).steps(4000).drive("x").pattern(Drive.poisson(2, 0.3, 11)).run();
        int on = 0;
        for (int t = 1; t <= 4000; t++) {
            double x = r1.activity(t, 0);
            assertTrue(x == 0 || x == 2, "amplitude or nothing");
            if (x > 0) on++;
            assertEquals(x, r2.activity(t, 0));
        }
        // binomial(4000, 0.3): sd 29; 5 sd
        assertEquals(1200, on, 145);
    }
}
