package org.thousandbrains.graph.compile;

import java.util.Arrays;

import org.thousandbrains.graph.topology.NodeKind;

/**
 * The k-WTA node groups, units, unit groups and evaluation blocks of a compiled graph (DESIGN.md,
 * "Groups, units, firing"), as arrays, checked once: the only place these rules are validated.
 *
 * <ul>
 * <li><b>k-WTA group</b> {@code g}: members {@code kwtaMembers[kwtaPtr[g] .. kwtaPtr[g+1]-1]}
 *     (ascending node index), {@code k}, eval-mode {@code k} ({@code round(k·inferenceFactor)}, at most
 *     the size), boost β, duty-cycle period, the initial duty cycle of each member (same positions)
 *     and the observations seen so far.</li>
 * <li><b>Unit</b> {@code u}: members {@code unitMembers[unitPtr[u] .. unitPtr[u+1]-1]}, inner
 *     recursions {@code rec}, its unit group or -1. Edges with both ends in one unit are
 *     <em>internal</em> ({@link #internal(int)}, CSR order): applied {@code rec} times per step,
 *     without delay or leak.</li>
 * <li><b>Unit group</b> {@code q}: units {@code unitGroupUnits[unitGroupPtr[q] .. ]}, winners {@code k}.</li>
 * <li><b>Overseen group</b> {@code r} (DESIGN.md, "Seed mechanisms: overseer normalization"): a node
 *     group with one node of kind OVERSEER naming it; members {@code normMembers[normPtr[r] .. normPtr[r+1]-1]}
 *     (ascending, the overseer excluded), the overseer node, ρ, ε, batch-statistics mode, initial running
 *     mean and variance, initial gain and shift per member (same positions). The group, with its overseer,
 *     is one evaluation block: a k-WTA block when the group also has {@code k}, else a {@link #NORM}
 *     block. Members may not be inputs or in units, and unit groups cannot be overseen; the overseer takes
 *     no in-edges and its out-edges keep delay &gt;= 1.</li>
 * <li><b>Evaluation block</b> of each node: a k-WTA group, an overseen group, a unit group (all its units), a unit
 *     outside any unit group, or a single node; a block is evaluated at once, after every block that
 *     feeds it through an instant edge. {@link #blockKind} and {@link #blockIndex} say which, and
 *     {@link #blockNorm} which overseen group a block normalises (k-WTA blocks too).</li>
 * </ul>
 */
public final class GroupStructure {
    /** Kinds of evaluation block. */
    public static final byte PLAIN = 0;
    public static final byte KWTA = 1;
    public static final byte UNIT = 2;
    public static final byte UNIT_GROUP = 3;
    /** An overseen group without k-WTA: members normalised, then activated, then the overseer's mean. */
    public static final byte NORM = 4;

    final int[] kwtaPtr;
    final int[] kwtaMembers;
    final int[] kwtaK;
    final int[] kwtaInferenceK;
    final double[] kwtaInferenceFactor;
    final double[] kwtaBoost;
    final int[] kwtaPeriod;
    final double[] kwtaDuty;
    final long[] kwtaObservations;
    final String[] kwtaNames;
    final int[] kwtaOf;
    final int[] unitPtr;
    final int[] unitMembers;
    final int[] unitRec;
    final int[] unitGroupOf;
    final String[] unitNames;
    final int[] unitOf;
    final int[] unitGroupPtr;
    final int[] unitGroupUnits;
    final int[] unitGroupK;
    final String[] unitGroupNames;
    final byte[] internal;
    final int[] blockOf;
    final byte[] blockKind;
    final int[] blockIndex;
    final int[] blockScc;
    final Overseen norm;

    /** The overseen groups' arrays (see the class comment); empty when there is none. */
    static final class Overseen {
        final int[] ptr;
        final int[] members;
        final int[] overseer;
        final String[] names;
        final double[] rho;
        final double[] epsilon;
        final boolean[] batchStatistics;
        final double[] mean;
        final double[] variance;
        final double[] gain;
        final double[] shift;
        /** Per node: overseen group of a member, -1 otherwise; per block: the group it normalises, -1 for none. */
        final int[] normOf;
        final int[] overseerOf;
        final int[] blockNorm;

        Overseen(int[] ptr, int[] members, int[] overseer, String[] names, double[] rho, double[] epsilon,
                 boolean[] batchStatistics, double[] mean, double[] variance, double[] gain, double[] shift, int[] normOf,
                 int[] overseerOf, int[] blockNorm) {
            this.ptr = ptr;
            this.members = members;
            this.overseer = overseer;
            this.names = names;
            this.rho = rho;
            this.epsilon = epsilon;
            this.batchStatistics = batchStatistics;
            this.mean = mean;
            this.variance = variance;
            this.gain = gain;
            this.shift = shift;
            this.normOf = normOf;
            this.overseerOf = overseerOf;
            this.blockNorm = blockNorm;
        }

        static Overseen none(int n, int blocks) {
            int[] minus = new int[n];
            Arrays.fill(minus, -1);
            int[] noBlock = new int[blocks];
            Arrays.fill(noBlock, -1);
            return new Overseen(new int[] {0}, new int[0], new int[0], new String[0], new double[0], new double[0],
                    new boolean[0], new double[0], new double[0], new double[0], new double[0], minus, minus, noBlock);
        }
    }

    GroupStructure(int[] kwtaPtr, int[] kwtaMembers, int[] kwtaK, int[] kwtaInferenceK, double[] kwtaInferenceFactor, double[] kwtaBoost,
                   int[] kwtaPeriod, double[] kwtaDuty, long[] kwtaObservations, String[] kwtaNames, int[] kwtaOf,
                   int[] unitPtr, int[] unitMembers, int[] unitRec, int[] unitGroupOf, String[] unitNames, int[] unitOf,
                   int[] unitGroupPtr, int[] unitGroupUnits, int[] unitGroupK, String[] unitGroupNames, byte[] internal,
                   int[] blockOf, byte[] blockKind, int[] blockIndex, int[] blockScc, Overseen norm) {
        this.kwtaPtr = kwtaPtr;
        this.kwtaMembers = kwtaMembers;
        this.kwtaK = kwtaK;
        this.kwtaInferenceK = kwtaInferenceK;
        this.kwtaInferenceFactor = kwtaInferenceFactor;
        this.kwtaBoost = kwtaBoost;
        this.kwtaPeriod = kwtaPeriod;
        this.kwtaDuty = kwtaDuty;
        this.kwtaObservations = kwtaObservations;
        this.kwtaNames = kwtaNames;
        this.kwtaOf = kwtaOf;
        this.unitPtr = unitPtr;
        this.unitMembers = unitMembers;
        this.unitRec = unitRec;
        this.unitGroupOf = unitGroupOf;
        this.unitNames = unitNames;
        this.unitOf = unitOf;
        this.unitGroupPtr = unitGroupPtr;
        this.unitGroupUnits = unitGroupUnits;
        this.unitGroupK = unitGroupK;
        this.unitGroupNames = unitGroupNames;
        this.internal = internal;
        this.blockOf = blockOf;
        this.blockKind = blockKind;
        this.blockIndex = blockIndex;
        this.blockScc = blockScc;
        this.norm = norm;
    }

    public int kwtaCount() { return kwtaK.length; }
    public int[] kwtaPtr() { return kwtaPtr; }
    public int[] kwtaMembers() { return kwtaMembers; }
    public int[] kwtaK() { return kwtaK; }
    /** k used in eval mode (k-WTA inference factor applied). */
    public int[] kwtaInferenceK() { return kwtaInferenceK; }
    /** The factor eval-mode k was made from ({@code k_inference_factor} of nupic.torch; default 1). */
    public double[] kwtaInferenceFactor() { return kwtaInferenceFactor; }
    public double[] kwtaBoost() { return kwtaBoost; }
    public int[] kwtaPeriod() { return kwtaPeriod; }
    /** Initial duty cycles, in {@link #kwtaMembers()} positions. */
    public double[] kwtaDuty() { return kwtaDuty; }
    /** Initial observations count per group. */
    public long[] kwtaObservations() { return kwtaObservations; }
    public String[] kwtaNames() { return kwtaNames; }
    /** k-WTA group per node, -1 for none. */
    public int[] kwtaOf() { return kwtaOf; }

    public int unitCount() { return unitRec.length; }
    public int[] unitPtr() { return unitPtr; }
    public int[] unitMembers() { return unitMembers; }
    public int[] unitRec() { return unitRec; }
    /** Unit group per unit, -1 for none. */
    public int[] unitGroupOf() { return unitGroupOf; }
    public String[] unitNames() { return unitNames; }
    /** Unit per node, -1 for none. */
    public int[] unitOf() { return unitOf; }

    public int unitGroupCount() { return unitGroupK.length; }
    public int[] unitGroupPtr() { return unitGroupPtr; }
    public int[] unitGroupUnits() { return unitGroupUnits; }
    public int[] unitGroupK() { return unitGroupK; }
    public String[] unitGroupNames() { return unitGroupNames; }

    /** True when CSR edge e joins two nodes of one unit (applied in the inner recursion). */
    public boolean internal(int e) { return internal != null && internal[e] != 0; }
    /** 1 per internal CSR edge, or null when the graph has no units. */
    public byte[] internalEdges() { return internal; }
    public boolean hasInternalEdges() { return internal != null; }

    public int blockCount() { return blockKind.length; }
    /** Evaluation block per node. */
    public int[] blockOf() { return blockOf; }
    /** {@link #PLAIN}, {@link #KWTA}, {@link #UNIT}, {@link #UNIT_GROUP} or {@link #NORM} per block. */
    public byte[] blockKind() { return blockKind; }
    /** Per block: the node (PLAIN), k-WTA group, unit, unit group or overseen group (NORM) it is. */
    public int[] blockIndex() { return blockIndex; }
    /** True when some block has more than one node or is a unit: otherwise blocks are nodes. */
    public boolean hasGroups() { return kwtaK.length > 0 || unitRec.length > 0 || normCount() > 0; }

    /** Overseen groups (overseer normalization). */
    public int normCount() { return norm.overseer.length; }
    /** Members of overseen group r: {@code normMembers()[normPtr()[r] .. normPtr()[r+1]-1]}, ascending, overseer excluded. */
    public int[] normPtr() { return norm.ptr; }
    public int[] normMembers() { return norm.members; }
    /** The overseer node of each overseen group. */
    public int[] normOverseer() { return norm.overseer; }
    public String[] normNames() { return norm.names; }
    /** Rate ρ of the running averages per overseen group. */
    public double[] normRho() { return norm.rho; }
    public double[] normEpsilon() { return norm.epsilon; }
    /** True where training normalises with the current batch statistics (BatchNorm style) instead of the running ones. */
    public boolean[] normBatchStatistics() { return norm.batchStatistics; }
    /** Initial running mean μ and variance σ² per overseen group. */
    public double[] normMean() { return norm.mean; }
    public double[] normVariance() { return norm.variance; }
    /** Initial gain γ and shift β per member position ({@link #normMembers()}). */
    public double[] normGain() { return norm.gain; }
    public double[] normShift() { return norm.shift; }
    /** Overseen group per node for members, -1 otherwise (overseers included). */
    public int[] normOf() { return norm.normOf; }
    /** Overseen group per node for overseer nodes, -1 otherwise. */
    public int[] overseerOf() { return norm.overseerOf; }
    /** True when node v is the overseer of a group. */
    public boolean isOverseer(int v) { return norm.overseerOf[v] >= 0; }
    /** Per evaluation block: the overseen group it normalises ({@link #NORM} and k-WTA blocks), -1 for none. */
    public int[] blockNorm() { return norm.blockNorm; }
    /** Strongly connected component of each block in the graph of blocks (non-internal edges). */
    public int[] blockScc() { return blockScc; }

    /** No groups or units: every node its own plain block. */
    static GroupStructure none(int n, int[] nodeScc) {
        int[] blockOf = new int[n];
        int[] blockIndex = new int[n];
        for (int v = 0; v < n; v++) {
            blockOf[v] = v;
            blockIndex[v] = v;
        }
        int[] minus = new int[n];
        Arrays.fill(minus, -1);
        return new GroupStructure(new int[] {0}, new int[0], new int[0], new int[0], new double[0], new double[0], new int[0],
                new double[0], new long[0], new String[0], minus, new int[] {0}, new int[0], new int[0], new int[0],
                new String[0], minus, new int[] {0}, new int[0], new int[0], new String[0], null, blockOf,
                new byte[n], blockIndex, nodeScc, Overseen.none(n, n));
    }

    /**
     * Builds and checks the structure of table {@code t} whose edges are already in CSR order
     * ({@code src}, {@code dst}, {@code d}). Throws {@link TopologyException} naming the group, unit,
     * node or edge that breaks a rule.
     */
    static GroupStructure of(EdgeTable t, int[] src, int[] dst, double[] d, int[] nodeScc) {
        int n = t.nodeCount;
        int gc = t.groupNames.length;
        int uc = t.unitNames.length;
        // Which groups compete, and how.
        int[] kwtaIndex = new int[gc];
        int[] ugIndex = new int[gc];
        int kwtaCount = 0;
        int ugCount = 0;
        for (int g = 0; g < gc; g++) {
            kwtaIndex[g] = -1;
            ugIndex[g] = -1;
            if (t.groupK[g] > 0 && t.groupUnitK[g] > 0) {
                throw new TopologyException("group '" + t.groupNames[g] + "' has both k=" + t.groupK[g] + " and unitK="
                        + t.groupUnitK[g] + ": a group is a k-WTA group of nodes or a unit group, not both");
            }
            if (t.groupK[g] > 0) kwtaIndex[g] = kwtaCount++;
            if (t.groupUnitK[g] > 0) ugIndex[g] = ugCount++;
        }
        // Overseers: one per overseen group, named by the overseer's group.
        int[] overseerOfGroup = filled(gc);
        int[] normIndex = filled(gc);
        int normCount = 0;
        for (int v = 0; v < n; v++) {
            if (t.kind[v] != NodeKind.OVERSEER) continue;
            int g = t.group[v];
            if (g < 0) {
                throw new TopologyException("overseer node '" + t.nodeIds[v] + "' is in no group: an overseer names the group it oversees");
            }
            if (overseerOfGroup[g] >= 0) {
                throw new TopologyException("group '" + t.groupNames[g] + "' has two overseers, '" + t.nodeIds[overseerOfGroup[g]]
                        + "' and '" + t.nodeIds[v] + "': a group has at most one");
            }
            if (t.unit[v] >= 0) {
                throw new TopologyException("overseer node '" + t.nodeIds[v] + "' is in unit '" + t.unitNames[t.unit[v]]
                        + "': an overseer is no unit member");
            }
            if (ugIndex[g] >= 0) {
                throw new TopologyException("group '" + t.groupNames[g] + "' is a unit group (unitK=" + t.groupUnitK[g]
                        + ") and has overseer '" + t.nodeIds[v] + "': overseer normalization applies to node groups, not to units");
            }
            overseerOfGroup[g] = v;
            normIndex[g] = normCount++;
        }
        if (kwtaCount == 0 && uc == 0 && normCount == 0) {
            boolean anyUnitGroup = ugCount > 0;
            if (anyUnitGroup) {
                for (int g = 0; g < gc; g++) {
                    if (ugIndex[g] >= 0) {
                        throw new TopologyException("group '" + t.groupNames[g] + "': unitK=" + t.groupUnitK[g]
                                + " but the network has no units");
                    }
                }
            }
            return none(n, nodeScc);
        }
        int[] kwtaOf = new int[n];
        int[] unitOf = new int[n];
        int[] kwtaSize = new int[kwtaCount];
        int[] unitSize = new int[uc];
        for (int v = 0; v < n; v++) {
            int g = t.group[v];
            kwtaOf[v] = g >= 0 && t.kind[v] != NodeKind.OVERSEER ? kwtaIndex[g] : -1;
            unitOf[v] = t.unit[v];
            if (kwtaOf[v] >= 0 && unitOf[v] >= 0) {
                throw new TopologyException("node '" + t.nodeIds[v] + "' is in unit '" + t.unitNames[unitOf[v]]
                        + "' and in k-WTA group '" + t.groupNames[g] + "': a node is in a unit or in a k-WTA group, not both");
            }
            if ((kwtaOf[v] >= 0 || unitOf[v] >= 0) && t.kind[v] == NodeKind.INPUT) {
                throw new TopologyException("input node '" + t.nodeIds[v] + "' is in "
                        + (unitOf[v] >= 0 ? "unit '" + t.unitNames[unitOf[v]] + "'" : "k-WTA group '" + t.groupNames[g] + "'")
                        + ": input nodes are clamped and cannot compete");
            }
            if (kwtaOf[v] >= 0) kwtaSize[kwtaOf[v]]++;
            if (unitOf[v] >= 0) unitSize[unitOf[v]]++;
        }
        // k-WTA groups.
        int[] kwtaPtr = prefix(kwtaSize);
        int[] kwtaMembers = new int[kwtaPtr[kwtaCount]];
        int[] fill = Arrays.copyOf(kwtaPtr, kwtaCount);
        for (int v = 0; v < n; v++) if (kwtaOf[v] >= 0) kwtaMembers[fill[kwtaOf[v]]++] = v;
        int[] kwtaK = new int[kwtaCount];
        int[] kwtaInfK = new int[kwtaCount];
        double[] kwtaFactor = new double[kwtaCount];
        double[] boost = new double[kwtaCount];
        int[] period = new int[kwtaCount];
        long[] observations = new long[kwtaCount];
        String[] kwtaNames = new String[kwtaCount];
        for (int g = 0; g < gc; g++) {
            int q = kwtaIndex[g];
            if (q < 0) continue;
            int m = kwtaSize[q];
            String name = t.groupNames[g];
            if (t.groupK[g] > m) {
                throw new TopologyException("group '" + name + "': k-WTA k=" + t.groupK[g] + " exceeds its " + m + " nodes");
            }
            if (!Double.isFinite(t.groupBoost[g]) || t.groupBoost[g] < 0) {
                throw new TopologyException("group '" + name + "': boost " + t.groupBoost[g] + " must be finite and >= 0");
            }
            if (t.groupPeriod[g] < 1) throw new TopologyException("group '" + name + "': period must be >= 1, got " + t.groupPeriod[g]);
            if (t.groupObservations[g] < 0) throw new TopologyException("group '" + name + "': observations must be >= 0");
            kwtaK[q] = t.groupK[g];
            if (!(t.groupInferenceFactor[g] > 0) || !Double.isFinite(t.groupInferenceFactor[g])) {
                throw new TopologyException("group '" + name + "': inference factor " + t.groupInferenceFactor[g] + " must be finite and > 0");
            }
            kwtaFactor[q] = t.groupInferenceFactor[g];
            kwtaInfK[q] = (int) Math.min(m, Math.max(1, Math.round(t.groupK[g] * t.groupInferenceFactor[g])));
            boost[q] = t.groupBoost[g];
            period[q] = t.groupPeriod[g];
            observations[q] = t.groupObservations[g];
            kwtaNames[q] = name;
        }
        double[] duty = new double[kwtaMembers.length];
        for (int i = 0; i < duty.length; i++) {
            double dv = t.duty[kwtaMembers[i]];
            if (!(dv >= 0 && dv <= 1)) {
                throw new TopologyException("node '" + t.nodeIds[kwtaMembers[i]] + "': duty cycle " + dv + " outside [0, 1]");
            }
            duty[i] = dv;
        }
        // Units and unit groups.
        int[] unitPtr = prefix(unitSize);
        int[] unitMembers = new int[unitPtr[uc]];
        fill = Arrays.copyOf(unitPtr, uc);
        for (int v = 0; v < n; v++) if (unitOf[v] >= 0) unitMembers[fill[unitOf[v]]++] = v;
        int[] unitGroupOf = new int[uc];
        Arrays.fill(unitGroupOf, -1);
        for (int u = 0; u < uc; u++) {
            if (t.unitRec[u] < 1) throw new TopologyException("unit '" + t.unitNames[u] + "': rec must be >= 1, got " + t.unitRec[u]);
            for (int i = unitPtr[u]; i < unitPtr[u + 1]; i++) {
                int v = unitMembers[i];
                int g = t.group[v];
                int q = g >= 0 ? ugIndex[g] : -1;
                if (i == unitPtr[u]) {
                    unitGroupOf[u] = q;
                } else if (q != unitGroupOf[u]) {
                    int first = unitMembers[unitPtr[u]];
                    throw new TopologyException("unit '" + t.unitNames[u] + "' spans node '" + t.nodeIds[first] + "' (group "
                            + groupName(t, first) + ") and node '" + t.nodeIds[v] + "' (group " + groupName(t, v)
                            + "): all nodes of a unit in a unit group must be in that group");
                }
            }
        }
        int[] ugUnits = new int[ugCount];
        for (int u = 0; u < uc; u++) if (unitGroupOf[u] >= 0) ugUnits[unitGroupOf[u]]++;
        int[] ugPtr = prefix(ugUnits);
        int[] ugList = new int[ugPtr[ugCount]];
        fill = Arrays.copyOf(ugPtr, ugCount);
        for (int u = 0; u < uc; u++) if (unitGroupOf[u] >= 0) ugList[fill[unitGroupOf[u]]++] = u;
        int[] ugK = new int[ugCount];
        String[] ugNames = new String[ugCount];
        for (int g = 0; g < gc; g++) {
            int q = ugIndex[g];
            if (q < 0) continue;
            ugK[q] = t.groupUnitK[g];
            ugNames[q] = t.groupNames[g];
            int units = ugPtr[q + 1] - ugPtr[q];
            if (ugK[q] > units) {
                throw new TopologyException("group '" + ugNames[q] + "': unit winners " + ugK[q] + " exceeds its " + units + " units");
            }
        }
        for (int v = 0; v < n; v++) {
            int g = t.group[v];
            if (g >= 0 && ugIndex[g] >= 0 && unitOf[v] < 0) {
                throw new TopologyException("node '" + t.nodeIds[v] + "' is in unit group '" + t.groupNames[g]
                        + "' but in no unit: every node of a unit group belongs to one of its units");
            }
        }
        // Overseen groups: members, settings, initial state; members are no inputs and in no unit.
        int[] normOf = filled(n);
        int[] overseerOf = filled(n);
        int[] normSize = new int[normCount];
        for (int v = 0; v < n; v++) {
            int g = t.group[v];
            if (g < 0 || normIndex[g] < 0) continue;
            if (t.kind[v] == NodeKind.OVERSEER) {
                overseerOf[v] = normIndex[g];
                continue;
            }
            if (t.kind[v] == NodeKind.INPUT) {
                throw new TopologyException("input node '" + t.nodeIds[v] + "' is in overseen group '" + t.groupNames[g]
                        + "': input nodes are clamped and cannot be normalised");
            }
            if (unitOf[v] >= 0) {
                throw new TopologyException("node '" + t.nodeIds[v] + "' is in unit '" + t.unitNames[unitOf[v]] + "' and in overseen group '"
                        + t.groupNames[g] + "': overseer normalization applies to node groups, not to units");
            }
            normOf[v] = normIndex[g];
            normSize[normIndex[g]]++;
        }
        int[] normPtr = prefix(normSize);
        int[] normMembers = new int[normPtr[normCount]];
        fill = Arrays.copyOf(normPtr, normCount);
        for (int v = 0; v < n; v++) if (normOf[v] >= 0) normMembers[fill[normOf[v]]++] = v;
        int[] normOverseer = new int[normCount];
        String[] normNames = new String[normCount];
        double[] normRho = new double[normCount];
        double[] normEps = new double[normCount];
        boolean[] normBatch = new boolean[normCount];
        double[] normMean = new double[normCount];
        double[] normVar = new double[normCount];
        for (int g = 0; g < gc; g++) {
            int r = normIndex[g];
            if (r < 0) continue;
            String name = t.groupNames[g];
            if (normSize[r] == 0) {
                throw new TopologyException("overseer '" + t.nodeIds[overseerOfGroup[g]] + "' oversees group '" + name
                        + "', which has no member nodes");
            }
            if (!(t.groupRho[g] > 0 && t.groupRho[g] <= 1)) throw new TopologyException("group '" + name + "': rho " + t.groupRho[g] + " outside (0, 1]");
            if (!(t.groupEpsilon[g] > 0) || !Double.isFinite(t.groupEpsilon[g])) {
                throw new TopologyException("group '" + name + "': epsilon " + t.groupEpsilon[g] + " must be finite and > 0");
            }
            if (!Double.isFinite(t.groupMean[g])) throw new TopologyException("group '" + name + "': running mean " + t.groupMean[g] + " is not finite");
            if (!(t.groupVariance[g] >= 0) || !Double.isFinite(t.groupVariance[g])) {
                throw new TopologyException("group '" + name + "': running variance " + t.groupVariance[g] + " must be finite and >= 0");
            }
            normOverseer[r] = overseerOfGroup[g];
            normNames[r] = name;
            normRho[r] = t.groupRho[g];
            normEps[r] = t.groupEpsilon[g];
            normBatch[r] = t.groupBatchStatistics[g];
            normMean[r] = t.groupMean[g];
            normVar[r] = t.groupVariance[g];
        }
        double[] normGain = new double[normMembers.length];
        double[] normShift = new double[normMembers.length];
        for (int i = 0; i < normMembers.length; i++) {
            int v = normMembers[i];
            if (!Double.isFinite(t.gain[v]) || !Double.isFinite(t.shift[v])) {
                throw new TopologyException("node '" + t.nodeIds[v] + "': gain " + t.gain[v] + " and shift " + t.shift[v] + " must be finite");
            }
            normGain[i] = t.gain[v];
            normShift[i] = t.shift[v];
        }
        // The overseer's state is the group's mean: no in-edges; other nodes read it a step later at the earliest.
        for (int p = 0; p < src.length; p++) {
            if (overseerOf[dst[p]] >= 0) {
                throw new TopologyException("edge '" + t.nodeIds[src[p]] + "' -> '" + t.nodeIds[dst[p]] + "' enters overseer '"
                        + t.nodeIds[dst[p]] + "': an overseer's state is the mean of its group and takes no in-edges");
            }
            if (overseerOf[src[p]] >= 0 && d[p] < 1.0) {
                throw new TopologyException("edge '" + t.nodeIds[src[p]] + "' -> '" + t.nodeIds[dst[p]] + "' leaves overseer '"
                        + t.nodeIds[src[p]] + "' with delay " + d[p] + " < 1: edges out of an overseer need delay >= 1");
            }
        }
        // Evaluation blocks, numbered in order of their first node.
        int[] blockOf = new int[n];
        int[] normBlock = filled(normCount);
        int[] kwtaBlock = filled(kwtaCount);
        int[] ugBlock = filled(ugCount);
        int[] unitBlock = filled(uc);
        byte[] kinds = new byte[n];
        int[] index = new int[n];
        int blocks = 0;
        for (int v = 0; v < n; v++) {
            int[] table;
            int key;
            byte kind;
            int og = overseerOf[v] >= 0 ? t.group[v] : -1;
            if (kwtaOf[v] >= 0) { table = kwtaBlock; key = kwtaOf[v]; kind = KWTA; }
            else if (og >= 0 && kwtaIndex[og] >= 0) { table = kwtaBlock; key = kwtaIndex[og]; kind = KWTA; }
            else if (og >= 0) { table = normBlock; key = overseerOf[v]; kind = NORM; }
            else if (normOf[v] >= 0) { table = normBlock; key = normOf[v]; kind = NORM; }
            else if (unitOf[v] >= 0 && unitGroupOf[unitOf[v]] >= 0) { table = ugBlock; key = unitGroupOf[unitOf[v]]; kind = UNIT_GROUP; }
            else if (unitOf[v] >= 0) { table = unitBlock; key = unitOf[v]; kind = UNIT; }
            else { table = null; key = v; kind = PLAIN; }
            if (table == null || table[key] < 0) {
                if (table != null) table[key] = blocks;
                kinds[blocks] = kind;
                index[blocks] = key;
                blocks++;
            }
            blockOf[v] = table == null ? blocks - 1 : table[key];
        }
        // Internal edges and the instant-edge rules inside blocks.
        int e = src.length;
        byte[] internal = uc > 0 ? new byte[e] : null;
        for (int p = 0; p < e; p++) {
            int u = src[p];
            int v = dst[p];
            if (internal != null && unitOf[u] >= 0 && unitOf[u] == unitOf[v]) {
                internal[p] = 1;
                continue;
            }
            if (d[p] >= 1.0 || blockOf[u] != blockOf[v]) continue;
            String where = kwtaOf[u] >= 0 ? "inside k-WTA group '" + kwtaNames[kwtaOf[u]] + "'"
                    : normOf[u] >= 0 ? "inside overseen group '" + normNames[normOf[u]] + "'"
                    : "between units '" + t.unitNames[unitOf[u]] + "' and '" + t.unitNames[unitOf[v]] + "' of unit group '"
                    + ugNames[unitGroupOf[unitOf[u]]] + "'";
            throw new TopologyException("edge '" + t.nodeIds[u] + "' -> '" + t.nodeIds[v] + "' has delay " + d[p] + " < 1 "
                    + where + ": a block is evaluated at once, so edges within it need delay >= 1");
        }
        // Strongly connected components of the graph of blocks: an instant edge must not lie on a cycle of blocks.
        int[] bScc = blockComponents(blocks, blockOf, src, dst, internal);
        for (int p = 0; p < e; p++) {
            if (d[p] >= 1.0 || (internal != null && internal[p] != 0)) continue;
            int bu = blockOf[src[p]];
            int bv = blockOf[dst[p]];
            if (bu != bv && bScc[bu] == bScc[bv]) {
                throw new TopologyException("edge '" + t.nodeIds[src[p]] + "' -> '" + t.nodeIds[dst[p]] + "' has delay " + d[p]
                        + " < 1 but lies on a cycle through the evaluation blocks " + blockName(t, kinds, index, ugNames, kwtaNames, normNames, bu)
                        + " and " + blockName(t, kinds, index, ugNames, kwtaNames, normNames, bv)
                        + " (a block is evaluated at once; edges on a cycle of blocks need delay >= 1)");
            }
        }
        int[] blockNorm = filled(blocks);
        for (int v = 0; v < n; v++) if (normOf[v] >= 0) blockNorm[blockOf[v]] = normOf[v];
        Overseen norm = new Overseen(normPtr, normMembers, normOverseer, normNames, normRho, normEps, normBatch, normMean, normVar,
                normGain, normShift, normOf, overseerOf, blockNorm);
        return new GroupStructure(kwtaPtr, kwtaMembers, kwtaK, kwtaInfK, kwtaFactor, boost, period, duty, observations, kwtaNames,
                kwtaOf, unitPtr, unitMembers, t.unitRec.clone(), unitGroupOf, t.unitNames.clone(), unitOf, ugPtr, ugList,
                ugK, ugNames, internal, blockOf, Arrays.copyOf(kinds, blocks), Arrays.copyOf(index, blocks), bScc, norm);
    }

    private static String groupName(EdgeTable t, int v) {
        return t.group[v] < 0 ? "none" : "'" + t.groupNames[t.group[v]] + "'";
    }

    private static String blockName(EdgeTable t, byte[] kinds, int[] index, String[] ugNames, String[] kwtaNames,
                                    String[] normNames, int b) {
        switch (kinds[b]) {
            case NORM: return "overseen group '" + normNames[index[b]] + "'";
            case KWTA: return "k-WTA group '" + kwtaNames[index[b]] + "'";
            case UNIT_GROUP: return "unit group '" + ugNames[index[b]] + "'";
            case UNIT: return "unit '" + t.unitNames[index[b]] + "'";
            default: return "node '" + t.nodeIds[index[b]] + "'";
        }
    }

    private static int[] blockComponents(int blocks, int[] blockOf, int[] src, int[] dst, byte[] internal) {
        int e = src.length;
        int[] ptr = new int[blocks + 1];
        for (int p = 0; p < e; p++) {
            if (internal != null && internal[p] != 0) continue;
            ptr[blockOf[src[p]] + 1]++;
        }
        for (int b = 0; b < blocks; b++) ptr[b + 1] += ptr[b];
        int[] out = new int[ptr[blocks]];
        int[] fill = Arrays.copyOf(ptr, blocks);
        for (int p = 0; p < e; p++) {
            if (internal != null && internal[p] != 0) continue;
            out[fill[blockOf[src[p]]]++] = blockOf[dst[p]];
        }
        int[] comp = new int[blocks];
        GraphCompiler.tarjan(blocks, ptr, out, comp);
        return comp;
    }

    private static int[] prefix(int[] counts) {
        int[] ptr = new int[counts.length + 1];
        for (int i = 0; i < counts.length; i++) ptr[i + 1] = ptr[i] + counts[i];
        return ptr;
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, -1);
        return a;
    }
}
