package org.thousandbrains.autodiff;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Compares tape gradients with central finite differences {@code (f(x+h) - f(x-h)) / 2h}, element by
 * element, for tests of ops and models. Inputs must be float64; the error of one element is
 * {@code |analytic - numeric| / max(1, |analytic|, |numeric|)}. Cost: two forward passes per element.
 *
 * <p>Both sides see the same function: the analytic gradient and every finite-difference evaluation
 * run on recording tapes (the same training mode, e.g. k-WTA duty cycles update), each from the same
 * state: the values of the non-learnable parameters passed in (state such as duty cycles and sample
 * counters) are put back before every evaluation and at the end. The function must be repeatable
 * from that state: the check evaluates the unperturbed point a second time and fails, naming both
 * values, when it differs (mutable state that was not passed in). A check whose analytic and
 * finite-difference gradients are all exactly zero checks nothing and fails as well.
 */
public final class GradCheck {
    private GradCheck() {
    }

    /** Largest error found and where. */
    public record Result(double maxError, String worst, int checked) {
        /** Throws an AssertionError describing the worst element when {@code maxError > tolerance}. */
        public Result assertBelow(double tolerance) {
            if (!(maxError <= tolerance)) {
                throw new AssertionError("gradient check failed: error " + maxError + " > " + tolerance + " at " + worst);
            }
            return this;
        }
    }

    /**
     * Checks the gradient of the scalar {@code f(tape, vars)} with respect to each input, where
     * {@code vars[i]} stands for {@code inputs[i]}; {@code f} must not depend on mutable state (see
     * {@link #inputs(BiFunction, double, Iterable, INDArray...)}).
     */
    public static Result inputs(BiFunction<Tape, Var[], Var> f, double h, INDArray... inputs) {
        return inputs(f, h, List.of(), inputs);
    }

    /**
     * As {@link #inputs(BiFunction, double, INDArray...)} for an {@code f} that changes {@code state}
     * (e.g. a model's parameters with its k-WTA duty cycles) when it runs in training mode: the values
     * of the non-learnable parameters among them are put back before every evaluation and at the end.
     */
    public static Result inputs(BiFunction<Tape, Var[], Var> f, double h, Iterable<Parameter> state, INDArray... inputs) {
        for (INDArray x : inputs) requireDouble(x, "input");
        State st = new State(state);
        try {
            Tape tape = new Tape();
            Var[] vars = new Var[inputs.length];
            for (int i = 0; i < inputs.length; i++) vars[i] = tape.variable(inputs[i]);
            Var loss = f.apply(tape, vars);
            double f0 = scalar(loss);
            tape.backward(loss);
            st.restore();
            st.requireRepeatable(f0, evaluate(f, inputs, st));
            Worst w = new Worst();
            for (int i = 0; i < inputs.length; i++) {
                INDArray analytic = vars[i].grad();
                for (long j = 0; j < inputs[i].length(); j++) {
                    INDArray[] plus = inputs.clone();
                    INDArray[] minus = inputs.clone();
                    plus[i] = inputs[i].dup();
                    minus[i] = inputs[i].dup();
                    double x = plus[i].getDouble(j);
                    plus[i].putScalar(j, x + h);
                    minus[i].putScalar(j, x - h);
                    double numeric = (evaluate(f, plus, st) - evaluate(f, minus, st)) / (2 * h);
                    double a = analytic == null ? 0.0 : analytic.getDouble(j);
                    w.offer(a, numeric, "input " + i + " element " + j);
                }
            }
            return w.result(inputs.length + " input(s)");
        } finally {
            st.restore();
        }
    }

    /**
     * Checks the gradients of the scalar {@code f(tape)} with respect to the given learnable parameters
     * (values are perturbed in place and restored; their {@code grad()} is zeroed first and holds the
     * analytic gradient after). Non-learnable parameters among them are not checked but treated as
     * state, as in {@link #parameters(Function, double, Iterable)}.
     */
    public static Result parameters(Function<Tape, Var> f, double h, Parameter... params) {
        return parameters(f, h, List.of(params));
    }

    /**
     * Checks the gradients of the scalar {@code f(tape)} with respect to the learnable ones of
     * {@code params}, typically all of a model's parameters: the non-learnable ones are its state (e.g.
     * k-WTA duty cycles that a training-mode pass moves), put back before every evaluation and at the
     * end, so the analytic gradient and the finite differences are taken of the same function.
     */
    public static Result parameters(Function<Tape, Var> f, double h, Iterable<Parameter> params) {
        List<Parameter> checked = new ArrayList<>();
        List<Parameter> all = new ArrayList<>();
        for (Parameter p : params) {
            all.add(p);
            if (p.learnable()) {
                requireDouble(p.value(), "parameter " + p.name());
                checked.add(p);
            }
        }
        if (checked.isEmpty()) throw new IllegalArgumentException("gradient check without a learnable parameter");
        State st = new State(all);
        try {
            for (Parameter p : checked) p.zeroGrad();
            Tape tape = new Tape();
            Var loss = f.apply(tape);
            double f0 = scalar(loss);
            tape.backward(loss);
            st.restore();
            st.requireRepeatable(f0, evaluate(f, st));
            Worst w = new Worst();
            for (Parameter p : checked) {
                INDArray v = p.value();
                INDArray analytic = p.grad();
                for (long j = 0; j < v.length(); j++) {
                    double x = v.getDouble(j);
                    v.putScalar(j, x + h);
                    double fp = evaluate(f, st);
                    v.putScalar(j, x - h);
                    double fm = evaluate(f, st);
                    v.putScalar(j, x);
                    w.offer(analytic.getDouble(j), (fp - fm) / (2 * h), p.name() + " element " + j);
                }
            }
            List<String> names = new ArrayList<>();
            for (Parameter p : checked) names.add(p.name());
            return w.result("parameters " + names);
        } finally {
            st.restore();
        }
    }

    /** {@code f} on a fresh recording tape (training mode, as the analytic pass), then the state put back. */
    private static double evaluate(Function<Tape, Var> f, State st) {
        try {
            return scalar(f.apply(new Tape()));
        } finally {
            st.restore();
        }
    }

    private static double evaluate(BiFunction<Tape, Var[], Var> f, INDArray[] inputs, State st) {
        try {
            Tape t = new Tape();
            Var[] vars = new Var[inputs.length];
            for (int i = 0; i < inputs.length; i++) vars[i] = t.variable(inputs[i]);
            return scalar(f.apply(t, vars));
        } finally {
            st.restore();
        }
    }

    private static double scalar(Var loss) {
        if (loss.value().length() != 1) {
            throw new IllegalArgumentException("f must return a scalar, got shape " + java.util.Arrays.toString(loss.shape()));
        }
        return loss.value().getDouble(0);
    }

    /** The values of the non-learnable parameters at the start, put back on demand. */
    private static final class State {
        private final List<Parameter> params = new ArrayList<>();
        private final List<INDArray> saved = new ArrayList<>();

        State(Iterable<Parameter> all) {
            for (Parameter p : all) {
                if (p.learnable()) continue;
                params.add(p);
                saved.add(p.value().dup());
            }
        }

        void restore() {
            for (int i = 0; i < params.size(); i++) params.get(i).value().assign(saved.get(i));
        }

        void requireRepeatable(double first, double again) {
            if (!(Math.abs(first - again) <= 1e-12 * Math.max(1.0, Math.abs(first)))) {
                throw new IllegalStateException("gradient check: f gave " + first + ", then " + again
                        + " at the same point from the same state; it depends on mutable state that was not passed in"
                        + (params.isEmpty() ? "" : " (state passed: " + names() + ")")
                        + ", e.g. k-WTA duty cycles: pass the model's parameters including its non-learnable state");
            }
        }

        private List<String> names() {
            List<String> out = new ArrayList<>();
            for (Parameter p : params) out.add(p.name());
            return out;
        }
    }

    private static void requireDouble(INDArray x, String what) {
        if (x.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException(what + " is " + x.dataType() + "; gradient checks need float64");
        }
    }

    private static final class Worst {
        double max = 0;
        String where = "nowhere";
        int count;

        boolean nonZero;

        void offer(double analytic, double numeric, String at) {
            count++;
            if (analytic != 0 || numeric != 0) nonZero = true;
            double err = Math.abs(analytic - numeric) / Math.max(1.0, Math.max(Math.abs(analytic), Math.abs(numeric)));
            if (!(err <= max)) {
                max = err;
                where = at + " (analytic " + analytic + ", numeric " + numeric + ")";
            }
        }

        /** The result; an AssertionError when every analytic and numeric value was exactly zero (nothing checked). */
        Result result(String what) {
            if (count > 0 && !nonZero) {
                throw new AssertionError("gradient check checks nothing: the analytic and the finite-difference gradients of "
                        + what + " are all zero (" + count + " elements); f does not depend on them, or the step h is too small");
            }
            return new Result(max, where, count);
        }
    }
}
