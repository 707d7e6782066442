package org.thousandbrains.ops.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.compile.EdgeTable;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.io.Json;

/**
 * One reference case in the {@code thousandBrains-testvector/1} format (see the README beside the
 * shared test vectors): the graph as flat arrays in file order, the inputs, and the expected states,
 * readout, loss and gradients. Optional fields ({@code a}, {@code s}, {@code x0}, gradients) are null
 * when absent. Batched arrays are flattened node-major, batch innermost, like the operator's.
 */
public final class TestVector {
    public static final String FORMAT = "thousandBrains-testvector/1";
    /** Format 2 adds k-WTA groups, units, unit groups, firing thresholds, firing masks and duty cycles. */
    public static final String FORMAT_2 = "thousandBrains-testvector/2";

    /** A k-WTA group of the file: members (ascending), k, β, period, duty cycles (per member), observations. */
    public record Group(int[] members, int k, double beta, int period, double[] duty, long observations) {
    }

    /** A unit of the file: members and inner recursions. */
    public record UnitSpec(int[] members, int rec) {
    }

    /** A unit group of the file: unit indices and winners. */
    /**
     * The {@code rules} block of format 2 (README "Format 2"): expected results of the learning rules
     * on this forward; every array in the file's order (edges as in {@code src}/{@code dst}).
     */
    public record RuleCase(double[] fired, double[] firedW, double[] firedD, double[] firedLam, double[] firedB,
                           double gamma, double eta, double alpha, double[] rewards, double baseline, double[] eligibility,
                           double[] threeFactorDw, double baselineAfter,
                           double hebbianEta, boolean[] correct, double[] hebbianDw,
                           double l1Alpha, double l1Penalty, double[] l1W, double[] l1D, double[] l1Lam, double[] l1B) {
    }

    public record UnitGroupSpec(int[] units, int k) {
    }

    public final String name;
    public final int n;
    public final int e;
    public final int batch;
    public final int steps;
    public final double dMin;
    public final double dMax;
    public final int readoutK;
    public final int[] src;
    public final int[] dst;
    public final double[] weight;
    public final double[] delay;
    public final double[] leak;
    public final double[] bias;
    public final Activation[] activation;
    public final boolean[] isInput;
    public final int[] outputs;
    /** {@code [T][N][B]}. */
    public final double[] inputs;
    /** {@code [N][B]} or null (zeros). */
    public final double[] x0;
    /** The loss matrix {@code [nOut][B]}: {@code L = Σ readout·R}. */
    public final double[] lossMatrix;
    /** Expected values; {@code x, a} {@code [T][N][B]}, {@code s} {@code [T][E][B]} in file edge order. */
    public final double[] x;
    public final double[] a;
    public final double[] s;
    public final double[] readout;
    public final Double loss;
    public final double[] gradW;
    public final double[] gradD;
    public final double[] gradLam;
    public final double[] gradB;
    public final double[] gradI;
    public final double[] gradX0;
    /** Format 2 (defaults for format 1: eval mode, θ = 0, no groups): */
    public final int format;
    public final boolean training;
    public final double[] theta;
    public final List<Group> groups;
    public final List<UnitSpec> units;
    public final List<UnitGroupSpec> unitGroups;
    /** Expected firing masks {@code [T][N][B]} (0/1), or null. */
    public final double[] firing;
    /** Expected duty cycles after the pass, per group (member order), and observations; null when absent. */
    public final double[][] dutyAfter;
    public final long[] observationsAfter;
    /** The expected learning-rule results, or null when the file has no {@code rules} block. */
    public final RuleCase rules;

    private TestVector(Map<String, Object> m) {
        Object format = m.get("format");
        if (FORMAT.equals(format)) this.format = 1;
        else if (FORMAT_2.equals(format)) this.format = 2;
        else throw new IllegalArgumentException("format is " + format + ", expected " + FORMAT + " or " + FORMAT_2);
        name = m.get("name") == null ? "?" : m.get("name").toString();
        n = integer(m, "N");
        e = integer(m, "E");
        batch = integer(m, "B");
        steps = integer(m, "T");
        dMin = number(m, "d_min");
        dMax = number(m, "d_max");
        readoutK = m.containsKey("readout_K") ? integer(m, "readout_K") : 1;
        src = ints(m, "src", e);
        dst = ints(m, "dst", e);
        weight = flat(m, "w", e);
        delay = flat(m, "d", e);
        leak = flat(m, "lam", e);
        bias = flat(m, "b", n);
        List<?> acts = list(m, "act", n);
        activation = new Activation[n];
        for (int v = 0; v < n; v++) activation[v] = Activation.parse(String.valueOf(acts.get(v)));
        List<?> inp = list(m, "is_input", n);
        isInput = new boolean[n];
        for (int v = 0; v < n; v++) isInput[v] = Boolean.TRUE.equals(inp.get(v));
        outputs = ints(m, "outputs", -1);
        for (int o : outputs) if (o < 0 || o >= n) throw new IllegalArgumentException("outputs: node " + o + " outside [0, " + n + ")");
        for (int i = 0; i < e; i++) {
            if (src[i] < 0 || src[i] >= n || dst[i] < 0 || dst[i] >= n) {
                throw new IllegalArgumentException("edge " + i + ": endpoint outside [0, " + n + ")");
            }
        }
        int nb = n * batch;
        inputs = m.containsKey("I") ? flat(m, "I", steps * nb) : new double[steps * nb];
        x0 = optional(m, "x0", nb);
        lossMatrix = optional(m, "R", outputs.length * batch);
        x = optional(m, "x", steps * nb);
        a = optional(m, "a", steps * nb);
        s = optional(m, "s", steps * e * batch);
        readout = optional(m, "readout", outputs.length * batch);
        loss = m.get("loss") instanceof Double ? (Double) m.get("loss") : null;
        @SuppressWarnings("unchecked")
        Map<String, Object> g = m.get("grad") instanceof Map ? (Map<String, Object>) m.get("grad") : Map.of();
        gradW = optional(g, "w", e);
        gradD = optional(g, "d", e);
        gradLam = optional(g, "lam", e);
        gradB = optional(g, "b", n);
        gradI = optional(g, "I", steps * nb);
        gradX0 = optional(g, "x0", nb);
        if (batch < 1 || steps < 1) throw new IllegalArgumentException("B and T must be >= 1");
        Object mode = m.getOrDefault("mode", "eval");
        if (!"train".equals(mode) && !"eval".equals(mode)) throw new IllegalArgumentException("mode must be train or eval, got " + mode);
        training = "train".equals(mode);
        theta = m.containsKey("theta") ? flat(m, "theta", n) : new double[n];
        groups = new ArrayList<>();
        for (Map<String, Object> gm : objects(m, "groups")) {
            int[] members = ints(gm, "members", -1);
            groups.add(new Group(members, integer(gm, "k"), number(gm, "beta"), integer(gm, "period"),
                    flat(gm, "duty", members.length), (long) number(gm, "observations")));
        }
        units = new ArrayList<>();
        for (Map<String, Object> u : objects(m, "units")) units.add(new UnitSpec(ints(u, "members", -1), integer(u, "rec")));
        unitGroups = new ArrayList<>();
        for (Map<String, Object> q : objects(m, "unit_groups")) unitGroups.add(new UnitGroupSpec(ints(q, "units", -1), integer(q, "k")));
        firing = optional(m, "firing", steps * nb);
        if (m.get("duty_after") instanceof List) {
            List<?> da = (List<?>) m.get("duty_after");
            if (da.size() != groups.size()) throw new IllegalArgumentException("duty_after has " + da.size() + " groups, expected " + groups.size());
            dutyAfter = new double[groups.size()][];
            for (int i = 0; i < dutyAfter.length; i++) {
                dutyAfter[i] = flat(Map.of("duty_after", da.get(i)), "duty_after", groups.get(i).members().length);
            }
            double[] obs = flat(m, "observations_after", groups.size());
            observationsAfter = new long[obs.length];
            for (int i = 0; i < obs.length; i++) observationsAfter[i] = (long) obs[i];
        } else {
            dutyAfter = null;
            observationsAfter = null;
        }
        if (readoutK < 1 || readoutK > steps) throw new IllegalArgumentException("readout_K must lie in 1..T");
        rules = m.get("rules") instanceof Map ? ruleCase(object(m, "rules")) : null;
    }

    private RuleCase ruleCase(Map<String, Object> r) {
        Map<String, Object> fo = object(r, "fired_only");
        Map<String, Object> fg = object(fo, "grad");
        Map<String, Object> tf = object(r, "three_factor");
        Map<String, Object> hb = object(r, "hebbian");
        Map<String, Object> l1 = object(r, "l1");
        Map<String, Object> lg = object(l1, "grad");
        List<?> c = list(hb, "correct", batch);
        boolean[] correct = new boolean[batch];
        for (int b = 0; b < batch; b++) {
            if (!(c.get(b) instanceof Boolean)) throw new IllegalArgumentException("field 'rules.hebbian.correct'[" + b + "] is not a boolean");
            correct[b] = (Boolean) c.get(b);
        }
        return new RuleCase(flat(fo, "fired", n * batch), flat(fg, "w", e), flat(fg, "d", e), flat(fg, "lam", e), flat(fg, "b", n),
                number(tf, "gamma"), number(tf, "eta"), number(tf, "alpha"), flat(tf, "R", batch), number(tf, "R_bar"),
                flat(tf, "E", e * batch), flat(tf, "dw", e), number(tf, "R_bar_after"),
                number(hb, "eta_h"), correct, flat(hb, "dw", e),
                number(l1, "alpha"), number(l1, "penalty"), flat(lg, "w", e), flat(lg, "d", e), flat(lg, "lam", e), flat(lg, "b", n));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> m, String key) {
        Object o = m.get(key);
        if (!(o instanceof Map)) throw new IllegalArgumentException("field '" + key + "' missing or not an object");
        return (Map<String, Object>) o;
    }

    /** Reads and checks a file; errors name the file and the field. */
    public static TestVector read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Object root;
        try {
            root = Json.parse(text);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(file + ": " + ex.getMessage(), ex);
        }
        if (!(root instanceof Map)) throw new IllegalArgumentException(file + ": not a JSON object");
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) root;
            return new TestVector(m);
        } catch (IllegalArgumentException | ClassCastException ex) {
            throw new IllegalArgumentException(file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * The graph of this case: nodes 0..N-1 as in the file (inputs clamped, outputs marked), k-WTA
     * groups {@code g0, g1, ...}, units {@code u0, ...} and unit groups {@code ug0, ...}, edges
     * compiled to CSR.
     */
    public CompiledGraph compile() {
        String[] ids = new String[n];
        NodeKind[] kind = new NodeKind[n];
        int[] group = new int[n];
        Arrays.fill(group, -1);
        int[] unit = group.clone();
        int gc = groups.size() + unitGroups.size();
        String[] groupNames = new String[gc];
        String[] unitNames = new String[units.size()];
        EdgeTable.Competition c = EdgeTable.Competition.defaults(gc, units.size(), n);
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            groupNames[i] = "g" + i;
            c.k()[i] = g.k();
            c.boost()[i] = g.beta();
            c.period()[i] = g.period();
            c.observations()[i] = g.observations();
            for (int j = 0; j < g.members().length; j++) {
                group[g.members()[j]] = i;
                c.duty()[g.members()[j]] = g.duty()[j];
            }
        }
        for (int u = 0; u < units.size(); u++) {
            unitNames[u] = "u" + u;
            c.rec()[u] = units.get(u).rec();
            for (int v : units.get(u).members()) unit[v] = u;
        }
        for (int i = 0; i < unitGroups.size(); i++) {
            int gi = groups.size() + i;
            groupNames[gi] = "ug" + i;
            c.unitK()[gi] = unitGroups.get(i).k();
            for (int u : unitGroups.get(i).units()) for (int v : units.get(u).members()) group[v] = gi;
        }
        boolean[] isOut = new boolean[n];
        for (int o : outputs) isOut[o] = true;
        for (int v = 0; v < n; v++) {
            ids[v] = Integer.toString(v);
            kind[v] = isInput[v] ? NodeKind.INPUT : isOut[v] ? NodeKind.OUTPUT : NodeKind.NEURON;
        }
        byte[] learn = new byte[e];
        Arrays.fill(learn, (byte) Learnable.ALL);
        c = new EdgeTable.Competition(c.k(), c.boost(), c.period(), c.inferenceFactor(), c.observations(), c.unitK(),
                c.rec(), c.duty(), steps, readoutK);
        EdgeTable t = new EdgeTable(ids, kind, activation.clone(), bias.clone(), theta.clone(), group, groupNames,
                unit, unitNames, src.clone(), dst.clone(), weight.clone(), delay.clone(), leak.clone(), learn,
                dMin, dMax, c);
        return GraphCompiler.compile(t);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(Map<String, Object> m, String key) {
        Object o = m.get(key);
        if (o == null) return List.of();
        if (!(o instanceof List)) throw new IllegalArgumentException("field '" + key + "' is not an array");
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object x : (List<?>) o) {
            if (!(x instanceof Map)) throw new IllegalArgumentException("field '" + key + "' holds a non-object: " + x);
            out.add((Map<String, Object>) x);
        }
        return out;
    }

    private static int integer(Map<String, Object> m, String key) {
        double v = number(m, key);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) throw new IllegalArgumentException(key + " is not an integer: " + v);
        return (int) v;
    }

    private static double number(Map<String, Object> m, String key) {
        Object o = m.get(key);
        if (!(o instanceof Double)) throw new IllegalArgumentException("field '" + key + "' missing or not a number");
        return (Double) o;
    }

    private static List<?> list(Map<String, Object> m, String key, int length) {
        Object o = m.get(key);
        if (!(o instanceof List)) throw new IllegalArgumentException("field '" + key + "' missing or not an array");
        List<?> l = (List<?>) o;
        if (length >= 0 && l.size() != length) {
            throw new IllegalArgumentException("field '" + key + "' has " + l.size() + " entries, expected " + length);
        }
        return l;
    }

    private static int[] ints(Map<String, Object> m, String key, int length) {
        double[] d = flat(m, key, length);
        int[] r = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] != Math.rint(d[i])) throw new IllegalArgumentException("field '" + key + "'[" + i + "] is not an integer");
            r[i] = (int) d[i];
        }
        return r;
    }

    private static double[] optional(Map<String, Object> m, String key, int length) {
        return m.containsKey(key) && m.get(key) != null ? flat(m, key, length) : null;
    }

    /** Flattens a nested list of numbers depth-first; {@code length < 0} accepts any count. */
    private static double[] flat(Map<String, Object> m, String key, int length) {
        Object o = m.get(key);
        if (!(o instanceof List)) throw new IllegalArgumentException("field '" + key + "' missing or not an array");
        double[] out = new double[Math.max(length, 0)];
        int[] count = {0};
        double[][] holder = {out};
        collect(o, key, holder, count, length < 0);
        if (length >= 0 && count[0] != length) {
            throw new IllegalArgumentException("field '" + key + "' has " + count[0] + " numbers, expected " + length);
        }
        return length < 0 ? Arrays.copyOf(holder[0], count[0]) : holder[0];
    }

    private static void collect(Object o, String key, double[][] out, int[] count, boolean grow) {
        if (o instanceof List) {
            for (Object x : (List<?>) o) collect(x, key, out, count, grow);
        } else if (o instanceof Double) {
            if (count[0] == out[0].length) {
                if (!grow) {
                    count[0]++;
                    return;
                }
                out[0] = Arrays.copyOf(out[0], Math.max(8, out[0].length * 2));
            }
            out[0][count[0]++] = (Double) o;
        } else {
            throw new IllegalArgumentException("field '" + key + "' holds a non-number: " + o);
        }
    }
}
