package org.thousandbrains.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.thousandbrains.autodiff.Parameter;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.nn.KWinners;
import org.thousandbrains.nn.UnitWinners;

/**
 * The forward pass and the exact backward pass (BPTT over the outer steps) of a {@link BlockLayout},
 * written by hand over reused buffers ({@link Frame}): every matrix block is one GEMM forward and two
 * backward ({@link Gemm}: the OpenBLAS of ND4J's CPU backend on the ND4J arrays' memory), everything
 * element-wise (activations, traces, masks, k-WTA) runs in Java over the buffers' memory. Parameter
 * gradients are added straight into {@link Parameter#grad()}.
 * The semantics are those documented on {@link LayeredModel}.
 */
final class BlockProgram {
    /** Static structure: which blocks feed each group, and the sizes the frames need. */
    static final class Shape {
        final int[][] feedForward;
        final int[] internal;
        final int[][] lists;
        final int[] listSizes;
        /** Groups that edge-list blocks read from. */
        final boolean[] listSources;
        final boolean readsInput;
        final boolean inputGrad;

        Shape(BlockLayout layout, boolean inputGrad) {
            int gc = layout.groups().size();
            feedForward = new int[gc][];
            internal = new int[gc];
            lists = new int[gc][];
            Arrays.fill(internal, -1);
            for (int p = 0; p < gc; p++) {
                List<Integer> ff = new ArrayList<>();
                for (int i = 0; i < layout.matrices().size(); i++) {
                    MatrixBlock b = layout.matrices().get(i);
                    if (b.target() != p) continue;
                    if (b.role() == MatrixBlock.Role.UNIT_INTERNAL) internal[p] = i;
                    else ff.add(i);
                }
                feedForward[p] = ff.stream().mapToInt(Integer::intValue).toArray();
                List<Integer> ls = new ArrayList<>();
                for (int i = 0; i < layout.edgeLists().size(); i++) if (layout.edgeLists().get(i).target() == p) ls.add(i);
                lists[p] = ls.stream().mapToInt(Integer::intValue).toArray();
            }
            listSizes = new int[layout.edgeLists().size()];
            listSources = new boolean[gc];
            boolean reads = false;
            for (int i = 0; i < listSizes.length; i++) {
                listSizes[i] = layout.edgeLists().get(i).size();
                listSources[layout.edgeLists().get(i).source()] = true;
                reads |= layout.edgeLists().get(i).source() == layout.input();
            }
            this.readsInput = reads;
            this.inputGrad = inputGrad;
        }
    }

    /** One forward pass: the frame holding its states and the frame's generation at that time. */
    record Run(Frame frame, int generation, boolean inputGrad) {
    }

    private final BlockLayout layout;
    private final DataType type;
    private final int steps;
    private final Parameter[] weight;
    private final Parameter[] listWeight;
    private final Parameter[] listLeak;
    private final Parameter[] bias;
    private final KWinners[] kWinners;
    private final UnitWinners[] unitWinners;
    private final Shape[] shapes;
    private final Map<String, Frame> frames = new HashMap<>();

    BlockProgram(BlockLayout layout, DataType type, int steps, Parameter[] weight, Parameter[] listWeight,
                 Parameter[] listLeak, Parameter[] bias, KWinners[] kWinners, UnitWinners[] unitWinners) {
        this.layout = layout;
        this.type = type;
        this.steps = steps;
        this.weight = weight;
        this.listWeight = listWeight;
        this.listLeak = listLeak;
        this.bias = bias;
        this.kWinners = kWinners;
        this.unitWinners = unitWinners;
        this.shapes = new Shape[] {new Shape(layout, false), new Shape(layout, true)};
    }

    int steps() { return steps; }

    /** The frame for this batch size and mode; at most a few sizes are kept (training, last batch, evaluation). */
    private Frame frame(int rows, boolean training, boolean inputGrad) {
        String key = rows + (training ? "t" : "e") + (inputGrad ? "g" : "");
        Frame f = frames.get(key);
        if (f == null) {
            if (frames.size() >= 6) frames.clear();
            f = new Frame(rows, steps, layout.groups(), shapes[inputGrad ? 1 : 0], type);
            frames.put(key, f);
        }
        return f;
    }

    // ---- forward ----------------------------------------------------------------------------------------

    /** Runs all steps for the batch {@code x [B, inputs]}; k-WTA duty cycles learn when {@code training}. */
    Run forward(INDArray x, boolean training, boolean inputGrad) {
        int rows = (int) x.size(0);
        Frame f = frame(rows, training, inputGrad);
        f.generation++;
        INDArray in = x.dataType() == type && !x.isView() && x.ordering() == 'c' ? x : x.castTo(type).dup('c');
        int ip = layout.input();
        for (int t = 1; t <= steps; t++) f.x[t][ip] = in;
        if (f.xHost[1][ip] != null) {
            Host.read(in, f.xHost[1][ip]);
            for (int t = 2; t <= steps; t++) f.xHost[t][ip] = f.xHost[1][ip];
        }
        Shape shape = shapes[inputGrad ? 1 : 0];
        for (int t = 1; t <= steps; t++) {
            for (int p = 0; p < layout.groups().size(); p++) {
                if (p == ip) continue;
                external(f, shape, t, p);
                activate(f, shape, t, p);
                compete(f, t, p, training);
            }
        }
        return new Run(f, f.generation, inputGrad);
    }

    /** The output group's state at the last step (a new array). */
    INDArray logits(Run run) {
        return run.frame().x[steps][layout.output()].dup();
    }

    /** The state of group {@code p} at step {@code t} of a run (a new array). */
    INDArray state(Run run, int t, int p) {
        return run.frame().x[t][p].dup();
    }

    /** {@code e = b + Σ x_src(t - d) W + Σ_lists w · s(t)} into {@code f.eHost[p]}. */
    private void external(Frame f, Shape shape, int t, int p) {
        GroupPlan g = layout.group(p);
        int n = g.size();
        double[] e = f.eHost[p];
        boolean any = false;
        for (int i : shape.feedForward[p]) {
            MatrixBlock b = layout.matrices().get(i);
            if (t - b.delay() < 1) continue;
            Gemm.gemm(f.x[t - b.delay()][b.source()], false, weight[i].value(), false, f.e[p], any ? 1.0 : 0.0);
            any = true;
        }
        if (any) Host.read(f.e[p], e);
        else Arrays.fill(e, 0);
        double[] bv = values(bias[p]);
        for (int r = 0; r < f.rows; r++) {
            int base = r * n;
            for (int j = 0; j < n; j++) e[base + j] += bv[j];
        }
        for (int i : shape.lists[p]) {
            EdgeListBlock b = layout.edgeLists().get(i);
            double[] s = f.trace[t][i];
            updateTrace(f, b, t, layout.group(b.source()).size(), values(listLeak[i]), f.trace[t - 1][i], s);
            double[] w = values(listWeight[i]);
            int m = b.size();
            int[] tc = b.targetCol();
            for (int r = 0; r < f.rows; r++) {
                for (int k = 0; k < m; k++) e[r * n + tc[k]] += w[k] * s[r * m + k];
            }
        }
    }

    /** {@code s(t) = λ s(t-1) + (1-f) x_u(t-k) + f x_u(t-k-1)}. */
    private static void updateTrace(Frame f, EdgeListBlock b, int t, int width, double[] leak, double[] prev, double[] s) {
        int m = b.size();
        int k = b.wholeSteps();
        double frac = b.fraction();
        int[] sc = b.sourceCol();
        double[] near = t - k >= 1 ? f.xHost[t - k][b.source()] : null;
        double[] far = frac > 0 && t - k - 1 >= 1 ? f.xHost[t - k - 1][b.source()] : null;
        for (int r = 0; r < f.rows; r++) {
            for (int q = 0; q < m; q++) {
                int i = r * m + q;
                double v = leak[q] * prev[i];
                if (near != null) v += (1 - frac) * near[r * width + sc[q]];
                if (far != null) v += frac * far[r * width + sc[q]];
                s[i] = v;
            }
        }
    }

    /** Inner recursion of unit groups ({@code zʲ = φ(e + zʲ⁻¹ W_int)}, {@code z⁰ = x(t-1)}) or {@code z = φ(e)}. */
    private void activate(Frame f, Shape shape, int t, int p) {
        GroupPlan g = layout.group(p);
        Activation act = g.activation();
        double[] e = f.eHost[p];
        int w = shape.internal[p];
        if (w < 0) {
            double[] z = f.zHost[t][p][1];
            apply(act, e, null, z);
            Host.write(z, f.z[t][p][1]);
            return;
        }
        for (int j = 1; j <= g.rec(); j++) {
            INDArray prev = j == 1 ? (t > 1 ? f.x[t - 1][p] : null) : f.z[t][p][j - 1];
            double[] z = f.zHost[t][p][j];
            if (prev == null) {
                apply(act, e, null, z);
            } else {
                Gemm.gemm(prev, false, weight[w].value(), false, f.a[p], 0.0);
                Host.read(f.a[p], z);
                apply(act, e, z, z);
            }
            Host.write(z, f.z[t][p][j]);
        }
    }

    /** Unit competition, then k-WTA (with the duty-cycle update in training), into the group's state. */
    private void compete(Frame f, int t, int p, boolean training) {
        if (unitWinners[p] == null && kWinners[p] == null) return;
        double[] y = f.zHost[t][p][f.zHost[t][p].length - 1];
        float[] s = f.scratch[p];
        for (int i = 0; i < s.length; i++) s[i] = (float) y[i];
        if (unitWinners[p] != null) {
            float[] m = f.unitMask[t][p];
            unitWinners[p].winners(s, f.rows, m);
            for (int i = 0; i < s.length; i++) s[i] = m[i] == 0 ? 0f : s[i];
        }
        if (kWinners[p] != null) {
            float[] m = f.winnerMask[t][p];
            kWinners[p].winners(s, f.rows, m);
            for (int i = 0; i < s.length; i++) s[i] = m[i] == 0 ? 0f : s[i];
            if (training) kWinners[p].updateDutyCycle(s, f.rows);
        }
        double[] x = f.xHost[t][p];
        if (x == null) {
            f.x[t][p].data().asNioFloat().put(0, s, 0, s.length);
            return;
        }
        float[] um = f.unitMask[t][p];
        float[] km = f.winnerMask[t][p];
        for (int i = 0; i < x.length; i++) {
            boolean off = (um != null && um[i] == 0) || (km != null && km[i] == 0);
            x[i] = off ? 0 : y[i];
        }
        Host.write(x, f.x[t][p]);
    }

    // ---- backward ---------------------------------------------------------------------------------------

    /**
     * Back-propagates {@code dL/dlogits} through all steps: adds the parameter gradients into their
     * {@code grad()} and returns {@code dL/dx} (summed over the steps the input is clamped) when the run
     * was made with {@code inputGrad}, else null.
     */
    INDArray backward(Run run, INDArray gradLogits) {
        Frame f = run.frame();
        if (f.generation != run.generation()) {
            throw new IllegalStateException("the model ran another forward pass of batch size " + f.rows
                    + " before this backward pass; run backward first");
        }
        Shape shape = shapes[run.inputGrad() ? 1 : 0];
        int gc = layout.groups().size();
        for (int t = 1; t <= steps; t++) for (int p = 0; p < gc; p++) if (f.gx[t][p] != null) Host.zero(f.gx[t][p]);
        for (double[] g : f.traceGrad) Arrays.fill(g, 0);
        f.gx[steps][layout.output()].assign(gradLogits);
        for (int t = steps; t >= 1; t--) {
            for (int p = gc - 1; p >= 0; p--) {
                if (p == layout.input()) continue;
                backwardGroup(f, shape, t, p);
            }
        }
        if (!run.inputGrad()) return null;
        INDArray gin = f.gx[1][layout.input()].dup();
        for (int t = 2; t <= steps; t++) gin.addi(f.gx[t][layout.input()]);
        return gin;
    }

    private void backwardGroup(Frame f, Shape shape, int t, int p) {
        GroupPlan g = layout.group(p);
        int n = g.size();
        double[] grad = f.gHost[p];
        Host.read(f.gx[t][p], grad);
        if (kWinners[p] != null) mask(grad, f.winnerMask[t][p]);
        if (unitWinners[p] != null) mask(grad, f.unitMask[t][p]);
        double[] ge = f.geHost[p];
        Arrays.fill(ge, 0);
        Activation act = g.activation();
        int w = shape.internal[p];
        int rec = w >= 0 ? g.rec() : 1;
        for (int j = rec; j >= 1; j--) {
            slope(act, f.zHost[t][p][j], grad);
            for (int i = 0; i < grad.length; i++) ge[i] += grad[i];
            if (w < 0) break;
            INDArray prev = j == 1 ? (t > 1 ? f.x[t - 1][p] : null) : f.z[t][p][j - 1];
            if (prev == null) break;
            Host.write(grad, f.ga[p]);
            if (weight[w].learnable()) Gemm.gemm(prev, true, f.ga[p], false, weight[w].grad(), 1.0);
            Gemm.gemm(f.ga[p], false, weight[w].value(), true, f.gz[p], 0.0);
            Host.read(f.gz[p], grad);
            if (j == 1) Host.add(grad, f.gx[t - 1][p]);
        }
        addColumnSums(ge, f.rows, n, bias[p]);
        Host.write(ge, f.ge[p]);
        for (int i : shape.feedForward[p]) {
            MatrixBlock b = layout.matrices().get(i);
            int ts = t - b.delay();
            if (ts < 1) continue;
            if (weight[i].learnable()) Gemm.gemm(f.x[ts][b.source()], true, f.ge[p], false, weight[i].grad(), 1.0);
            if (f.gx[ts][b.source()] != null) Gemm.gemm(f.ge[p], false, weight[i].value(), true, f.gx[ts][b.source()], 1.0);
        }
        for (int i : shape.lists[p]) backwardList(f, i, t, ge, n);
    }

    /** Gradients of one edge-list block at step t; {@code ge} is dL/de of its target group. */
    private void backwardList(Frame f, int i, int t, double[] ge, int n) {
        EdgeListBlock b = layout.edgeLists().get(i);
        int m = b.size();
        int[] tc = b.targetCol();
        int[] sc = b.sourceCol();
        double[] w = values(listWeight[i]);
        double[] leak = values(listLeak[i]);
        double[] s = f.trace[t][i];
        double[] prev = f.trace[t - 1][i];
        double[] gs = f.traceGrad[i];
        double[] dw = new double[m];
        double[] dl = new double[m];
        for (int r = 0; r < f.rows; r++) {
            for (int q = 0; q < m; q++) {
                int k = r * m + q;
                double gm = ge[r * n + tc[q]];
                dw[q] += gm * s[k];
                gs[k] += gm * w[q];
                dl[q] += gs[k] * prev[k];
            }
        }
        if (listWeight[i].learnable()) Host.add(dw, listWeight[i].grad());
        if (listLeak[i].learnable()) Host.add(dl, listLeak[i].grad());
        int whole = b.wholeSteps();
        double frac = b.fraction();
        scatterRead(f, b, t - whole, 1 - frac, gs, m, sc);
        if (frac > 0) scatterRead(f, b, t - whole - 1, frac, gs, m, sc);
        for (int r = 0; r < f.rows; r++) for (int q = 0; q < m; q++) gs[r * m + q] *= leak[q];
    }

    /** Adds {@code coef · gs} to the source state's gradient at step {@code ts}, column by edge. */
    private static void scatterRead(Frame f, EdgeListBlock b, int ts, double coef, double[] gs, int m, int[] sc) {
        if (ts < 1 || coef == 0 || f.gx[ts][b.source()] == null) return;
        INDArray target = f.gx[ts][b.source()];
        int width = (int) target.size(1);
        double[] add = f.scatter[b.source()];
        Arrays.fill(add, 0);
        for (int r = 0; r < f.rows; r++) for (int q = 0; q < m; q++) add[r * width + sc[q]] += coef * gs[r * m + q];
        Host.add(add, target);
    }

    /** {@code out = φ(a + b)} element by element ({@code b} may be null); one loop per activation. */
    private static void apply(Activation act, double[] a, double[] b, double[] out) {
        int n = out.length;
        switch (act) {
            case RELU:
                if (b == null) for (int i = 0; i < n; i++) out[i] = a[i] > 0 ? a[i] : 0;
                else for (int i = 0; i < n; i++) out[i] = a[i] + b[i] > 0 ? a[i] + b[i] : 0;
                break;
            case IDENTITY:
                if (b == null) System.arraycopy(a, 0, out, 0, n);
                else for (int i = 0; i < n; i++) out[i] = a[i] + b[i];
                break;
            default:
                for (int i = 0; i < n; i++) out[i] = act.apply(b == null ? a[i] : a[i] + b[i]);
        }
    }

    /** {@code g *= φ'(a)} with φ' taken from the outputs {@code y = φ(a)} (relu'(0) = 0). */
    private static void slope(Activation act, double[] y, double[] g) {
        int n = g.length;
        switch (act) {
            case RELU:
                for (int i = 0; i < n; i++) g[i] = y[i] > 0 ? g[i] : 0;
                break;
            case TANH:
                for (int i = 0; i < n; i++) g[i] *= 1 - y[i] * y[i];
                break;
            case SIGMOID:
                for (int i = 0; i < n; i++) g[i] *= y[i] * (1 - y[i]);
                break;
            default:
                break;
        }
    }

    private static void mask(double[] g, float[] m) {
        for (int i = 0; i < g.length; i++) if (m[i] == 0) g[i] = 0;
    }

    private static void addColumnSums(double[] g, int rows, int n, Parameter p) {
        if (!p.learnable()) return;
        double[] sum = new double[n];
        for (int r = 0; r < rows; r++) {
            int base = r * n;
            for (int j = 0; j < n; j++) sum[j] += g[base + j];
        }
        Host.add(sum, p.grad());
    }

    private static double[] values(Parameter p) {
        double[] v = new double[(int) p.value().length()];
        Host.read(Host.plain(p.value()), v);
        return v;
    }
}
