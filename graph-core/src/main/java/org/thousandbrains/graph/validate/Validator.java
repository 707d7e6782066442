package org.thousandbrains.graph.validate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jgrapht.Graph;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.compile.TopologyException;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.Synapse;
import org.thousandbrains.graph.topology.Unit;

/**
 * Checks a {@link Network} against the rules of DESIGN.md before it is used: groups and units that
 * nodes name are created when undeclared (with a warning), then the network is compiled, because
 * {@link GraphCompiler} is the one place where the rules are enforced (delay and leak ranges, instant
 * edges off cycles of nodes and of evaluation blocks, k-WTA and unit-group sizes, a node in both a
 * unit and a k-WTA group, ...). The first violation is thrown as a {@link TopologyException} naming
 * the node, edge, group or cycle; non-fatal findings come back as warnings.
 */
public final class Validator {
    private Validator() {
    }

    /** Validates {@code net} (creating undeclared groups and units) and returns the warnings. */
    public static List<String> validate(Network net) {
        return check(net).warnings();
    }

    /** A validated network's compiled form and the warnings found on the way. */
    public record Result(CompiledGraph compiled, List<String> warnings) {
    }

    /** As {@link #validate}, also returning the compiled graph. */
    public static Result check(Network net) {
        List<String> warnings = new ArrayList<>();
        resolveNames(net, warnings);
        CompiledGraph compiled = GraphCompiler.compile(net);
        warnAboutGroups(net, warnings);
        warnAboutEdges(net, warnings);
        return new Result(compiled, Collections.unmodifiableList(warnings));
    }

    private static void resolveNames(Network net, List<String> warnings) {
        for (Neuron v : net.nodes()) {
            try {
                if (v.group() != null && !net.groups().containsKey(v.group())) {
                    net.groupNamed(v.group());
                    warnings.add("group '" + v.group() + "' (named by " + v + ") was not declared; created with default settings");
                }
                if (v.unit() != null && !net.units().containsKey(v.unit())) {
                    net.unitNamed(v.unit());
                    warnings.add("unit '" + v.unit() + "' (named by " + v + ") was not declared; created with rec 1");
                }
            } catch (IllegalArgumentException e) {
                throw new TopologyException(v + ": " + e.getMessage());
            }
        }
    }

    private static void warnAboutGroups(Network net, List<String> warnings) {
        Map<String, Integer> size = new HashMap<>();
        Map<String, Set<String>> groupsOfUnit = new LinkedHashMap<>();
        for (Neuron v : net.nodes()) {
            if (v.group() != null) size.merge(v.group(), 1, Integer::sum);
            if (v.unit() != null) groupsOfUnit.computeIfAbsent(v.unit(), u -> new HashSet<>()).add(String.valueOf(v.group()));
        }
        for (NodeGroup g : net.groups().values()) {
            if (size.getOrDefault(g.name(), 0) == 0) warnings.add("group '" + g.name() + "' has no nodes");
        }
        for (Map.Entry<String, Set<String>> u : groupsOfUnit.entrySet()) {
            if (u.getValue().size() > 1) {
                warnings.add("unit '" + u.getKey() + "' spans several groups " + new java.util.TreeSet<>(u.getValue()));
            }
        }
        for (Unit u : net.units().values()) {
            if (!groupsOfUnit.containsKey(u.name())) warnings.add("unit '" + u.name() + "' has no nodes");
        }
    }

    private static void warnAboutEdges(Network net, List<String> warnings) {
        Graph<Neuron, Synapse> g = net.graph();
        boolean anyOutput = false;
        for (Neuron v : net.nodes()) {
            if (v.kind() == NodeKind.OUTPUT) {
                anyOutput = true;
                if (g.inDegreeOf(v) == 0) warnings.add("output " + v + " has no in-edges: it only reads its bias");
            }
            if (v.kind() == NodeKind.INPUT && g.inDegreeOf(v) > 0) {
                warnings.add("input " + v + " has " + g.inDegreeOf(v) + " in-edges, ignored because inputs are clamped");
            }
        }
        if (!anyOutput && net.nodeCount() > 0) warnings.add("the network has no output nodes: nothing is read out");
        for (Synapse s : net.synapses()) {
            String u = net.source(s).unit();
            if (u != null && u.equals(net.target(s).unit()) && (s.delay() != 1.0 || s.leak() != 0.0)) {
                warnings.add(edge(net, s) + " lies inside unit '" + u + "': units apply internal edges rec times per step "
                        + "and ignore their delay " + s.delay() + " and leak " + s.leak());
            }
        }
    }

    private static String edge(Network net, Synapse s) {
        String id = s.id() == null ? "" : " (id " + s.id() + ")";
        return "edge '" + net.source(s).id() + "' -> '" + net.target(s).id() + "'" + id;
    }
}
