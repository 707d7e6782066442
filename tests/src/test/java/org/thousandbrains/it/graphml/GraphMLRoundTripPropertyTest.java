package org.thousandbrains.it.graphml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.thousandbrains.graph.graphml.GraphMLReader;
import org.thousandbrains.graph.graphml.GraphMLWriter;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Attribute;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Synapse;
import org.thousandbrains.graph.topology.Unit;

/**
 * Property: for seeded random networks (random kinds, activations, groups, units, parallel
 * synapses, self-loops, awkward doubles including subnormals, negative zero and extremes,
 * awkward ids and unknown attributes of every GraphML type), GraphML export followed by import
 * gives back the same network, every double bit for bit.
 */
class GraphMLRoundTripPropertyTest {
    private static final int SEEDS = 300;
    private static final String[] TYPES = {"string", "int", "long", "float", "double", "boolean", "vector_float"};
    private static final String[] RESERVED = {"kind", "bias", "activation", "group", "unit", "threshold", "duty", "gain", "shift",
        "weight", "delay", "leak", "learnable", "d_min", "d_max", "groups", "units"};

    @Test
    void exportThenImportIsIdentity() throws IOException {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Network net = randomNetwork(new Random(seed));
            StringWriter w = new StringWriter();
            GraphMLWriter.write(net, w);
            Network back = new GraphMLReader()
                    .read(new ByteArrayInputStream(w.toString().getBytes(StandardCharsets.UTF_8)), "seed-" + seed)
                    .network();
            NetworkAssert.assertSameNetwork(net, back, "seed " + seed);
        }
    }

    static Network randomNetwork(Random rnd) {
        Network net = new Network();
        double dMin = rnd.nextBoolean() ? 1.0 : rnd.nextDouble();
        net.settings().delayRange(dMin, dMin + awkwardPositive(rnd));
        List<String> groups = new ArrayList<>();
        for (int i = rnd.nextInt(4); i > 0; i--) {
            NodeGroup g = new NodeGroup("g" + groups.size() + "_" + rnd.nextInt(1000));
            net.addGroup(g.kWinners(rnd.nextInt(5)).boost(awkward(rnd)).unitWinners(rnd.nextInt(3)));
            if (rnd.nextBoolean()) {
                // overseer normalization settings, in their admissible ranges
                g.rho(rnd.nextBoolean() ? 1.0 : Math.nextUp(rnd.nextDouble())).epsilon(Math.abs(awkward(rnd)) + Double.MIN_VALUE)
                        .runningMean(awkward(rnd)).runningVariance(Math.abs(awkward(rnd))).batchStatistics(rnd.nextBoolean());
            }
            groups.add(g.name());
        }
        List<String> units = new ArrayList<>();
        for (int i = rnd.nextInt(4); i > 0; i--) {
            Unit u = new Unit("u" + units.size());
            net.addUnit(u.rec(1 + rnd.nextInt(4)));
            units.add(u.name());
        }
        for (int i = rnd.nextInt(3); i > 0; i--) {
            Attribute a = attribute(rnd);
            net.metadata().put(a.name(), a);
        }
        int n = 1 + rnd.nextInt(25);
        List<Neuron> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            NodeKind kind = NodeKind.values()[rnd.nextInt(NodeKind.values().length)];
            String id = awkwardText(rnd, 8) + "#" + i;
            Neuron v = rnd.nextBoolean() ? net.addNode(id, kind)
                    : net.addNode(id, kind, Activation.values()[rnd.nextInt(Activation.values().length)]);
            v.bias(awkward(rnd)).threshold(awkward(rnd));
            if (rnd.nextInt(3) == 0) v.gain(awkward(rnd)).shift(awkward(rnd));
            if (!groups.isEmpty() && rnd.nextBoolean()) v.group(groups.get(rnd.nextInt(groups.size())));
            if (rnd.nextInt(4) == 0) v.group("extra" + rnd.nextInt(3));
            if (!units.isEmpty() && rnd.nextBoolean()) v.unit(units.get(rnd.nextInt(units.size())));
            for (int k = rnd.nextInt(3); k > 0; k--) v.attribute(attribute(rnd));
            nodes.add(v);
        }
        // groups named only by nodes exist in the network too (the reader creates them)
        for (Neuron v : nodes) if (v.group() != null) net.groupNamed(v.group());
        int e = rnd.nextInt(40);
        for (int i = 0; i < e; i++) {
            Neuron a = nodes.get(rnd.nextInt(n));
            Neuron b = rnd.nextInt(6) == 0 ? a : nodes.get(rnd.nextInt(n));
            int copies = rnd.nextInt(5) == 0 ? 2 : 1;
            for (int c = 0; c < copies; c++) {
                Synapse s = net.connect(a, b, awkward(rnd), awkward(rnd), awkward(rnd));
                s.learnable(rnd.nextInt(8));
                int idKind = rnd.nextInt(3);
                if (idKind == 1) s.id("e" + rnd.nextInt(4));
                if (idKind == 2) s.id(awkwardText(rnd, 5));
                for (int k = rnd.nextInt(3); k > 0; k--) s.attribute(attribute(rnd));
            }
        }
        return net;
    }

    /** Finite doubles that stress printing and parsing. */
    static double awkward(Random rnd) {
        switch (rnd.nextInt(10)) {
            case 0: return -0.0;
            case 1: return 0.0;
            case 2: return Double.MIN_VALUE * (1 + rnd.nextInt(1000)) * (rnd.nextBoolean() ? 1 : -1);
            case 3: return rnd.nextBoolean() ? Double.MAX_VALUE : -Double.MIN_NORMAL;
            case 4: return Math.nextUp(rnd.nextGaussian());
            case 5: return rnd.nextInt(100) - 50;
            case 6: return 0.1 * rnd.nextInt(30);
            default:
                double d;
                do {
                    d = Double.longBitsToDouble(rnd.nextLong());
                } while (!Double.isFinite(d));
                return d;
        }
    }

    private static double awkwardPositive(Random rnd) {
        double d = Math.abs(awkward(rnd));
        return Double.isFinite(d + 1.0) && d < 1e300 ? d : 7.0;
    }

    /** Text with XML specials, whitespace at the ends, CR/LF/TAB, non-ASCII and astral characters. */
    static String awkwardText(Random rnd, int maxLen) {
        String[] pieces = {"a", "Z", "7", " ", "\t", "\n", "\r", "\r\n", "&", "<", ">", "\"", "'", "]]>", ",", ";",
            "&amp;", "\u00e9", "\u03b1", "\u4e2d", "\ud83e\udde0", "\u00a0", "#", "="};
        StringBuilder sb = new StringBuilder();
        for (int i = rnd.nextInt(maxLen + 1); i > 0; i--) sb.append(pieces[rnd.nextInt(pieces.length)]);
        return sb.toString();
    }

    static Attribute attribute(Random rnd) {
        String name;
        do {
            name = "attr" + rnd.nextInt(6) + (rnd.nextBoolean() ? " x" : "") + awkwardText(rnd, 2);
        } while (isReserved(name) || name.isBlank());
        String type = TYPES[rnd.nextInt(TYPES.length)];
        String value;
        switch (type) {
            case "int": value = (rnd.nextBoolean() ? " " : "") + rnd.nextInt() + (rnd.nextBoolean() ? ".0" : ""); break;
            case "long": value = Long.toString(rnd.nextLong()); break;
            case "float": case "double": value = Double.toString(awkward(rnd)); break;
            case "boolean": value = new String[] {"true", "FALSE", " 1 ", "0"}[rnd.nextInt(4)]; break;
            default: value = awkwardText(rnd, 12); break;
        }
        return new Attribute(name, type, value);
    }

    private static boolean isReserved(String name) {
        for (String r : RESERVED) if (r.equals(name)) return true;
        return false;
    }
}
