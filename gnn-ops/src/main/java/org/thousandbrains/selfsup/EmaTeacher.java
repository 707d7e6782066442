package org.thousandbrains.selfsup;

import java.util.List;

import org.thousandbrains.autodiff.Parameter;
import org.thousandbrains.model.GraphClassifier;

/**
 * An EMA teacher (DESIGN.md "EMA teacher", BYOL): a second classifier over the student's compiled graph
 * whose weights, delays, leaks and biases (and overseen groups' gains and shifts) follow the student's as {@code θ_T ← τ_k θ_T + (1 − τ_k) θ_S}
 * after each optimizer step {@code k} ({@link #update}), with
 * {@code τ_k = 1 − (1 − τ_0)(cos(πk/K) + 1)/2} ({@link #tau(double, long, long)}: {@code τ_0} at the start,
 * 1 after {@code K} steps). Its parameters are marked not learnable and it only runs eval-mode passes, never
 * on a recording tape: no gradient reaches it. Its k-WTA state (duty cycles, observations, boost) is copied
 * from the student at each update, not averaged.
 */
public final class EmaTeacher {
    private final GraphClassifier student;
    private final GraphClassifier teacher;
    private final double tau0;
    private final long totalSteps;
    private long updates;

    private EmaTeacher(GraphClassifier student, double tau0, long totalSteps) {
        if (!(tau0 >= 0 && tau0 <= 1)) throw new IllegalArgumentException("tau0 must lie in [0, 1], got " + tau0);
        if (totalSteps < 1) throw new IllegalArgumentException("the schedule needs K >= 1 steps, got " + totalSteps);
        this.student = student;
        this.tau0 = tau0;
        this.totalSteps = totalSteps;
        this.teacher = GraphClassifier.of(student.graph(), student.precision()).threads(student.threads());
        for (Parameter p : teacher.parameters()) {
            p.value().assign(student.parameters().get(p.name()).value());
            p.touch();
            p.learnable(false);
        }
    }

    /** A teacher starting as a copy of {@code student}'s current parameters, τ from {@code tau0} to 1 over {@code totalSteps} updates. */
    public static EmaTeacher of(GraphClassifier student, double tau0, long totalSteps) {
        return new EmaTeacher(student, tau0, totalSteps);
    }

    /** BYOL's cosine schedule: {@code 1 − (1 − τ0)(cos(πk/K) + 1)/2}, and 1 for {@code k ≥ K}. */
    public static double tau(double tau0, long k, long K) {
        if (k < 0) throw new IllegalArgumentException("step k must be >= 0, got " + k);
        if (k >= K) return 1.0;
        return 1 - (1 - tau0) * (Math.cos(Math.PI * k / K) + 1) / 2;
    }

    /** The teacher model (eval-mode passes only). */
    public GraphClassifier model() { return teacher; }
    /** Updates done so far ({@code k}). */
    public long updates() { return updates; }
    /** τ of the next update. */
    public double tau() { return tau(tau0, updates, totalSteps); }

    /** One EMA step with {@code τ_k}, {@code k} the number of updates before it. */
    public void update() {
        double t = tau();
        List<Parameter> graph = teacher.graphParameters().all();
        for (Parameter p : teacher.parameters()) {
            Parameter s = student.parameters().get(p.name());
            if (graph.contains(p)) p.value().muli(t).addi(s.value().mul(1 - t));
            else p.value().assign(s.value());
            p.touch();
        }
        updates++;
    }
}
