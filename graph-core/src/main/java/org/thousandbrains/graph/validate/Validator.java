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
import org.jgrapht.GraphPath;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.alg.cycle.CycleDetector;
import org.jgrapht.alg.shortestpath.BFSShortestPath;
import org.jgrapht.graph.AsSubgraph;
import org.thousandbrains.graph.compile.TopologyException;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.Synapse;
import org.thousandbrains.graph.topology.Unit;

/**
 * Checks a {@link Network} against the rules of DESIGN.md with JGraphT's algorithms, before it is
 * compiled: every delay in {@code [d_min, d_max]}, every leak in {@code [0, 1)}; instant edges
 * (delay &lt; 1) acyclic ({@link CycleDetector}); no edge below delay 1 inside a strongly connected
 * component ({@link KosarajuStrongConnectivityInspector}); groups and units that nodes name exist
 * (missing ones are created with default settings, with a warning); k-WTA {@code k} at most the
 * group's size and unit winners at most its number of units. Non-finite parameters cannot occur:
 * {@link Neuron} and {@link Synapse} refuse them when set.
 *
 * <p>The first violation is thrown as a {@link TopologyException} naming the node, edge or cycle
 * (e.g. {@code cycle a -> b -> a}). Non-fatal findings come back as warnings. For graphs with
 * millions of edges, {@link org.thousandbrains.graph.compile.Compiler} performs the same checks on
 * arrays without JGraphT.
 */
public final class Validator {
    private Validator() {
    }

    /** Validates {@code net} (creating undeclared groups and units) and returns the warnings. */
    public static List<String> validate(Network net) {
        List<String> warnings = new ArrayList<>();
        checkEdgeParameters(net);
        resolveNames(net, warnings);
        checkCompetition(net, warnings);
        checkInstantEdgesAcyclic(net);
        checkComponentFloors(net);
        warnAboutEdges(net, warnings);
        return Collections.unmodifiableList(warnings);
    }

    private static void checkEdgeParameters(Network net) {
        double dMin = net.settings().dMin();
        double dMax = net.settings().dMax();
        for (Synapse s : net.synapses()) {
            if (s.delay() < dMin || s.delay() > dMax) {
                throw new TopologyException(edge(net, s) + ": delay " + s.delay() + " outside [d_min, d_max] = ["
                        + dMin + ", " + dMax + "]");
            }
            if (s.leak() < 0 || s.leak() >= 1) {
                throw new TopologyException(edge(net, s) + ": leak " + s.leak() + " outside [0, 1)");
            }
        }
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

    private static void checkCompetition(Network net, List<String> warnings) {
        Map<String, Integer> size = new HashMap<>();
        Map<String, Set<String>> unitsOfGroup = new HashMap<>();
        Map<String, Set<String>> groupsOfUnit = new LinkedHashMap<>();
        for (Neuron v : net.nodes()) {
            if (v.group() != null) {
                size.merge(v.group(), 1, Integer::sum);
                if (v.unit() != null) unitsOfGroup.computeIfAbsent(v.group(), g -> new HashSet<>()).add(v.unit());
            }
            if (v.unit() != null) groupsOfUnit.computeIfAbsent(v.unit(), u -> new HashSet<>()).add(String.valueOf(v.group()));
        }
        for (NodeGroup g : net.groups().values()) {
            int n = size.getOrDefault(g.name(), 0);
            int units = unitsOfGroup.getOrDefault(g.name(), Set.of()).size();
            if (g.kWinners() > n) {
                throw new TopologyException("group '" + g.name() + "': k-WTA k=" + g.kWinners() + " exceeds its " + n + " nodes");
            }
            if (g.unitWinners() > units) {
                throw new TopologyException("group '" + g.name() + "': unit winners " + g.unitWinners()
                        + " exceeds its " + units + " units");
            }
            if (n == 0) warnings.add("group '" + g.name() + "' has no nodes");
        }
        for (Map.Entry<String, Set<String>> u : groupsOfUnit.entrySet()) {
            if (u.getValue().size() > 1) {
                warnings.add("unit '" + u.getKey() + "' spans several groups " + new java.util.TreeSet<>(u.getValue())
                        + ": unit competition is per group");
            }
        }
        for (Unit u : net.units().values()) {
            if (!groupsOfUnit.containsKey(u.name())) warnings.add("unit '" + u.name() + "' has no nodes");
        }
    }

    private static void checkInstantEdgesAcyclic(Network net) {
        Set<Synapse> instant = new HashSet<>();
        for (Synapse s : net.synapses()) if (s.delay() < 1.0) instant.add(s);
        if (instant.isEmpty()) return;
        Graph<Neuron, Synapse> sub = new AsSubgraph<>(net.graph(), net.graph().vertexSet(), instant);
        CycleDetector<Neuron, Synapse> detector = new CycleDetector<>(sub);
        if (!detector.detectCycles()) return;
        Set<Neuron> onCycles = detector.findCycles();
        Graph<Neuron, Synapse> cyclic = new AsSubgraph<>(sub, onCycles);
        // The first such node in network order lies on a cycle whose nodes are all in onCycles.
        Neuron first = net.nodes().stream().filter(onCycles::contains).findFirst().orElseThrow();
        throw new TopologyException("instant edges (delay < 1) form a " + describe(cycleThrough(cyclic, first))
                + "; an instant edge must not lie on a cycle (give one of its edges delay >= 1)");
    }

    private static void checkComponentFloors(Network net) {
        List<Set<Neuron>> components = new KosarajuStrongConnectivityInspector<>(net.graph()).stronglyConnectedSets();
        Map<Neuron, Integer> component = new HashMap<>();
        for (int c = 0; c < components.size(); c++) for (Neuron v : components.get(c)) component.put(v, c);
        for (Synapse s : net.synapses()) {
            if (s.delay() >= 1.0) continue;
            Neuron u = net.source(s);
            Neuron v = net.target(s);
            int c = component.get(u);
            if (c != component.get(v)) continue;
            Graph<Neuron, Synapse> scc = new AsSubgraph<>(net.graph(), components.get(c));
            List<Neuron> back = new BFSShortestPath<>(scc).getPath(v, u).getVertexList();
            List<Neuron> cycle = new ArrayList<>();
            cycle.add(u);
            cycle.addAll(back);
            throw new TopologyException(edge(net, s) + " has delay " + s.delay() + " < 1 but lies inside a strongly "
                    + "connected component, on the " + describe(cycle) + " (such edges need delay >= 1)");
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

    /** A shortest cycle through {@code a} (which lies on one) in {@code g}, as a closed vertex list (a, ..., a). */
    private static List<Neuron> cycleThrough(Graph<Neuron, Synapse> g, Neuron a) {
        BFSShortestPath<Neuron, Synapse> bfs = new BFSShortestPath<>(g);
        List<Neuron> best = null;
        for (Synapse s : g.outgoingEdgesOf(a)) {
            Neuron b = g.getEdgeTarget(s);
            if (b == a) return List.of(a, a);
            GraphPath<Neuron, Synapse> back = bfs.getPath(b, a);
            if (back != null && (best == null || back.getLength() + 1 < best.size() - 1)) {
                best = new ArrayList<>();
                best.add(a);
                best.addAll(back.getVertexList());
            }
        }
        return best;
    }

    private static String describe(List<Neuron> cycle) {
        StringBuilder sb = new StringBuilder("cycle ");
        for (int i = 0; i < cycle.size(); i++) sb.append(i == 0 ? "" : " -> ").append(cycle.get(i).id());
        return sb.toString();
    }

    private static String edge(Network net, Synapse s) {
        String id = s.id() == null ? "" : " (id " + s.id() + ")";
        return "edge '" + net.source(s).id() + "' -> '" + net.target(s).id() + "'" + id;
    }
}
