package org.thousandbrains.graph.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.ModelSettings;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.SparseNetwork;
import org.thousandbrains.graph.topology.Unit;

/**
 * A network flattened to parallel arrays (nodes by dense index, edges in insertion order):
 * the input of {@link GraphCompiler}. Large random graphs for benchmarks are built here directly,
 * without per-edge objects.
 */
public final class EdgeTable {
    public final int nodeCount;
    public final String[] nodeIds;
    public final NodeKind[] kind;
    public final Activation[] activation;
    public final double[] bias;
    public final double[] threshold;
    /** Group index per node, -1 for none; names in {@link #groupNames}. */
    public final int[] group;
    public final String[] groupNames;
    /** Unit index per node, -1 for none; names in {@link #unitNames}. */
    public final int[] unit;
    public final String[] unitNames;

    public final int edgeCount;
    public final int[] src;
    public final int[] dst;
    public final double[] weight;
    public final double[] delay;
    public final double[] leak;
    /** {@link org.thousandbrains.graph.topology.Learnable} bit set per edge. */
    public final byte[] learnable;
    public final double dMin;
    public final double dMax;

    /** Per group (by group index): k-WTA k (0: none), boost β, duty-cycle period, eval-mode k factor, observations seen, unit winners (0: none). */
    public final int[] groupK;
    public final double[] groupBoost;
    public final int[] groupPeriod;
    public final double[] groupInferenceFactor;
    public final long[] groupObservations;
    public final int[] groupUnitK;
    /** Inner recursions per unit (by unit index). */
    public final int[] unitRec;
    /** k-WTA duty cycle per node. */
    public final double[] duty;
    /** Readout: steps T per pass and the window K (mean of the last K steps). */
    public final int steps;
    public final int readoutWindow;
    /** Overseer normalization per group (by group index): rate ρ, ε, running mean μ and variance σ², batch-statistics mode. */
    public final double[] groupRho;
    public final double[] groupEpsilon;
    public final double[] groupMean;
    public final double[] groupVariance;
    public final boolean[] groupBatchStatistics;
    /** Overseer normalization per node: gain γ and shift β (used by members of an overseen group). */
    public final double[] gain;
    public final double[] shift;
    /** Input steps L per sample (0: features held constant over the steps), see {@link org.thousandbrains.graph.topology.ModelSettings#inputSteps()}. */
    public final int inputSteps;

    /** Creates a table without competition settings (every group a plain label, units with rec 1, T = K = 1); arrays are taken over. */
    public EdgeTable(String[] nodeIds, NodeKind[] kind, Activation[] activation, double[] bias, double[] threshold,
                     int[] group, String[] groupNames, int[] unit, String[] unitNames,
                     int[] src, int[] dst, double[] weight, double[] delay, double[] leak, byte[] learnable,
                     double dMin, double dMax) {
        this(nodeIds, kind, activation, bias, threshold, group, groupNames, unit, unitNames, src, dst, weight, delay, leak,
                learnable, dMin, dMax, Competition.defaults(groupNames.length, unitNames.length, nodeIds.length));
    }

    /** Creates a table with the competition settings of its groups and units; arrays are taken over, not copied. */
    public EdgeTable(String[] nodeIds, NodeKind[] kind, Activation[] activation, double[] bias, double[] threshold,
                     int[] group, String[] groupNames, int[] unit, String[] unitNames,
                     int[] src, int[] dst, double[] weight, double[] delay, double[] leak, byte[] learnable,
                     double dMin, double dMax, Competition c) {
        this(nodeIds, kind, activation, bias, threshold, group, groupNames, unit, unitNames, src, dst, weight, delay, leak,
                learnable, dMin, dMax, c, Normalization.defaults(groupNames.length, nodeIds.length));
    }

    /** Creates a table with competition and overseer-normalization settings; arrays are taken over, not copied. */
    public EdgeTable(String[] nodeIds, NodeKind[] kind, Activation[] activation, double[] bias, double[] threshold,
                     int[] group, String[] groupNames, int[] unit, String[] unitNames,
                     int[] src, int[] dst, double[] weight, double[] delay, double[] leak, byte[] learnable,
                     double dMin, double dMax, Competition c, Normalization norm) {
        this.nodeCount = nodeIds.length;
        this.nodeIds = nodeIds;
        this.kind = kind;
        this.activation = activation;
        this.bias = bias;
        this.threshold = threshold;
        this.group = group;
        this.groupNames = groupNames;
        this.unit = unit;
        this.unitNames = unitNames;
        this.edgeCount = src.length;
        this.src = src;
        this.dst = dst;
        this.weight = weight;
        this.delay = delay;
        this.leak = leak;
        this.learnable = learnable;
        this.dMin = dMin;
        this.dMax = dMax;
        this.groupK = c.k();
        this.groupBoost = c.boost();
        this.groupPeriod = c.period();
        this.groupInferenceFactor = c.inferenceFactor();
        this.groupObservations = c.observations();
        this.groupUnitK = c.unitK();
        this.unitRec = c.rec();
        this.duty = c.duty();
        this.steps = c.steps();
        this.readoutWindow = c.readoutWindow();
        this.groupRho = norm.rho();
        this.groupEpsilon = norm.epsilon();
        this.groupMean = norm.mean();
        this.groupVariance = norm.variance();
        this.groupBatchStatistics = norm.batchStatistics();
        this.gain = norm.gain();
        this.shift = norm.shift();
        this.inputSteps = c.inputSteps();
        int n = nodeCount;
        requireLength(kind.length, n, "kind");
        requireLength(activation.length, n, "activation");
        requireLength(bias.length, n, "bias");
        requireLength(threshold.length, n, "threshold");
        requireLength(group.length, n, "group");
        requireLength(unit.length, n, "unit");
        requireLength(dst.length, edgeCount, "dst");
        requireLength(weight.length, edgeCount, "weight");
        requireLength(delay.length, edgeCount, "delay");
        requireLength(leak.length, edgeCount, "leak");
        requireLength(learnable.length, edgeCount, "learnable");
        int gc = groupNames.length;
        requireLength(groupK.length, gc, "groupK");
        requireLength(groupBoost.length, gc, "groupBoost");
        requireLength(groupPeriod.length, gc, "groupPeriod");
        requireLength(groupInferenceFactor.length, gc, "groupInferenceFactor");
        requireLength(groupObservations.length, gc, "groupObservations");
        requireLength(groupUnitK.length, gc, "groupUnitK");
        requireLength(unitRec.length, unitNames.length, "unitRec");
        requireLength(duty.length, n, "duty");
        requireLength(groupRho.length, gc, "groupRho");
        requireLength(groupEpsilon.length, gc, "groupEpsilon");
        requireLength(groupMean.length, gc, "groupMean");
        requireLength(groupVariance.length, gc, "groupVariance");
        requireLength(groupBatchStatistics.length, gc, "groupBatchStatistics");
        requireLength(gain.length, n, "gain");
        requireLength(shift.length, n, "shift");
    }

    /** The competition record of this table (its arrays, not copies). */
    public Competition competition() {
        return new Competition(groupK, groupBoost, groupPeriod, groupInferenceFactor, groupObservations, groupUnitK,
                unitRec, duty, steps, readoutWindow, inputSteps);
    }

    /** The overseer-normalization record of this table (its arrays, not copies). */
    public Normalization normalization() {
        return new Normalization(groupRho, groupEpsilon, groupMean, groupVariance, groupBatchStatistics, gain, shift);
    }

    /** This table with another overseer-normalization record (the other arrays shared). */
    public EdgeTable withNormalization(Normalization norm) {
        return new EdgeTable(nodeIds, kind, activation, bias, threshold, group, groupNames, unit, unitNames, src, dst, weight,
                delay, leak, learnable, dMin, dMax, competition(), norm);
    }

    /**
     * The overseer-normalization settings (DESIGN.md, "Seed mechanisms"): per group (by group index) the rate
     * ρ, ε, running mean μ and variance σ² and whether training normalises with the batch statistics; per
     * node the gain γ and shift β. They matter only for groups with an overseer node.
     */
    public record Normalization(double[] rho, double[] epsilon, double[] mean, double[] variance, boolean[] batchStatistics,
                                double[] gain, double[] shift) {
        /** ρ = 0.01, ε = 1e-5, μ = 0, σ² = 1, running statistics; γ = 1, β = 0. */
        public static Normalization defaults(int groups, int nodes) {
            double[] rho = new double[groups];
            double[] eps = new double[groups];
            double[] var = new double[groups];
            java.util.Arrays.fill(rho, NodeGroup.DEFAULT_RHO);
            java.util.Arrays.fill(eps, NodeGroup.DEFAULT_EPSILON);
            java.util.Arrays.fill(var, 1.0);
            double[] gain = new double[nodes];
            java.util.Arrays.fill(gain, 1.0);
            return new Normalization(rho, eps, new double[groups], var, new boolean[groups], gain, new double[nodes]);
        }

        /** True when some setting differs from {@link #defaults} (bit for bit). */
        public boolean differsFromDefaults() {
            Normalization d = defaults(rho.length, gain.length);
            return !java.util.Arrays.equals(rho, d.rho) || !java.util.Arrays.equals(epsilon, d.epsilon)
                    || !java.util.Arrays.equals(mean, d.mean) || !java.util.Arrays.equals(variance, d.variance)
                    || !java.util.Arrays.equals(batchStatistics, d.batchStatistics) || !java.util.Arrays.equals(gain, d.gain)
                    || !java.util.Arrays.equals(shift, d.shift);
        }
    }

    /**
     * The competition settings of a table's groups (by group index), units (by unit index) and nodes,
     * its readout (T, K) and its input steps L.
     */
    public record Competition(int[] k, double[] boost, int[] period, double[] inferenceFactor, long[] observations,
                              int[] unitK, int[] rec, double[] duty, int steps, int readoutWindow, int inputSteps) {
        /** Settings with input steps L = 0 (features held constant over the steps). */
        public Competition(int[] k, double[] boost, int[] period, double[] inferenceFactor, long[] observations,
                           int[] unitK, int[] rec, double[] duty, int steps, int readoutWindow) {
            this(k, boost, period, inferenceFactor, observations, unitK, rec, duty, steps, readoutWindow, 0);
        }

        /** No competition: groups are labels, units have rec 1, duty cycles 0, T = K = 1, L = 0. */
        public static Competition defaults(int groups, int units, int nodes) {
            double[] boost = new double[groups];
            int[] period = new int[groups];
            double[] factor = new double[groups];
            java.util.Arrays.fill(boost, NodeGroup.DEFAULT_BOOST);
            java.util.Arrays.fill(period, NodeGroup.DEFAULT_PERIOD);
            java.util.Arrays.fill(factor, 1.0);
            int[] rec = new int[units];
            java.util.Arrays.fill(rec, 1);
            return new Competition(new int[groups], boost, period, factor, new long[groups], new int[groups], rec,
                    new double[nodes], 1, 1);
        }
    }

    private static void requireLength(int actual, int expected, String what) {
        if (actual != expected) {
            throw new IllegalArgumentException(what + " has length " + actual + ", expected " + expected);
        }
    }

    /** Flattens a network; nodes keep insertion order, edges JGraphT's edge-set order (through its {@link SparseNetwork} columns). */
    public static EdgeTable of(Network net) {
        return of(SparseNetwork.of(net));
    }

    /**
     * The table of an array-backed network: its node and edge arrays are shared, not copied (a table is read,
     * never changed), so compiling a large imported graph holds no second copy of its columns.
     */
    public static EdgeTable of(SparseNetwork net) {
        SparseNetwork.Nodes nodes = net.nodes();
        SparseNetwork.Edges e = net.edges();
        Map<String, NodeGroup> groups = net.groups();
        Map<String, Unit> units = net.units();
        ModelSettings settings = net.settings();
        int n = nodes.count();
        Map<String, Integer> groupIdx = new HashMap<>();
        Map<String, Integer> unitIdx = new HashMap<>();
        List<String> groupNames = new ArrayList<>(groups.keySet());
        List<String> unitNames = new ArrayList<>(units.keySet());
        for (int i = 0; i < groupNames.size(); i++) groupIdx.put(groupNames.get(i), i);
        for (int i = 0; i < unitNames.size(); i++) unitIdx.put(unitNames.get(i), i);
        int[] group = new int[n];
        int[] unit = new int[n];
        for (int v = 0; v < n; v++) {
            group[v] = indexOf(nodes.group()[v], groupIdx, groupNames);
            unit[v] = indexOf(nodes.unit()[v], unitIdx, unitNames);
        }
        Competition c = Competition.defaults(groupNames.size(), unitNames.size(), n);
        Normalization norm = Normalization.defaults(groupNames.size(), n);
        for (int g = 0; g < groupNames.size(); g++) {
            NodeGroup ng = groups.get(groupNames.get(g));
            if (ng == null) continue;
            c.k()[g] = ng.kWinners();
            c.boost()[g] = ng.boost();
            c.period()[g] = ng.period();
            c.inferenceFactor()[g] = ng.inferenceFactor();
            c.observations()[g] = ng.observations();
            c.unitK()[g] = ng.unitWinners();
            norm.rho()[g] = ng.rho();
            norm.epsilon()[g] = ng.epsilon();
            norm.mean()[g] = ng.runningMean();
            norm.variance()[g] = ng.runningVariance();
            norm.batchStatistics()[g] = ng.batchStatistics();
        }
        for (int u = 0; u < unitNames.size(); u++) {
            Unit un = units.get(unitNames.get(u));
            if (un != null) c.rec()[u] = un.rec();
        }
        c = new Competition(c.k(), c.boost(), c.period(), c.inferenceFactor(), c.observations(), c.unitK(), c.rec(),
                nodes.duty(), settings.steps(), settings.readoutWindow(), settings.inputSteps());
        norm = new Normalization(norm.rho(), norm.epsilon(), norm.mean(), norm.variance(), norm.batchStatistics(),
                nodes.gain(), nodes.shift());
        return new EdgeTable(nodes.id(), nodes.kind(), nodes.activation(), nodes.bias(), nodes.threshold(), group,
                groupNames.toArray(new String[0]), unit, unitNames.toArray(new String[0]), e.src(), e.dst(), e.weight(), e.delay(),
                e.leak(), e.learnable(), settings.dMin(), settings.dMax(), c, norm);
    }

    /**
     * The table back from a compiled graph, with the graph's current parameters: nodes in node order, edges in
     * the original input order ({@link CompiledGraph#inputOrder()} inverted), every competition setting and the
     * readout. Compiling the result gives a graph equal to {@code g} array by array.
     *
     * <p>What a compiled graph does not keep comes back as the defaults of {@link Competition#defaults} and
     * {@link Normalization#defaults}: the k-WTA settings of plain label groups, the boost, period and
     * observations of unit groups, the duty cycle of nodes outside k-WTA groups, the normalization settings
     * of groups without an overseer and the gain and shift of nodes outside overseen groups.
     */
    public static EdgeTable of(CompiledGraph g) {
        return of(g, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * As {@link #of(CompiledGraph)} with current parameter values, e.g. of a trained model: {@code weight},
     * {@code delay}, {@code leak} per edge in CSR order, {@code bias} per node, {@code duty} per k-WTA member
     * position ({@link GroupStructure#kwtaMembers()}), {@code observations} per k-WTA group. A null array
     * means the graph's own values. The arrays are copied.
     */
    public static EdgeTable of(CompiledGraph g, double[] weight, double[] delay, double[] leak, double[] bias,
                               double[] duty, long[] observations) {
        return of(g, weight, delay, leak, bias, duty, observations, null, null, null, null);
    }

    /**
     * As {@link #of(CompiledGraph, double[], double[], double[], double[], double[], long[])}, with the
     * overseer normalization's current values too: {@code gain}, {@code shift} per member position of
     * {@link GroupStructure#normMembers()}, running {@code mean}, {@code variance} per overseen group. A null
     * array means the graph's own values.
     */
    public static EdgeTable of(CompiledGraph g, double[] weight, double[] delay, double[] leak, double[] bias,
                               double[] duty, long[] observations, double[] gain, double[] shift, double[] mean,
                               double[] variance) {
        int n = g.nodeCount();
        int e = g.edgeCount();
        GroupStructure s = g.groupStructure();
        weight = weight == null ? g.weight() : weight;
        delay = delay == null ? g.delay() : delay;
        leak = leak == null ? g.leak() : leak;
        bias = bias == null ? g.bias() : bias;
        duty = duty == null ? s.kwtaDuty() : duty;
        observations = observations == null ? s.kwtaObservations() : observations;
        requireLength(weight.length, e, "weight");
        requireLength(delay.length, e, "delay");
        requireLength(leak.length, e, "leak");
        requireLength(bias.length, n, "bias");
        requireLength(duty.length, s.kwtaMembers().length, "duty (per k-WTA member)");
        requireLength(observations.length, s.kwtaCount(), "observations (per k-WTA group)");

        // Edges back in input order: CSR position p holds table edge inputOrder[p].
        int[] order = g.inputOrder();
        int[] src = new int[e];
        int[] dst = new int[e];
        double[] w = new double[e];
        double[] d = new double[e];
        double[] lam = new double[e];
        byte[] learn = new byte[e];
        int[] csrSrc = g.src();
        int[] csrDst = g.dst();
        byte[] csrLearn = g.learnable();
        for (int p = 0; p < e; p++) {
            int k = order[p];
            src[k] = csrSrc[p];
            dst[k] = csrDst[p];
            w[k] = weight[p];
            d[k] = delay[p];
            lam[k] = leak[p];
            learn[k] = csrLearn[p];
        }

        // Competition: defaults, then what the group structure holds.
        String[] groupNames = g.groupNames().clone();
        String[] unitNames = g.unitNames().clone();
        Map<String, Integer> groupIdx = new HashMap<>();
        for (int i = 0; i < groupNames.length; i++) groupIdx.put(groupNames[i], i);
        Competition c = Competition.defaults(groupNames.length, unitNames.length, n);
        int[] kwtaPtr = s.kwtaPtr();
        int[] members = s.kwtaMembers();
        for (int q = 0; q < s.kwtaCount(); q++) {
            Integer gi = groupIdx.get(s.kwtaNames()[q]);
            if (gi == null) throw new IllegalStateException("k-WTA group '" + s.kwtaNames()[q] + "' is not a group of the graph");
            int k = s.kwtaK()[q];
            c.k()[gi] = k;
            c.boost()[gi] = s.kwtaBoost()[q];
            c.period()[gi] = s.kwtaPeriod()[q];
            c.inferenceFactor()[gi] = s.kwtaInferenceFactor()[q];
            c.observations()[gi] = observations[q];
            for (int i = kwtaPtr[q]; i < kwtaPtr[q + 1]; i++) c.duty()[members[i]] = duty[i];
        }
        for (int q = 0; q < s.unitGroupCount(); q++) {
            Integer gi = groupIdx.get(s.unitGroupNames()[q]);
            if (gi == null) throw new IllegalStateException("unit group '" + s.unitGroupNames()[q] + "' is not a group of the graph");
            c.unitK()[gi] = s.unitGroupK()[q];
        }
        System.arraycopy(s.unitRec(), 0, c.rec(), 0, s.unitCount());
        c = new Competition(c.k(), c.boost(), c.period(), c.inferenceFactor(), c.observations(), c.unitK(), c.rec(),
                c.duty(), g.steps(), g.readoutWindow(), g.inputSteps());

        NodeKind[] kind = new NodeKind[n];
        for (int v = 0; v < n; v++) kind[v] = g.kind(v);
        Normalization norm = Normalization.defaults(groupNames.length, n);
        gain = gain == null ? s.normGain() : gain;
        shift = shift == null ? s.normShift() : shift;
        mean = mean == null ? s.normMean() : mean;
        variance = variance == null ? s.normVariance() : variance;
        requireLength(gain.length, s.normMembers().length, "gain (per overseen member)");
        requireLength(shift.length, s.normMembers().length, "shift (per overseen member)");
        requireLength(mean.length, s.normCount(), "mean (per overseen group)");
        requireLength(variance.length, s.normCount(), "variance (per overseen group)");
        int[] normPtr = s.normPtr();
        int[] normMembers = s.normMembers();
        for (int r = 0; r < s.normCount(); r++) {
            Integer gi = groupIdx.get(s.normNames()[r]);
            if (gi == null) throw new IllegalStateException("overseen group '" + s.normNames()[r] + "' is not a group of the graph");
            norm.rho()[gi] = s.normRho()[r];
            norm.epsilon()[gi] = s.normEpsilon()[r];
            norm.mean()[gi] = mean[r];
            norm.variance()[gi] = variance[r];
            norm.batchStatistics()[gi] = s.normBatchStatistics()[r];
            for (int i = normPtr[r]; i < normPtr[r + 1]; i++) {
                norm.gain()[normMembers[i]] = gain[i];
                norm.shift()[normMembers[i]] = shift[i];
            }
        }
        return new EdgeTable(g.nodeIds().clone(), kind, g.activations().clone(), bias.clone(), g.thresholds().clone(),
                g.groups().clone(), groupNames, g.units().clone(), unitNames, src, dst, w, d, lam, learn,
                g.dMin(), g.dMax(), c, norm);
    }

    private static int indexOf(String name, Map<String, Integer> idx, List<String> names) {
        if (name == null) return -1;
        return idx.computeIfAbsent(name, nm -> {
            names.add(nm);
            return names.size() - 1;
        });
    }
}
