package org.thousandbrains.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.thousandbrains.graph.build.NetworkBuilder;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;

/** The layered layout of a drawing, checked on a graph whose columns are known by hand. */
class NetworkDrawingTest {
    @Test
    void columnsAreTheDistanceFromTheInputsWithOutputsLast() {
        // a → h → g → y, a → y (a short cut: y still goes to the last column), r → r → y (r reached from no input)
        Network net = NetworkBuilder.create()
                .node("a").input().node("h").node("g").node("r").node("y").output()
                .edge("a", "h").edge("h", "g").edge("g", "y").edge("a", "y").edge("r", "r").edge("r", "y")
                .build();
        Map<Neuron, Integer> col = NetworkDrawing.columns(net);
        assertEquals(0, col.get(net.node("a")));
        assertEquals(1, col.get(net.node("h")));
        assertEquals(2, col.get(net.node("g")));
        assertEquals(3, col.get(net.node("r")), "unreached: after the deepest reached node");
        assertEquals(4, col.get(net.node("y")), "outputs: a column of their own, last");
        Map<Neuron, double[]> at = NetworkDrawing.layout(net);
        assertEquals(0.5, at.get(net.node("h"))[1], "a node alone in its column is centred");
    }
}
