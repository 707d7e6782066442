package org.thousandbrains.api;

import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.sim.Connectomes;
import org.thousandbrains.sim.Simulation;

/**
 * Entry points for running a graph over time (package {@code org.thousandbrains.sim}):
 *
 * <pre>{@code
 * SimulationResult r = Simulations.celegans().steps(200).run();   // sensory neurons driven, constant 1
 * Simulations.of(network).drive("in0,in1").pattern(Drive.pulse(1, 5, 3)).run();
 * }</pre>
 */
public final class Simulations {
    private Simulations() {
    }

    /** A simulation of a network (drive still to choose). */
    public static Simulation of(Network network) {
        return Simulation.of(network);
    }

    /** A simulation of a compiled graph (drive still to choose). */
    public static Simulation of(CompiledGraph graph) {
        return Simulation.of(graph);
    }

    /** The shipped C. elegans connectome ({@link Connectomes#celegans()}) with its sensory neurons driven. */
    public static Simulation celegans() {
        return Simulation.of(Connectomes.celegans()).drive(Connectomes.ROLE + "=" + Connectomes.SENSORY);
    }
}
