package org.thousandbrains.graph.graphml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AttributeMappingTest {
    @Test
    void parsesTargetSourceAndScale() {
        assertEquals(new AttributeMapping("weight", "synapses", 0.001), AttributeMapping.parse("weight=synapses*0.001"));
        assertEquals(new AttributeMapping("weight", "Edge Weight", 1.0), AttributeMapping.parse(" weight = Edge Weight "));
        assertEquals(new AttributeMapping("bias", "b", -2.0), AttributeMapping.parse("bias=b*-2"));
    }

    @Test
    void refusesWhatItCannotMap() {
        for (String bad : new String[] {"weight", "=x", "kind=type", "d_min=x", "weight=", "weight=x*heavy", "weight=x*inf"}) {
            assertThrows(IllegalArgumentException.class, () -> AttributeMapping.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class,
                () -> new GraphMLReader().map(AttributeMapping.parse("weight=a")).map(AttributeMapping.parse("weight=b")));
    }
}
