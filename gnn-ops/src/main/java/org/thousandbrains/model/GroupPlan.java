package org.thousandbrains.model;

import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.NodeKind;

/**
 * One node group of a layered model, in evaluation order: its nodes (dense indices of the compiled
 * graph, in node order; column {@code j} of the group's state is node {@code nodes[j]}), role,
 * activation and competition settings.
 *
 * @param unitOf       unit (0-based, local to the group) of each column, or null when the group has no units
 * @param rec          inner recursions of the group's units (1 without units)
 * @param unitWinners  active units per sample (0: no unit competition)
 * @param kWinners     k of the neuron k-WTA (0: none)
 * @param boost        duty-cycle boost strength of the k-WTA
 */
public record GroupPlan(String name, int[] nodes, NodeKind kind, Activation activation, double[] threshold,
                        int[] unitOf, int rec, int unitWinners, int kWinners, double boost) {
    public int size() { return nodes.length; }
    public boolean isInput() { return kind == NodeKind.INPUT; }
    public boolean isOutput() { return kind == NodeKind.OUTPUT; }
    public boolean hasUnits() { return unitOf != null; }
}
