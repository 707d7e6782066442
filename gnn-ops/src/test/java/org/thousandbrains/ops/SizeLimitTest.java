package org.thousandbrains.ops;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Unit;

/** A product of sizes beyond one Java array is refused by message before anything that large is allocated. */
class SizeLimitTest {
    @Test
    void aUnitWhoseInteriorMatrixOverflowsIntIsRefused() {
        Network net = new Network();
        net.addUnit(new Unit("big"));
        int m = 46_341; // m² = 2,147,488,281 > 2^31 - 9
        for (int i = 0; i < m; i++) net.addNode("v" + i, NodeKind.NEURON).unit("big");
        CompiledGraph g = GraphCompiler.compile(net);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TemporalOperator.of(g).forward(null, 1, 1, null).close());
        assertTrue(e.getMessage().startsWith("interior matrix of unit 0 (46341 members, squared) = 2147488281 values exceeds one Java array"),
                e.getMessage());
    }
}
