package org.thousandbrains.selfsup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.thousandbrains.autodiff.Parameter;
import org.thousandbrains.autodiff.Tape;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.ops.Precision;
import org.thousandbrains.train.Forward;

/** The EMA teacher: the update by hand, the cosine schedule's endpoints and midpoint, no gradient into it. */
class EmaTeacherTest {
    @Test
    void scheduleRunsFromTau0ToOneOnACosine() {
        assertEquals(0.996, EmaTeacher.tau(0.996, 0, 100), 0);
        assertEquals(1.0, EmaTeacher.tau(0.996, 100, 100), 0);
        assertEquals(1.0, EmaTeacher.tau(0.996, 250, 100), 0);
        // midpoint: cos(π/2) = 0, so τ = 1 − (1 − τ0)/2
        assertEquals(0.998, EmaTeacher.tau(0.996, 50, 100), 1e-15);
        // a quarter: cos(π/4) = √2/2
        assertEquals(1 - 0.004 * (Math.sqrt(0.5) + 1) / 2, EmaTeacher.tau(0.996, 25, 100), 1e-15);
    }

    @Test
    void updateIsTheConvexCombinationOfTeacherAndStudent() {
        GraphClassifier student = GraphClassifier.of(SelfSupFixtures.layered(3, 0.0, 1, 1), Precision.FLOAT64);
        EmaTeacher teacher = EmaTeacher.of(student, 0.9, 4);
        double[] w0 = SelfSupFixtures.values(student.graphParameters().weight().value());
        double[] b0 = SelfSupFixtures.values(student.graphParameters().bias().value());
        assertArrayEquals(w0, SelfSupFixtures.values(teacher.model().graphParameters().weight().value()));
        // the student moves: every weight +1, every bias −2
        student.graphParameters().weight().value().addi(1.0);
        student.graphParameters().bias().value().subi(2.0);
        teacher.update(); // τ_0 = 0.9
        double[] w1 = SelfSupFixtures.values(teacher.model().graphParameters().weight().value());
        double[] b1 = SelfSupFixtures.values(teacher.model().graphParameters().bias().value());
        for (int e = 0; e < w0.length; e++) assertEquals(w0[e] + 0.1, w1[e], 1e-15);
        for (int v = 0; v < b0.length; v++) assertEquals(b0[v] - 0.2, b1[v], 1e-15);
        // τ_1 = 1 − 0.1·(cos(π/4) + 1)/2 = 0.91464466094...: the teacher closes 8.5355% of its gap of 0.9
        assertEquals(0.9146446609406726, teacher.tau(), 1e-15);
        teacher.update();
        double[] w2 = SelfSupFixtures.values(teacher.model().graphParameters().weight().value());
        for (int e = 0; e < w0.length; e++) assertEquals(w0[e] + 0.1 + 0.9 * (1 - 0.9146446609406726), w2[e], 1e-14);
        assertEquals(2, teacher.updates());
    }

    @Test
    void teacherParametersGetNoGradientFromTheStudentsTraining() {
        Network net = SelfSupFixtures.layered(5, 0.0, 1, 2);
        GraphClassifier student = GraphClassifier.of(net, Precision.FLOAT64).threads(1);
        EmaTeacher teacher = EmaTeacher.of(student, 0.99, 10);
        assertTrue(teacher.model().parameters().learnable().isEmpty());
        double[] before = SelfSupFixtures.values(teacher.model().graphParameters().weight().value());
        MaskedPrediction mp = MaskedPrediction.builder(student, InputMask.nodes(0.4, 1)).reconstruction(1)
                .teacherStates(teacher, "h2", 1, 1).build();
        INDArray x = SelfSupFixtures.features(4, 5, 3);
        Tape tape = new Tape();
        Forward f = mp.objective().forward(tape, SelfSupFixtures.batch(x, new int[4]));
        tape.backward(f.loss());
        double studentGrad = 0;
        for (double g : SelfSupFixtures.values(student.graphParameters().weight().grad())) studentGrad += Math.abs(g);
        assertNotEquals(0.0, studentGrad);
        for (Parameter p : teacher.model().parameters()) {
            if (p.grad() != null) for (double g : SelfSupFixtures.values(p.grad())) assertEquals(0.0, g, p.name());
        }
        assertArrayEquals(before, SelfSupFixtures.values(teacher.model().graphParameters().weight().value()));
    }
}
