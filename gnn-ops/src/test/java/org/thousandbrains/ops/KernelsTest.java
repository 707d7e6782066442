package org.thousandbrains.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Kernels reports what this JVM has: the test JVM runs with jdk.incubator.vector and the raised JIT trap limit
 * (the parent pom's argLine).
 */
class KernelsTest {
    @Test
    void reportsTheVectorApiKernelsWithTheMachinesLanes() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "test JVM without the module");
        Kernels k = Kernels.current();
        assertTrue(k.vectorApi());
        assertEquals(jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length(), k.lanes());
        assertTrue(k.trapLimitRaised(), "the argLine's -XX:PerMethodTrapLimit=" + Kernels.TRAP_LIMIT + " not seen");
        assertEquals("float32 kernels: Vector API, " + k.lanes() + " float lanes (batches B >= " + k.lanes()
                + "); float64: scalar", k.toString());
    }

    @Test
    void anOperatorNamesItsKernels() {
        var net = org.thousandbrains.graph.build.LayeredNetwork.builder().inputs(2)
                .dense(3, org.thousandbrains.graph.topology.Activation.RELU).outputs(1).build();
        TemporalOperator op = TemporalOperator.of(org.thousandbrains.graph.compile.GraphCompiler.compile(net));
        assertTrue(op.toString().contains("FLOAT32 (Vector API for B >= " + Kernels.current().lanes() + ")"), op.toString());
        assertTrue(op.precision(Precision.FLOAT64).toString().contains("FLOAT64, threads="), op.toString());
    }
}
