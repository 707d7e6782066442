package org.thousandbrains.it.graphml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.Synapse;
import org.thousandbrains.graph.topology.Unit;

/** Field-by-field equality of two networks, doubles compared by their bits (so -0.0 differs from 0.0). */
final class NetworkAssert {
    private NetworkAssert() {
    }

    static void assertSameNetwork(Network want, Network got, String context) {
        assertBits(want.settings().dMin(), got.settings().dMin(), context + ": d_min");
        assertBits(want.settings().dMax(), got.settings().dMax(), context + ": d_max");
        assertEquals(new ArrayList<>(want.groups().keySet()), new ArrayList<>(got.groups().keySet()), context + ": groups");
        for (NodeGroup g : want.groups().values()) {
            NodeGroup h = got.groups().get(g.name());
            assertEquals(g.kWinners(), h.kWinners(), context + ": group k");
            assertBits(g.boost(), h.boost(), context + ": group boost");
            assertEquals(g.unitWinners(), h.unitWinners(), context + ": group unitK");
            assertBits(g.rho(), h.rho(), context + ": group rho");
            assertBits(g.epsilon(), h.epsilon(), context + ": group eps");
            assertBits(g.runningMean(), h.runningMean(), context + ": group running mean");
            assertBits(g.runningVariance(), h.runningVariance(), context + ": group running variance");
            assertEquals(g.batchStatistics(), h.batchStatistics(), context + ": group stats");
        }
        assertEquals(new ArrayList<>(want.units().keySet()), new ArrayList<>(got.units().keySet()), context + ": units");
        for (Unit u : want.units().values()) assertEquals(u.rec(), got.units().get(u.name()).rec(), context + ": unit rec");
        assertEquals(want.metadata(), got.metadata(), context + ": graph metadata");

        List<Neuron> wn = new ArrayList<>(want.nodes());
        List<Neuron> gn = new ArrayList<>(got.nodes());
        assertEquals(wn.size(), gn.size(), context + ": node count");
        for (int i = 0; i < wn.size(); i++) {
            Neuron a = wn.get(i);
            Neuron b = gn.get(i);
            String at = context + ": node #" + i + " '" + a.id() + "'";
            assertEquals(a.id(), b.id(), at + " id");
            assertEquals(a.kind(), b.kind(), at + " kind");
            assertEquals(a.activation(), b.activation(), at + " activation");
            assertBits(a.bias(), b.bias(), at + " bias");
            assertBits(a.threshold(), b.threshold(), at + " threshold");
            assertBits(a.duty(), b.duty(), at + " duty");
            assertBits(a.gain(), b.gain(), at + " gain");
            assertBits(a.shift(), b.shift(), at + " shift");
            assertEquals(a.group(), b.group(), at + " group");
            assertEquals(a.unit(), b.unit(), at + " unit");
            assertEquals(a.metadata(), b.metadata(), at + " metadata");
        }
        List<Synapse> ws = new ArrayList<>(want.synapses());
        List<Synapse> gs = new ArrayList<>(got.synapses());
        assertEquals(ws.size(), gs.size(), context + ": synapse count");
        for (int i = 0; i < ws.size(); i++) {
            Synapse a = ws.get(i);
            Synapse b = gs.get(i);
            String at = context + ": synapse #" + i;
            assertEquals(want.source(a).id(), got.source(b).id(), at + " source");
            assertEquals(want.target(a).id(), got.target(b).id(), at + " target");
            assertBits(a.weight(), b.weight(), at + " weight");
            assertBits(a.delay(), b.delay(), at + " delay");
            assertBits(a.leak(), b.leak(), at + " leak");
            assertEquals(a.learnable(), b.learnable(), at + " learnable");
            assertEquals(a.id(), b.id(), at + " id");
            assertEquals(a.metadata(), b.metadata(), at + " metadata");
        }
    }

    private static void assertBits(double want, double got, String what) {
        assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got), what + ": " + want + " vs " + got);
    }
}
