package org.thousandbrains.selfsup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.thousandbrains.autodiff.GradCheck;
import org.thousandbrains.autodiff.Tape;
import org.thousandbrains.graph.build.NetworkBuilder;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.ops.ForwardPass;
import org.thousandbrains.ops.Precision;
import org.thousandbrains.train.Batch;

/** Input masks (exact counts, seeded), masked losses that ignore unmasked positions, exact gradients, "there" for the teacher. */
class MaskedPredictionTest {
    @Test
    void everySampleHasExactlyRoundFractionTimesNMaskedInputsSetToZero() {
        INDArray x = SelfSupFixtures.features(50, 64, 1).addi(1); // all inputs in [1, 2): a masked 0 is visible
        InputMask.Drawn d = InputMask.nodes(0.3, 7).draw(x);
        float[] orig = x.dup('c').data().asFloat();
        float[] m = d.masked().dup('c').data().asFloat();
        for (int b = 0; b < 50; b++) {
            int count = 0;
            for (int i = 0; i < 64; i++) {
                if (d.masked(b, i)) {
                    count++;
                    assertEquals(InputMask.MASK_VALUE, m[b * 64 + i]);
                } else {
                    assertEquals(orig[b * 64 + i], m[b * 64 + i]);
                }
            }
            assertEquals(19, count, "sample " + b); // round(0.3·64 = 19.2)
        }
        assertEquals(3, InputMask.nodes(0.5, 0).count(5)); // halves round up
        assertEquals(0, InputMask.nodes(0.0, 0).count(5));
        assertEquals(5, InputMask.nodes(1.0, 0).count(5));
        // the same seed draws the same masks; another seed others
        assertArrayEquals(d.mask(), InputMask.nodes(0.3, 7).draw(x).mask());
        assertTrue(!java.util.Arrays.equals(d.mask(), InputMask.nodes(0.3, 8).draw(x).mask()));
        assertThrows(IllegalArgumentException.class, () -> InputMask.nodes(1.5, 0));
    }

    @Test
    void maskedErrorIgnoresUnmaskedPositions() {
        double[] target = {1, 2, 3, 4, 5};
        boolean[] counted = {true, false, true, false, false};
        double[] p1 = {1.5, 9, 2, -7, 0};
        double[] p2 = {1.5, -3, 2, 40, 11}; // differs only where not counted
        double[] g1 = new double[5];
        double[] g2 = new double[5];
        double l1 = MaskedPrediction.maskedSquaredError(p1, target, counted, 2.0, g1);
        double l2 = MaskedPrediction.maskedSquaredError(p2, target, counted, 2.0, g2);
        assertEquals((0.25 + 1) / 2, l1, 1e-15);
        assertEquals(l1, l2, 0);
        assertArrayEquals(g1, g2, 0);
        // weight 2 · 2·r / 2 counted positions = 2r at counted positions, 0 elsewhere
        assertArrayEquals(new double[] {1.0, 0, -2.0, 0, 0}, g1, 1e-15);
        assertEquals(0, MaskedPrediction.maskedSquaredError(p1, target, new boolean[5], 1, g1));
    }

    @Test
    void maskedErrorGradientMatchesCentralDifferences() {
        java.util.Random r = new java.util.Random(3);
        int n = 12;
        double[] p = new double[n];
        double[] t = new double[n];
        boolean[] c = new boolean[n];
        for (int i = 0; i < n; i++) {
            p[i] = r.nextGaussian();
            t[i] = r.nextGaussian();
            c[i] = r.nextBoolean();
        }
        double[] g = new double[n];
        MaskedPrediction.maskedSquaredError(p, t, c, 0.7, g);
        double h = 1e-6;
        for (int i = 0; i < n; i++) {
            double[] a = p.clone();
            double[] b = p.clone();
            a[i] += h;
            b[i] -= h;
            double fd = 0.7 * (MaskedPrediction.maskedSquaredError(a, t, c, 1, null) - MaskedPrediction.maskedSquaredError(b, t, c, 1, null)) / (2 * h);
            assertEquals(fd, g[i], 1e-8, "position " + i);
        }
    }

    @Test
    void reconstructionAndTeacherLossGradientMatchesFiniteDifferences() {
        Network net = SelfSupFixtures.layered(5, 1.0, 5, 11);
        GraphClassifier student = GraphClassifier.of(net, Precision.FLOAT64).threads(1);
        EmaTeacher teacher = EmaTeacher.of(student, 0.9, 10);
        // move the teacher away from the student so that its targets are not the student's own states
        student.graphParameters().weight().value().muli(1.3);
        teacher.update();
        student.graphParameters().weight().value().divi(1.3);
        Batch batch = SelfSupFixtures.batch(SelfSupFixtures.features(6, 5, 12), new int[6]);
        // a fresh mask of the same seed for every evaluation: the same masked positions each time
        GradCheck.parameters(t -> MaskedPrediction.builder(student, InputMask.nodes(0.4, 5)).reconstruction(1.0)
                .teacherStates(teacher, "h2", 4, 0.6).build().objective().forward(t, batch).loss(), 1e-6,
                student.parameters()).assertBelow(1e-7);
    }

    /** in0 → a, in1 → b, both → c, every node feeds out0, out1: a sees only in0, b only in1, c both. */
    private static Network split() {
        NetworkBuilder nb = NetworkBuilder.create();
        nb.node("in0").input().node("in1").input();
        for (String h : new String[] {"a", "b", "c"}) nb.node(h).group("g").bias(0.1);
        nb.node("out0").output().node("out1").output();
        nb.edge("in0", "a").weight(0.7).edge("in1", "b").weight(-0.4).edge("in0", "c").weight(0.3).edge("in1", "c").weight(0.9);
        for (String h : new String[] {"a", "b", "c"}) nb.edge(h, "out0").weight(0.5).edge(h, "out1").weight(-0.2);
        Network net = nb.build();
        net.settings().readout(3, 1);
        return net;
    }

    @Test
    void receptiveFieldsAreTheInputsWithAPathToTheNode() {
        CompiledGraph g = GraphCompiler.compile(split());
        int[] in = java.util.stream.IntStream.range(0, g.nodeCount()).filter(g::isInput).toArray();
        BitSet[] f = MaskedPrediction.receptiveFields(g, in);
        java.util.List<String> ids = java.util.Arrays.asList(g.nodeIds());
        assertEquals(BitSet.valueOf(new long[] {1}), f[ids.indexOf("a")]);
        assertEquals(BitSet.valueOf(new long[] {2}), f[ids.indexOf("b")]);
        assertEquals(BitSet.valueOf(new long[] {3}), f[ids.indexOf("c")]);
        assertEquals(BitSet.valueOf(new long[] {3}), f[ids.indexOf("out1")]);
    }

    @Test
    void teacherTermCountsTheGroupMembersThatSeeAMaskedInput() {
        Network net = split();
        GraphClassifier student = GraphClassifier.of(net, Precision.FLOAT64).threads(1);
        EmaTeacher teacher = EmaTeacher.of(student, 0.5, 10);
        student.graphParameters().weight().value().muli(-1.5);
        teacher.update();
        INDArray x = SelfSupFixtures.features(8, 2, 4).addi(0.5);
        Batch batch = SelfSupFixtures.batch(x, new int[8]);
        MaskedPrediction mp = MaskedPrediction.builder(student, InputMask.nodes(0.5, 9)).teacherStates(teacher, "g", 2, 1.0).build();
        double loss = mp.objective().forward(Tape.inference(), batch).loss().value().getDouble(0);
        // the same loss written out: a counts where in0 is masked, b where in1 is, c always (one of two is masked)
        InputMask.Drawn d = mp.lastMask();
        java.util.List<String> ids = java.util.Arrays.asList(student.graph().nodeIds());
        int[] v = {ids.indexOf("a"), ids.indexOf("b"), ids.indexOf("c")};
        double[] s;
        double[] t;
        try (ForwardPass p = student.pass(d.masked(), false)) {
            s = p.state(2);
        }
        try (ForwardPass p = teacher.model().pass(x, false)) {
            t = p.state(2);
        }
        double sum = 0;
        int count = 0;
        for (int b = 0; b < 8; b++) {
            boolean[] sees = {d.masked(b, 0), d.masked(b, 1), true};
            assertTrue(d.masked(b, 0) != d.masked(b, 1));
            for (int j = 0; j < 3; j++) {
                if (!sees[j]) continue;
                double r = s[v[j] * 8 + b] - t[v[j] * 8 + b];
                sum += r * r;
                count++;
            }
        }
        assertEquals(16, count);
        assertEquals(sum / count, loss, 1e-14);
    }

    @Test
    void reconstructionNeedsOneOutputPerInput() {
        GraphClassifier c = GraphClassifier.of(SelfSupFixtures.layered(3, 0.0, 1, 1));
        var ex = assertThrows(IllegalArgumentException.class, () -> MaskedPrediction.builder(c, InputMask.nodes(0.5, 0)).reconstruction(1).build());
        assertTrue(ex.getMessage().contains("5 inputs and 3 outputs"), ex.getMessage());
        assertThrows(IllegalStateException.class, () -> MaskedPrediction.builder(c, InputMask.nodes(0.5, 0)).build());
    }

    // ---- input-timestep masking (sequence inputs) -------------------------------------------------

    /** 5 input nodes, 3 input steps (15 features per sample), T = 8, delay-1 layers. */
    private static GraphClassifier sequenceStudent(long seed) {
        Network net = SelfSupFixtures.layered(5, 1.0, 8, seed);
        net.settings().inputSteps(3);
        return GraphClassifier.of(net, Precision.FLOAT64).threads(1);
    }

    @Test
    void stepMaskMasksExactlyRoundFractionTimesLWholeStepsPerSample() {
        INDArray x = SelfSupFixtures.features(40, 8 * 6, 2).addi(1); // L = 8 steps of 6 features, all in [1, 2)
        InputMask.Drawn d = InputMask.steps(0.3, 6, 5).draw(x);
        float[] orig = x.dup('c').data().asFloat();
        float[] m = d.masked().dup('c').data().asFloat();
        assertEquals(8, d.steps());
        for (int b = 0; b < 40; b++) {
            int steps = 0;
            for (int s = 0; s < 8; s++) {
                boolean masked = d.maskedStep(b, s);
                if (masked) steps++;
                for (int i = 0; i < 6; i++) {
                    int f = b * 48 + s * 6 + i;
                    assertEquals(masked, d.masked(b, s * 6 + i), "a step is masked whole");
                    assertEquals(masked ? InputMask.MASK_VALUE : orig[f], m[f]);
                }
            }
            assertEquals(2, steps, "sample " + b); // round(0.3·8 = 2.4)
        }
        assertArrayEquals(d.mask(), InputMask.steps(0.3, 6, 5).draw(x).mask());
        var ex = assertThrows(IllegalArgumentException.class, () -> InputMask.steps(0.3, 7, 0).draw(x));
        assertTrue(ex.getMessage().contains("48 features are not whole steps of 7"), ex.getMessage());
    }

    @Test
    void stepReconstructionCountsOnlyMaskedStepsReadLagStepsLater() {
        GraphClassifier student = sequenceStudent(3);
        INDArray x = SelfSupFixtures.features(7, 15, 8);
        Batch batch = SelfSupFixtures.batch(x, new int[7]);
        int lag = 4;
        MaskedPrediction mp = MaskedPrediction.builder(student, InputMask.steps(0.34, 5, 1)).reconstruction(1.0).lag(lag).build();
        StateGradient grad;
        double loss;
        try (ForwardPass p = student.pass(mp.input(batch), false)) {
            grad = new StateGradient(p, student.outputSize());
            loss = mp.evaluate(p, batch, grad);
        }
        // the same loss written out: output j at step s + lag against input node j at step s, masked steps only
        InputMask.Drawn d = mp.lastMask();
        float[] in = x.dup('c').data().asFloat();
        int[] outs = student.graph().outputs();
        double sum = 0;
        int count = 0;
        try (ForwardPass p = student.pass(d.masked(), false)) {
            for (int s = 1; s <= 3; s++) {
                double[] st = p.state(s + lag);
                for (int b = 0; b < 7; b++) {
                    if (!d.maskedStep(b, s - 1)) continue;
                    for (int j = 0; j < 5; j++) {
                        double r = st[outs[j] * 7 + b] - in[b * 15 + (s - 1) * 5 + j];
                        sum += r * r;
                        count++;
                    }
                }
            }
        }
        assertEquals(7 * 1 * 5, count); // round(0.34·3) = 1 masked step per sample
        assertEquals(sum / count, loss, 1e-14);
        // its gradient sits only on the outputs, at the read steps of masked (step, sample) pairs
        java.util.Set<Integer> outputs = new java.util.HashSet<>();
        for (int o : outs) outputs.add(o);
        for (int t = 1; t <= 8; t++) {
            double[] g = grad.state(t);
            for (int v = 0; v < student.graph().nodeCount(); v++) {
                for (int b = 0; b < 7; b++) {
                    int s = t - lag;
                    boolean counts = s >= 1 && s <= 3 && d.maskedStep(b, s - 1) && outputs.contains(v);
                    if (!counts) assertEquals(0.0, g[v * 7 + b], "node " + v + ", step " + t + ", sample " + b);
                }
            }
        }
    }

    @Test
    void stepMaskLossGradientMatchesFiniteDifferences() {
        GraphClassifier student = sequenceStudent(13);
        EmaTeacher teacher = EmaTeacher.of(student, 0.9, 10);
        student.graphParameters().weight().value().muli(1.3);
        teacher.update();
        student.graphParameters().weight().value().divi(1.3);
        Batch batch = SelfSupFixtures.batch(SelfSupFixtures.features(5, 15, 14), new int[5]);
        GradCheck.parameters(t -> MaskedPrediction.builder(student, InputMask.steps(0.5, 5, 2)).reconstruction(1.0)
                .teacherStates(teacher, "h2", 0.7).lag(3).build().objective().forward(t, batch).loss(), 1e-6,
                student.parameters()).assertBelow(1e-7);
    }

    @Test
    void stepMasksNeedASequenceInputAndTheStepTerms() {
        GraphClassifier held = GraphClassifier.of(SelfSupFixtures.layered(5, 1.0, 8, 1));
        var ex = assertThrows(IllegalArgumentException.class,
                () -> MaskedPrediction.builder(held, InputMask.steps(0.5, 5, 0)).reconstruction(1).build());
        assertTrue(ex.getMessage().contains("needs a sequence input"), ex.getMessage());
        GraphClassifier seq = sequenceStudent(1);
        EmaTeacher teacher = EmaTeacher.of(seq, 0.99, 10);
        ex = assertThrows(IllegalArgumentException.class,
                () -> MaskedPrediction.builder(seq, InputMask.steps(0.5, 5, 0)).teacherStates(teacher, "h2", 4, 1).build());
        assertTrue(ex.getMessage().contains("use teacherStates(teacher, group, weight)"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class,
                () -> MaskedPrediction.builder(seq, InputMask.steps(0.5, 5, 0)).reconstruction(1).lag(6).build());
        assertTrue(ex.getMessage().contains("beyond the graph's T=8"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class,
                () -> MaskedPrediction.builder(seq, InputMask.nodes(0.5, 0)).teacherStates(teacher, "h2", 1).build());
        assertTrue(ex.getMessage().contains("use teacherStates(teacher, group, step, weight)"), ex.getMessage());
    }
}
