package org.thousandbrains.checkpoint;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.thousandbrains.graph.compile.EdgeTable;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.optim.OptimizerState;
import org.thousandbrains.optim.ParamState;
import org.thousandbrains.train.EpochResult;
import org.thousandbrains.train.TrainerState;

/**
 * Payload of format version 3: tagged sections {@code M} metadata, {@code G} edge table, {@code X}
 * GraphML text, {@code P} parameters, {@code O} optimizer, {@code T} trainer, closed by {@code E}.
 * Each section appears at most once; {@code P} is required.
 *
 * <p>The edge table ({@code G}) is the whole model, enough to compile it again without any other input:
 * nodes (id, kind, activation), biases, thresholds, group and unit indices and names, edges in input order
 * (source, target, weight, delay, leak, learnable bits), the delay range, and (new in version 2) the
 * competition record {@link EdgeTable.Competition}: per group k, boost, period, eval-mode k factor,
 * observations and unit winners; per unit rec; per node the duty cycle; the readout steps T and window K;
 * and (new in version 3) the input steps L. Version 1 stopped after the delay range, version 2 after K;
 * neither is read.
 *
 * <p>Section {@code N} (optional, after {@code G}; written only when some setting differs from
 * {@link EdgeTable.Normalization#defaults}, so files without overseers are unchanged) is the edge
 * table's overseer-normalization record: per group ρ, ε, running mean, running variance, batch-statistics
 * flag; per node gain and shift. A file without it reads with the defaults.
 */
final class PayloadFormat {
    private PayloadFormat() {
    }

    static void write(Checkpoint cp, PayloadOutput out) throws IOException {
        out.tag('M');
        out.i32(cp.metadata().size());
        for (Map.Entry<String, String> e : cp.metadata().entrySet()) {
            out.str(e.getKey());
            out.str(e.getValue());
        }
        if (cp.graph() != null) {
            out.tag('G');
            writeGraph(cp.graph(), out);
            EdgeTable.Normalization norm = cp.graph().normalization();
            if (norm.differsFromDefaults()) {
                out.tag('N');
                out.doubles(norm.rho());
                out.doubles(norm.epsilon());
                out.doubles(norm.mean());
                out.doubles(norm.variance());
                for (boolean b : norm.batchStatistics()) out.bool(b);
                out.doubles(norm.gain());
                out.doubles(norm.shift());
            }
        }
        if (cp.graphml() != null) {
            out.tag('X');
            out.str(cp.graphml());
        }
        out.tag('P');
        out.i32(cp.parameters().size());
        for (Checkpoint.Tensor t : cp.parameters()) {
            out.str(t.name());
            out.str(t.group());
            out.bool(t.learnable());
            out.tensor(t.value());
        }
        if (cp.optimizerState() != null) {
            out.tag('O');
            writeOptimizer(cp.optimizerState(), out);
        }
        if (cp.trainerState() != null) {
            out.tag('T');
            writeTrainer(cp.trainerState(), out);
        }
        out.tag('E');
        out.flush();
    }

    static Checkpoint read(PayloadInput in) throws IOException, Malformed {
        Checkpoint.Builder b = Checkpoint.builder();
        Set<Character> seen = new HashSet<>();
        EdgeTable table = null;
        while (true) {
            char tag = in.tag();
            if (tag == 'E') break;
            if (!seen.add(tag)) throw new Malformed("section '" + tag + "' appears twice");
            switch (tag) {
                case 'M': {
                    int n = in.count("metadata", 8);
                    for (int i = 0; i < n; i++) b.meta(in.nonNullStr("metadata key"), in.str());
                    break;
                }
                case 'G': table = readGraph(in); b.graph(table); break;
                case 'N': table = readNormalization(in, table); b.graph(table); break;
                case 'X': b.graphml(in.nonNullStr("GraphML text")); break;
                case 'P': {
                    int n = in.count("parameter", 10);
                    for (int i = 0; i < n; i++) {
                        b.tensor(new Checkpoint.Tensor(in.nonNullStr("parameter name"), in.nonNullStr("parameter group"),
                                in.bool(), in.tensor()));
                    }
                    break;
                }
                case 'O': b.optimizer(readOptimizer(in)); break;
                case 'T': b.trainer(readTrainer(in)); break;
                default: throw new Malformed("unknown section tag " + (int) tag);
            }
        }
        if (!seen.contains('P')) throw new Malformed("no parameter section");
        if (in.remaining() != 0) throw new Malformed(in.remaining() + " bytes after the end marker");
        return b.build();
    }

    private static void writeGraph(EdgeTable t, PayloadOutput out) throws IOException {
        out.i32(t.nodeCount);
        for (int v = 0; v < t.nodeCount; v++) {
            out.str(t.nodeIds[v]);
            out.str(t.kind[v].name());
            out.str(t.activation[v].name());
        }
        out.doubles(t.bias);
        out.doubles(t.threshold);
        out.ints(t.group);
        writeNames(t.groupNames, out);
        out.ints(t.unit);
        writeNames(t.unitNames, out);
        out.ints(t.src);
        out.ints(t.dst);
        out.doubles(t.weight);
        out.doubles(t.delay);
        out.doubles(t.leak);
        out.bytes(t.learnable);
        out.f64(t.dMin);
        out.f64(t.dMax);
        out.ints(t.groupK);
        out.doubles(t.groupBoost);
        out.ints(t.groupPeriod);
        out.doubles(t.groupInferenceFactor);
        out.longs(t.groupObservations);
        out.ints(t.groupUnitK);
        out.ints(t.unitRec);
        out.doubles(t.duty);
        out.i32(t.steps);
        out.i32(t.readoutWindow);
        out.i32(t.inputSteps);
    }

    private static EdgeTable readGraph(PayloadInput in) throws IOException, Malformed {
        int n = in.count("node", 12);
        String[] ids = new String[n];
        NodeKind[] kind = new NodeKind[n];
        Activation[] act = new Activation[n];
        for (int v = 0; v < n; v++) {
            ids[v] = in.nonNullStr("node id");
            kind[v] = enumValue(NodeKind.class, in.nonNullStr("node kind"));
            act[v] = enumValue(Activation.class, in.nonNullStr("activation"));
        }
        double[] bias = in.doubles();
        double[] thr = in.doubles();
        int[] group = in.ints();
        String[] groupNames = readNames(in);
        int[] unit = in.ints();
        String[] unitNames = readNames(in);
        int[] src = in.ints();
        int[] dst = in.ints();
        double[] w = in.doubles();
        double[] d = in.doubles();
        double[] lam = in.doubles();
        byte[] learn = in.bytes();
        double dMin = in.f64();
        double dMax = in.f64();
        int[] groupK = in.ints();
        double[] boost = in.doubles();
        int[] period = in.ints();
        double[] factor = in.doubles();
        long[] observations = in.longs();
        int[] unitK = in.ints();
        int[] rec = in.ints();
        double[] duty = in.doubles();
        int steps = in.i32();
        int window = in.i32();
        int inputSteps = in.i32();
        EdgeTable.Competition c = new EdgeTable.Competition(groupK, boost, period, factor, observations, unitK, rec, duty,
                steps, window, inputSteps);
        try {
            return new EdgeTable(ids, kind, act, bias, thr, group, groupNames, unit, unitNames, src, dst, w, d, lam, learn,
                    dMin, dMax, c);
        } catch (IllegalArgumentException e) {
            throw new Malformed("graph section: " + e.getMessage());
        }
    }

    private static EdgeTable readNormalization(PayloadInput in, EdgeTable t) throws IOException, Malformed {
        if (t == null) throw new Malformed("normalization section before the graph section");
        double[] rho = in.doubles();
        double[] eps = in.doubles();
        double[] mean = in.doubles();
        double[] var = in.doubles();
        boolean[] batch = new boolean[t.groupNames.length];
        for (int g = 0; g < batch.length; g++) batch[g] = in.bool();
        double[] gain = in.doubles();
        double[] shift = in.doubles();
        try {
            return t.withNormalization(new EdgeTable.Normalization(rho, eps, mean, var, batch, gain, shift));
        } catch (IllegalArgumentException e) {
            throw new Malformed("normalization section: " + e.getMessage());
        }
    }

    private static void writeNames(String[] names, PayloadOutput out) throws IOException {
        out.i32(names.length);
        for (String s : names) out.str(s);
    }

    private static String[] readNames(PayloadInput in) throws IOException, Malformed {
        String[] names = new String[in.count("name", 4)];
        for (int i = 0; i < names.length; i++) names[i] = in.nonNullStr("name");
        return names;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name) throws Malformed {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new Malformed("unknown " + type.getSimpleName() + " '" + name + "'");
        }
    }

    private static void writeOptimizer(OptimizerState s, PayloadOutput out) throws IOException {
        out.str(s.type());
        out.i32(s.hyper().size());
        for (Map.Entry<String, Double> h : s.hyper().entrySet()) {
            out.str(h.getKey());
            out.f64(h.getValue());
        }
        out.i32(s.groups().size());
        for (OptimizerState.Group g : s.groups()) {
            out.str(g.name());
            out.f64(g.lr());
            out.f64(g.weightDecay());
            writeNames(g.parameterNames().toArray(new String[0]), out);
        }
        out.i32(s.params().size());
        for (Map.Entry<String, ParamState> p : s.params().entrySet()) {
            out.str(p.getKey());
            out.i64(p.getValue().step());
            out.i32(p.getValue().buffers().size());
            for (Map.Entry<String, INDArray> b : p.getValue().buffers().entrySet()) {
                out.str(b.getKey());
                out.tensor(b.getValue());
            }
        }
    }

    private static OptimizerState readOptimizer(PayloadInput in) throws IOException, Malformed {
        String type = in.nonNullStr("optimizer type");
        Map<String, Double> hyper = new LinkedHashMap<>();
        int nh = in.count("hyper-parameter", 12);
        for (int i = 0; i < nh; i++) hyper.put(in.nonNullStr("hyper-parameter name"), in.f64());
        List<OptimizerState.Group> groups = new ArrayList<>();
        int ng = in.count("group", 24);
        for (int i = 0; i < ng; i++) {
            groups.add(new OptimizerState.Group(in.nonNullStr("group name"), in.f64(), in.f64(), List.of(readNames(in))));
        }
        Map<String, ParamState> params = new LinkedHashMap<>();
        int np = in.count("parameter state", 16);
        for (int i = 0; i < np; i++) {
            String name = in.nonNullStr("parameter name");
            long step = in.i64();
            Map<String, INDArray> buffers = new LinkedHashMap<>();
            int nb = in.count("buffer", 9);
            for (int k = 0; k < nb; k++) buffers.put(in.nonNullStr("buffer name"), in.tensor());
            params.put(name, new ParamState(step, buffers));
        }
        return new OptimizerState(type, hyper, groups, params);
    }

    private static void writeTrainer(TrainerState s, PayloadOutput out) throws IOException {
        out.i32(s.epoch());
        out.i32(s.batch());
        out.i64(s.step());
        out.i64(s.epochRngState());
        out.i64(s.rngState());
        out.f64(s.lossSum());
        out.i64(s.seen());
        out.i64(s.correct());
        out.i64(s.labelled());
        out.f64(s.seconds());
        out.f64(s.best());
        out.i32(s.bestEpoch());
        out.i32(s.epochsWithoutImprovement());
        out.bool(s.stopped());
        out.i32(s.history().size());
        for (EpochResult r : s.history()) {
            out.i32(r.epoch());
            out.f64(r.loss());
            out.f64(r.accuracy());
            out.f64(r.seconds());
            out.i64(r.steps());
            out.i32(r.metrics().size());
            for (Map.Entry<String, Double> m : r.metrics().entrySet()) {
                out.str(m.getKey());
                out.f64(m.getValue());
            }
        }
    }

    private static TrainerState readTrainer(PayloadInput in) throws IOException, Malformed {
        int epoch = in.i32();
        int batch = in.i32();
        long step = in.i64();
        long epochRng = in.i64();
        long rng = in.i64();
        double lossSum = in.f64();
        long seen = in.i64();
        long correct = in.i64();
        long labelled = in.i64();
        double seconds = in.f64();
        double best = in.f64();
        int bestEpoch = in.i32();
        int wait = in.i32();
        boolean stopped = in.bool();
        if (epoch < 0 || batch < 0 || step < 0) throw new Malformed("trainer position " + epoch + "/" + batch + "/" + step);
        List<EpochResult> history = new ArrayList<>();
        int n = in.count("epoch record", 40);
        for (int i = 0; i < n; i++) {
            int e = in.i32();
            double loss = in.f64();
            double acc = in.f64();
            double sec = in.f64();
            long steps = in.i64();
            Map<String, Double> metrics = new LinkedHashMap<>();
            int nm = in.count("metric", 12);
            for (int k = 0; k < nm; k++) metrics.put(in.nonNullStr("metric name"), in.f64());
            history.add(new EpochResult(e, loss, acc, sec, steps, metrics));
        }
        return new TrainerState(epoch, batch, step, epochRng, rng, lossSum, seen, correct, labelled, seconds, best,
                bestEpoch, wait, stopped, history);
    }
}
