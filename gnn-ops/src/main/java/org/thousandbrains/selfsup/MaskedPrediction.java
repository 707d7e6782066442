package org.thousandbrains.selfsup;

import java.util.BitSet;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.ops.ForwardPass;
import org.thousandbrains.train.Batch;

/**
 * Masked prediction (DESIGN.md "Masked prediction"): the student sees each batch with input nodes masked
 * ({@link InputMask}) and is trained on up to two mean-squared-error terms, each over masked positions only:
 *
 * <ul>
 * <li><b>reconstruction</b> — the student's readout predicts the masked inputs: output {@code j} is the
 *     reconstruction head of feature {@code j} (so the graph has as many outputs as inputs); positions are
 *     the masked (feature, sample) pairs;</li>
 * <li><b>teacher states</b> (data2vec style) — the student's states of a group {@code G} at step {@code t}
 *     predict the {@link EmaTeacher}'s states of {@code G} at {@code t}, the teacher running on the unmasked
 *     input. "There" for input-node masking: member {@code v} of {@code G} counts in sample {@code b} when
 *     its receptive field (the input nodes with a directed path to {@code v}) holds an input masked in
 *     {@code b}; a member that sees no masked input is not a masked position. (After a dense first layer
 *     every member of a later group sees every input, so every member counts once anything is masked.)</li>
 * </ul>
 *
 * <p>With a step mask ({@link InputMask#steps}, a sequence input) a masked position is a masked input step
 * {@code s} (presented at step {@code s}, 1-based), read {@link Builder#lag lag} steps later: the outputs'
 * states at {@code s + lag} reconstruct the step's {@code w} features (output {@code j} ↔ input node
 * {@code j}), and the group's states at {@code s + lag} predict the teacher's states there ({@link
 * Builder#teacherStates(EmaTeacher, String, double)}: data2vec's "the teacher's representation of the
 * masked timesteps"). The lag (default 1) is when a delay-1 edge first carries the step onward.
 *
 * <p>Each term is {@code Σ_positions (prediction − target)² / (number of positions)} (0 when there are
 * none), times its weight. After each optimizer step the teacher, if any, takes its EMA update.
 */
public final class MaskedPrediction implements PassObjective.Loss {
    private final GraphClassifier student;
    private final InputMask mask;
    private final double reconstructionWeight;
    private final EmaTeacher teacher;
    private final int[] groupNodes;
    private final BitSet[] fields;
    private final int step;
    private final double teacherWeight;
    private final int lag;
    private INDArray unmasked;
    private InputMask.Drawn drawn;

    private MaskedPrediction(Builder b) {
        this.student = b.student;
        this.mask = b.mask;
        this.reconstructionWeight = b.reconstructionWeight;
        this.teacher = b.teacher;
        this.step = b.step;
        this.teacherWeight = b.teacherWeight;
        this.lag = b.lag;
        CompiledGraph g = student.graph();
        if (mask.masksSteps()) {
            int L = g.inputSteps();
            if (L == 0) throw new IllegalArgumentException("a step mask needs a sequence input (graph key input_steps > 0)");
            if (L + lag > g.steps()) {
                throw new IllegalArgumentException("masked step " + L + " is read at step " + (L + lag) + " (lag " + lag
                        + ") beyond the graph's T=" + g.steps());
            }
            if (teacherWeight > 0 && !b.atMaskedSteps) {
                throw new IllegalArgumentException("a step mask compares states at the masked steps: use teacherStates(teacher, group,"
                        + " weight) and lag(...)");
            }
        } else if (teacherWeight > 0 && b.atMaskedSteps) {
            throw new IllegalArgumentException("an input-node mask compares the group's states at one step: use teacherStates(teacher,"
                    + " group, step, weight)");
        }
        int reconstructed = mask.masksSteps() ? g.inputs().length : student.inputSize();
        if (reconstructionWeight > 0 && student.outputSize() != reconstructed) {
            throw new IllegalArgumentException("reconstruction needs one output per input" + (mask.masksSteps() ? " node" : "")
                    + ": the graph has " + reconstructed + " inputs and " + student.outputSize() + " outputs");
        }
        if (teacher != null) {
            if (teacher.model().graph() != g) throw new IllegalArgumentException("the teacher must run on the student's graph");
            if (!mask.masksSteps() && (step < 1 || step > g.steps())) {
                throw new IllegalArgumentException("teacher step " + step + " outside 1.." + g.steps());
            }
            int q = java.util.Arrays.asList(g.groupNames()).indexOf(b.group);
            if (q < 0) throw new IllegalArgumentException("no group '" + b.group + "' in the graph");
            this.groupNodes = java.util.stream.IntStream.range(0, g.nodeCount()).filter(v -> g.groups()[v] == q).toArray();
            this.fields = receptiveFields(g, student.inputNodes());
        } else {
            this.groupNodes = null;
            this.fields = null;
        }
    }

    /** Masked prediction for {@code student} with {@code mask}; add one or both terms, then {@link Builder#build}. */
    public static Builder builder(GraphClassifier student, InputMask mask) {
        return new Builder(student, mask);
    }

    /** The pretraining objective (no labels needed; forwards report no logits). */
    public PassObjective objective() {
        return PassObjective.unsupervised(student, this);
    }

    /** The masked copy of the batch's inputs (a fresh mask per call); the unmasked inputs are kept for the teacher and targets. */
    @Override
    public INDArray input(Batch batch) {
        unmasked = batch.inputs();
        drawn = mask.draw(unmasked);
        return drawn.masked();
    }

    /** The mask of the last batch. */
    public InputMask.Drawn lastMask() { return drawn; }

    @Override
    public double evaluate(ForwardPass pass, Batch batch, StateGradient grad) {
        if (drawn == null || unmasked != batch.inputs()) throw new IllegalStateException("evaluate() must follow input() of the same batch");
        if (mask.masksSteps()) return evaluateSteps(pass, grad);
        int B = pass.batch();
        int n = drawn.features();
        double total = 0;
        if (reconstructionWeight > 0) {
            float[] x = unmasked.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
            double[] target = new double[n * B];
            boolean[] counted = new boolean[n * B];
            for (int b = 0; b < B; b++) {
                for (int i = 0; i < n; i++) {
                    target[i * B + b] = x[b * n + i];
                    counted[i * B + b] = drawn.masked(b, i);
                }
            }
            total += reconstructionWeight * maskedSquaredError(pass.readout(), target, counted, reconstructionWeight, grad.readout());
        }
        if (teacher != null && teacherWeight > 0) {
            double[] target;
            try (ForwardPass tp = teacher.model().pass(unmasked, false)) {
                target = AuxiliaryHeads.rows(tp.state(step), groupNodes, B);
            }
            double[] pred = AuxiliaryHeads.rows(pass.state(step), groupNodes, B);
            boolean[] counted = new boolean[pred.length];
            for (int j = 0; j < groupNodes.length; j++) {
                BitSet f = fields[groupNodes[j]];
                for (int b = 0; b < B; b++) {
                    for (int i = f.nextSetBit(0); i >= 0; i = f.nextSetBit(i + 1)) {
                        if (drawn.masked(b, i)) {
                            counted[j * B + b] = true;
                            break;
                        }
                    }
                }
            }
            double[] d = new double[pred.length];
            total += teacherWeight * maskedSquaredError(pred, target, counted, teacherWeight, d);
            double[] ds = grad.state(step);
            for (int j = 0; j < groupNodes.length; j++) {
                int o = groupNodes[j] * B;
                for (int b = 0; b < B; b++) ds[o + b] += d[j * B + b];
            }
        }
        return total;
    }

    /** The step-mask terms: positions are (node, masked step s, sample), states read at {@code s + lag}. */
    private double evaluateSteps(ForwardPass pass, StateGradient grad) {
        int B = pass.batch();
        int L = drawn.steps();
        double total = 0;
        if (reconstructionWeight > 0) {
            float[] x = unmasked.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
            int[] outs = student.graph().outputs();
            int w = drawn.stepWidth();
            int n = drawn.features();
            double[][] target = new double[L][outs.length * B];
            for (int s = 0; s < L; s++) {
                for (int j = 0; j < outs.length; j++) {
                    for (int b = 0; b < B; b++) target[s][j * B + b] = x[b * n + s * w + j];
                }
            }
            total += reconstructionWeight * stepTerm(pass, outs, target, reconstructionWeight, grad);
        }
        if (teacher != null && teacherWeight > 0) {
            double[][] target = new double[L][];
            try (ForwardPass tp = teacher.model().pass(unmasked, false)) {
                for (int s = 0; s < L; s++) target[s] = AuxiliaryHeads.rows(tp.state(s + 1 + lag), groupNodes, B);
            }
            total += teacherWeight * stepTerm(pass, groupNodes, target, teacherWeight, grad);
        }
        return total;
    }

    /**
     * The masked squared error of {@code nodes}' states at {@code s + lag} against {@code target[s]} ({@code [nodes][B]}
     * per input step {@code s}, 0-based here) over the masked (step, sample) pairs; adds its gradient into {@code grad}.
     */
    private double stepTerm(ForwardPass pass, int[] nodes, double[][] target, double weight, StateGradient grad) {
        int B = pass.batch();
        int L = target.length;
        int per = nodes.length * B;
        double[] pred = new double[L * per];
        double[] flat = new double[L * per];
        boolean[] counted = new boolean[L * per];
        for (int s = 0; s < L; s++) {
            System.arraycopy(AuxiliaryHeads.rows(pass.state(s + 1 + lag), nodes, B), 0, pred, s * per, per);
            System.arraycopy(target[s], 0, flat, s * per, per);
            for (int b = 0; b < B; b++) {
                if (!drawn.maskedStep(b, s)) continue;
                for (int j = 0; j < nodes.length; j++) counted[s * per + j * B + b] = true;
            }
        }
        double[] d = new double[pred.length];
        double loss = maskedSquaredError(pred, flat, counted, weight, d);
        for (int s = 0; s < L; s++) {
            double[] ds = grad.state(s + 1 + lag);
            for (int j = 0; j < nodes.length; j++) {
                int o = nodes[j] * B;
                for (int b = 0; b < B; b++) ds[o + b] += d[s * per + j * B + b];
            }
        }
        return loss;
    }

    @Override
    public void afterStep() {
        if (teacher != null) teacher.update();
    }

    /**
     * {@code Σ_{i counted} (pred_i − target_i)² / #counted} (0 when nothing counts); adds
     * {@code weight·∂/∂pred} into {@code grad} (counted entries only).
     */
    public static double maskedSquaredError(double[] pred, double[] target, boolean[] counted, double weight, double[] grad) {
        if (pred.length != target.length || pred.length != counted.length || (grad != null && grad.length != pred.length)) {
            throw new IllegalArgumentException("prediction, target, mask and gradient lengths differ: " + pred.length + ", "
                    + target.length + ", " + counted.length + ", " + (grad == null ? "none" : grad.length));
        }
        int m = 0;
        for (boolean c : counted) if (c) m++;
        if (m == 0) return 0;
        double sum = 0;
        for (int i = 0; i < pred.length; i++) {
            if (!counted[i]) continue;
            double r = pred[i] - target[i];
            sum += r * r;
            if (grad != null) grad[i] += weight * 2 * r / m;
        }
        return sum / m;
    }

    /** Per node, the input features (positions in {@code inputs}) with a directed path to it. */
    static BitSet[] receptiveFields(CompiledGraph g, int[] inputs) {
        BitSet[] f = new BitSet[g.nodeCount()];
        for (int v = 0; v < f.length; v++) f[v] = new BitSet();
        for (int i = 0; i < inputs.length; i++) f[inputs[i]].set(i);
        int[] src = g.src();
        int[] dst = g.dst();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int e = 0; e < src.length; e++) {
                BitSet to = f[dst[e]];
                int before = to.cardinality();
                to.or(f[src[e]]);
                if (to.cardinality() != before) changed = true;
            }
        }
        return f;
    }

    /** Chooses the terms of a {@link MaskedPrediction}. */
    public static final class Builder {
        private final GraphClassifier student;
        private final InputMask mask;
        private double reconstructionWeight;
        private EmaTeacher teacher;
        private String group;
        private int step;
        private double teacherWeight;
        private int lag = 1;
        private boolean atMaskedSteps;

        private Builder(GraphClassifier student, InputMask mask) {
            this.student = java.util.Objects.requireNonNull(student, "student");
            this.mask = java.util.Objects.requireNonNull(mask, "mask");
        }

        /** Reconstruct the masked inputs through the readout, term weight {@code weight}. */
        public Builder reconstruction(double weight) {
            this.reconstructionWeight = requireWeight(weight);
            return this;
        }

        /** Predict the teacher's states of {@code group} at {@code step} where the input was masked, term weight {@code weight}. */
        public Builder teacherStates(EmaTeacher t, String group, int step, double weight) {
            this.teacher = java.util.Objects.requireNonNull(t, "teacher");
            this.group = java.util.Objects.requireNonNull(group, "group");
            this.step = step;
            this.atMaskedSteps = false;
            this.teacherWeight = requireWeight(weight);
            return this;
        }

        /** Step masks: predict the teacher's states of {@code group} at each masked step plus the {@link #lag}, term weight {@code weight}. */
        public Builder teacherStates(EmaTeacher t, String group, double weight) {
            this.teacher = java.util.Objects.requireNonNull(t, "teacher");
            this.group = java.util.Objects.requireNonNull(group, "group");
            this.step = 0;
            this.atMaskedSteps = true;
            this.teacherWeight = requireWeight(weight);
            return this;
        }

        /** Step masks: a masked input step {@code s} is predicted from the states of step {@code s + lag} (default 1; {@code lag >= 0}). */
        public Builder lag(int steps) {
            if (steps < 0) throw new IllegalArgumentException("lag must be >= 0, got " + steps);
            this.lag = steps;
            return this;
        }

        public MaskedPrediction build() {
            if (reconstructionWeight == 0 && (teacher == null || teacherWeight == 0)) {
                throw new IllegalStateException("masked prediction needs a reconstruction or teacher-state term with weight > 0");
            }
            return new MaskedPrediction(this);
        }

        private static double requireWeight(double w) {
            if (!(w >= 0) || !Double.isFinite(w)) throw new IllegalArgumentException("term weight must be finite and >= 0, got " + w);
            return w;
        }
    }
}
