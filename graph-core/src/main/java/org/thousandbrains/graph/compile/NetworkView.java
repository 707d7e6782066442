package org.thousandbrains.graph.compile;

import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.Unit;

/**
 * A compiled graph or an edge table as a JGraphT-backed {@link Network}, built on demand: for export
 * ({@code GraphMLWriter} takes a network), for JGraphT algorithms and for inspection of a trained model.
 * The engine never needs one; each call builds a fresh network (O(N + E) objects) that shares nothing
 * with its source.
 *
 * <p>The network holds every node with its kind, activation, bias, threshold, duty cycle, gain, shift, group and unit;
 * every group ({@link NodeGroup}: k, boost, period, inference factor, observations, unit winners, overseer
 * normalization settings) and unit
 * ({@link Unit}: rec) in table order; the delay range and readout (T, K); and every synapse with its
 * weight, delay, leak and learnable bits, in table edge order. So {@code EdgeTable.of(NetworkView.of(t))}
 * gives back {@code t} array by array, and for a compiled graph
 * {@code GraphCompiler.compile(NetworkView.of(g))} compiles to {@code g} again.
 *
 * <pre>{@code
 * CompiledGraph trained = g.withParameters(w, d, lam, b);
 * GraphMLWriter.write(NetworkView.of(trained), Path.of("trained.graphml"));
 * // with trained duty cycles and observations too:
 * Network net = NetworkView.of(EdgeTable.of(g, w, d, lam, b, duty, observations));
 * }</pre>
 */
public final class NetworkView {
    private NetworkView() {
    }

    /** The network of a compiled graph, with its current parameters (see {@link EdgeTable#of(CompiledGraph)}). */
    public static Network of(CompiledGraph g) {
        return of(EdgeTable.of(g));
    }

    /**
     * The network of a table. Throws {@link IllegalArgumentException} when the table holds something a
     * {@link Network} refuses (a duplicate node id, a non-finite parameter, a group or unit name with a
     * space or ';', a duty cycle outside [0, 1], a setting out of range), naming what.
     */
    public static Network of(EdgeTable t) {
        Network net = new Network();
        net.settings().delayRange(t.dMin, t.dMax).readout(t.steps, t.readoutWindow).inputSteps(t.inputSteps);
        for (int g = 0; g < t.groupNames.length; g++) {
            NodeGroup ng = new NodeGroup(t.groupNames[g])
                    .kWinners(t.groupK[g])
                    .boost(t.groupBoost[g])
                    .period(t.groupPeriod[g])
                    .inferenceFactor(t.groupInferenceFactor[g])
                    .observations(t.groupObservations[g])
                    .unitWinners(t.groupUnitK[g])
                    .rho(t.groupRho[g])
                    .epsilon(t.groupEpsilon[g])
                    .runningMean(t.groupMean[g])
                    .runningVariance(t.groupVariance[g])
                    .batchStatistics(t.groupBatchStatistics[g]);
            net.addGroup(ng);
        }
        for (int u = 0; u < t.unitNames.length; u++) net.addUnit(new Unit(t.unitNames[u]).rec(t.unitRec[u]));
        Neuron[] nodes = new Neuron[t.nodeCount];
        for (int v = 0; v < t.nodeCount; v++) {
            Neuron x = net.addNode(t.nodeIds[v], t.kind[v], t.activation[v])
                    .bias(t.bias[v])
                    .threshold(t.threshold[v])
                    .duty(t.duty[v])
                    .gain(t.gain[v])
                    .shift(t.shift[v]);
            if (t.group[v] >= 0) x.group(t.groupNames[t.group[v]]);
            if (t.unit[v] >= 0) x.unit(t.unitNames[t.unit[v]]);
            nodes[v] = x;
        }
        for (int k = 0; k < t.edgeCount; k++) {
            net.connect(nodes[t.src[k]], nodes[t.dst[k]], t.weight[k], t.delay[k], t.leak[k])
                    .learnable(t.learnable[k] & 0xff);
        }
        return net;
    }
}
