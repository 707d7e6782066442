package org.thousandbrains.graph.build;

import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.NodeKind;

/** One layer recorded by {@link LayeredNetwork.Builder}: its group, nodes and how it is wired to the previous layer. */
final class LayerSpec {
    final String name;
    final NodeKind kind;
    final int size;
    final Activation activation;
    /** Fraction of the previous layer each node keeps as inputs (1 = dense). */
    final double density;
    /** Number of units (0 = a plain layer) and neurons per unit. */
    final int units;
    final int unitSize;
    final int unitWinners;
    final int rec;
    int kWinners;
    double boost;
    /** Initial leak of the lateral edges between neighbouring units, or NaN for none. */
    double lateralLeak = Double.NaN;
    /** Overseer normalization on this layer; its overseer node feeds the next layer; batch statistics in training. */
    boolean overseen;
    boolean overseerFeedsNext;
    boolean batchStatistics;

    private LayerSpec(String name, NodeKind kind, int size, Activation activation, double density, int units,
                      int unitSize, int unitWinners, int rec) {
        this.name = name;
        this.kind = kind;
        this.size = size;
        this.activation = activation;
        this.density = density;
        this.units = units;
        this.unitSize = unitSize;
        this.unitWinners = unitWinners;
        this.rec = rec;
    }

    static LayerSpec plain(String name, NodeKind kind, int size, Activation activation, double density) {
        return new LayerSpec(name, kind, size, activation, density, 0, 0, 0, 1);
    }

    static LayerSpec units(String name, int units, int unitSize, int unitWinners, int rec, Activation activation) {
        return new LayerSpec(name, NodeKind.NEURON, units * unitSize, activation, 1.0, units, unitSize, unitWinners, rec);
    }

    boolean hasUnits() { return units > 0; }
    boolean hasLateral() { return !Double.isNaN(lateralLeak); }
    String nodeId(int i) { return name + ":" + i; }
    String unitName(int u) { return name + ".u" + u; }
    String overseerId() { return name + ":overseer"; }

    /** How many of {@code fanIn} previous-layer nodes each node of this layer receives from: max(1, round(density·fanIn)). */
    int keep(int fanIn) {
        return (int) Math.max(1, Math.min(fanIn, Math.round(density * fanIn)));
    }
}
