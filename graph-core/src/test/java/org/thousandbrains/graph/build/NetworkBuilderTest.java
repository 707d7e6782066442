package org.thousandbrains.graph.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.thousandbrains.graph.compile.TopologyException;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Synapse;
import org.thousandbrains.graph.topology.Unit;

class NetworkBuilderTest {

    @Test
    void readsLikeTheGraph() {
        Network net = NetworkBuilder.create()
                .delayRange(0, 8)
                .node("a").input()
                .node("b").activation(Activation.TANH).bias(0.1).threshold(0.2).group("g").unit("u")
                .node("c").output()
                .edge("a", "b").weight(0.5).delay(2).leak(0.3).learnable("weight,leak").id("e1")
                .edge("b", "b").weight(-0.2)
                .edge("b", "c").delay(0)
                .declare(new NodeGroup("g2"))
                .declare(new Unit("u2").rec(3))
                .build();
        assertEquals(3, net.nodeCount());
        assertEquals(NodeKind.INPUT, net.node("a").kind());
        assertEquals(Activation.IDENTITY, net.node("a").activation());
        assertEquals(NodeKind.OUTPUT, net.node("c").kind());
        assertEquals(Activation.TANH, net.node("b").activation());
        assertEquals(0.1, net.node("b").bias());
        assertEquals(0.2, net.node("b").threshold());
        assertEquals(List.of("g", "g2"), List.copyOf(net.groups().keySet()));
        assertEquals(3, net.units().get("u2").rec());
        Synapse[] s = net.synapses().toArray(new Synapse[0]);
        assertEquals(0.5, s[0].weight());
        assertEquals(2.0, s[0].delay());
        assertEquals(0.3, s[0].leak());
        assertEquals(Learnable.WEIGHT | Learnable.LEAK, s[0].learnable());
        assertEquals("e1", s[0].id());
        assertEquals(1.0, s[1].delay(), "edges default to delay 1");
        assertEquals(Learnable.ALL, s[1].learnable());
        assertEquals(0.0, s[2].delay());
        assertEquals(0.0, net.settings().dMin());
    }

    @Test
    void buildValidatesAndKeepsWarnings() {
        NetworkBuilder b = NetworkBuilder.create();
        b.node("x").input().node("y").output().build();
        assertEquals(List.of("output node 'y' has no in-edges: it only reads its bias"), b.warnings());
        TopologyException e = assertThrows(TopologyException.class, () -> NetworkBuilder.create()
                .delayRange(0, 8)
                .node("p").node("q")
                .edge("p", "q").delay(0)
                .edge("q", "p").delay(0.5)
                .build());
        assertTrue(e.getMessage().contains("cycle: q -> p -> q"), e.getMessage());
    }

    @Test
    void mistakesAreNamed() {
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> NetworkBuilder.create().node("a").node("a"));
        assertTrue(dup.getMessage().contains("'a'"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> NetworkBuilder.create().node("a").edge("a", "zz"));
        assertTrue(missing.getMessage().contains("'zz'"));
        assertThrows(IllegalArgumentException.class, () -> NetworkBuilder.create().node("a").edge("a", "a").learnable("speed"));
    }
}
