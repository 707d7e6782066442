/**
 * Simulation of a graph over time — the connectome path: {@link org.thousandbrains.sim.Simulation}
 * drives chosen nodes ({@link org.thousandbrains.sim.Drive}) through the one temporal operator,
 * with weights scaled so that states stay bounded ({@link org.thousandbrains.sim.Normalization}),
 * and returns a {@link org.thousandbrains.sim.SimulationResult} (activity, firing raster, per-step
 * time). {@link org.thousandbrains.sim.Connectomes} holds the shipped C. elegans connectome and
 * {@link org.thousandbrains.sim.ConnectomeDefaults} the delays and signs of chemical and electrical
 * synapses.
 */
package org.thousandbrains.sim;
