package org.thousandbrains.sim;

import java.util.Locale;
import java.util.Map;

import org.thousandbrains.graph.topology.Attribute;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.Synapse;

/**
 * Synapse delays and signs for an imported connectome, from the attributes connectome files carry:
 * the synapse type of an edge ({@code synapse_type} C/E as in the NeuroData files, or {@code type}
 * chemical/electrical as in OpenWorm's), a node position ({@code soma_pos}, the soma's place along
 * the body axis) and a node's transmitters ({@code neurotransmitters}).
 *
 * <ul>
 * <li>electrical synapses (gap junctions) get delay 1, the shortest a synapse inside a loop may have
 *     (each gap junction is a pair of opposite synapses);</li>
 * <li>chemical synapses get {@code min + (max − min)·|pos_u − pos_v|/span} steps (default 2 to 5, span
 *     = the range of positions), slower than gap junctions and slower over longer distances; without
 *     positions, {@code min};</li>
 * <li>chemical synapses from a neuron whose transmitters include GABA get a negative weight
 *     (inhibitory), the others keep theirs.</li>
 * </ul>
 * Edges without a recognised type keep their delay and weight. Weights otherwise stay what the file
 * gives (synapse counts); {@link Normalization} scales them for a simulation.
 */
public final class ConnectomeDefaults {
    /** Edge attributes read as the synapse type, in this order. */
    static final String[] TYPE_ATTRIBUTES = {"synapse_type", "type"};
    static final String POSITION = "soma_pos";
    static final String TRANSMITTERS = "neurotransmitters";

    private double chemicalMin = 2;
    private double chemicalMax = 5;
    private double electrical = 1;
    private String inhibitory = "GABA";

    private ConnectomeDefaults() {
    }

    /** Electrical 1, chemical 2 to 5 steps by distance, GABA inhibitory. */
    public static ConnectomeDefaults standard() {
        return new ConnectomeDefaults();
    }

    /** Chemical delays from {@code min} (same position, or no positions) to {@code max} (the full span). */
    public ConnectomeDefaults chemicalDelays(double min, double max) {
        if (!(min >= 1 && max >= min)) throw new IllegalArgumentException("chemical delays need 1 <= min <= max, got " + min + ", " + max);
        this.chemicalMin = min;
        this.chemicalMax = max;
        return this;
    }

    /** Delay of electrical synapses (at least 1: gap junctions form two-node loops). */
    public ConnectomeDefaults electricalDelay(double d) {
        if (!(d >= 1)) throw new IllegalArgumentException("electrical delay must be >= 1, got " + d);
        this.electrical = d;
        return this;
    }

    /** The transmitter whose neurons' chemical synapses turn negative (null: none). */
    public ConnectomeDefaults inhibitory(String transmitter) {
        this.inhibitory = transmitter;
        return this;
    }

    /** What {@link #apply} changed. */
    public record Applied(int chemical, int electrical, int inhibitory, boolean positions) {
        @Override
        public String toString() {
            return chemical + " chemical synapses (delays by " + (positions ? "soma distance" : "a fixed step") + "), "
                    + electrical + " electrical, " + inhibitory + " inhibitory";
        }
    }

    /** Sets delays and signs on {@code net} in place; widens its delay range to the largest delay. */
    public Applied apply(Network net) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Neuron n : net.nodes()) {
            double p = position(n);
            if (!Double.isNaN(p)) {
                lo = Math.min(lo, p);
                hi = Math.max(hi, p);
            }
        }
        double span = hi > lo ? hi - lo : 0;
        int chemical = 0;
        int gap = 0;
        int negative = 0;
        double maxDelay = 0;
        for (Synapse s : net.synapses()) {
            String type = type(s);
            if (type == null) continue;
            Neuron u = net.source(s);
            if (type.startsWith("e") || type.startsWith("g")) {
                s.delay(electrical);
                gap++;
            } else if (type.startsWith("c")) {
                double pu = position(u);
                double pv = position(net.target(s));
                boolean known = span > 0 && !Double.isNaN(pu) && !Double.isNaN(pv);
                s.delay(known ? chemicalMin + (chemicalMax - chemicalMin) * Math.abs(pu - pv) / span : chemicalMin);
                chemical++;
                if (inhibitory != null && releases(u, inhibitory)) {
                    s.weight(-Math.abs(s.weight()));
                    negative++;
                }
            } else {
                continue;
            }
            maxDelay = Math.max(maxDelay, s.delay());
        }
        if (maxDelay > net.settings().dMax()) net.settings().delayRange(net.settings().dMin(), Math.ceil(maxDelay));
        return new Applied(chemical, gap, negative, span > 0);
    }

    private static String type(Synapse s) {
        Map<String, Attribute> meta = s.metadata();
        for (String name : TYPE_ATTRIBUTES) {
            Attribute a = meta.get(name);
            if (a != null && a.value() != null && !a.value().isBlank()) return a.value().trim().toLowerCase(Locale.ROOT);
        }
        return null;
    }

    private static double position(Neuron n) {
        Attribute a = n.metadata().get(POSITION);
        if (a == null || a.value() == null) return Double.NaN;
        try {
            return Double.parseDouble(a.value().trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static boolean releases(Neuron n, String transmitter) {
        Attribute a = n.metadata().get(TRANSMITTERS);
        return a != null && a.value() != null && a.value().toUpperCase(Locale.ROOT).contains(transmitter.toUpperCase(Locale.ROOT));
    }
}
