package org.thousandbrains.autodiff;

import java.util.function.BiFunction;
import java.util.function.Function;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Compares tape gradients with central finite differences {@code (f(x+h) - f(x-h)) / 2h}, element by
 * element, for tests of ops and models. Inputs must be float64; the error of one element is
 * {@code |analytic - numeric| / max(1, |analytic|, |numeric|)}. Cost: two forward passes per element.
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
     * {@code vars[i]} stands for {@code inputs[i]}.
     */
    public static Result inputs(BiFunction<Tape, Var[], Var> f, double h, INDArray... inputs) {
        for (INDArray x : inputs) requireDouble(x, "input");
        Tape tape = new Tape();
        Var[] vars = new Var[inputs.length];
        for (int i = 0; i < inputs.length; i++) vars[i] = tape.variable(inputs[i]);
        tape.backward(f.apply(tape, vars));
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
                double numeric = (evaluate(f, plus) - evaluate(f, minus)) / (2 * h);
                double a = analytic == null ? 0.0 : analytic.getDouble(j);
                w.offer(a, numeric, "input " + i + " element " + j);
            }
        }
        return w.result();
    }

    /**
     * Checks the gradients of the scalar {@code f(tape)} with respect to the given parameters (values are
     * perturbed in place and restored; their {@code grad()} is zeroed first and holds the analytic gradient after).
     */
    public static Result parameters(Function<Tape, Var> f, double h, Parameter... params) {
        for (Parameter p : params) {
            requireDouble(p.value(), "parameter " + p.name());
            p.zeroGrad();
        }
        Tape tape = new Tape();
        tape.backward(f.apply(tape));
        Worst w = new Worst();
        for (Parameter p : params) {
            INDArray v = p.value();
            INDArray analytic = p.grad();
            for (long j = 0; j < v.length(); j++) {
                double x = v.getDouble(j);
                v.putScalar(j, x + h);
                double fp = f.apply(Tape.inference()).value().getDouble(0);
                v.putScalar(j, x - h);
                double fm = f.apply(Tape.inference()).value().getDouble(0);
                v.putScalar(j, x);
                w.offer(analytic.getDouble(j), (fp - fm) / (2 * h), p.name() + " element " + j);
            }
        }
        return w.result();
    }

    private static double evaluate(BiFunction<Tape, Var[], Var> f, INDArray[] inputs) {
        Tape t = Tape.inference();
        Var[] vars = new Var[inputs.length];
        for (int i = 0; i < inputs.length; i++) vars[i] = t.constant(inputs[i]);
        return f.apply(t, vars).value().getDouble(0);
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

        void offer(double analytic, double numeric, String at) {
            count++;
            double err = Math.abs(analytic - numeric) / Math.max(1.0, Math.max(Math.abs(analytic), Math.abs(numeric)));
            if (!(err <= max)) {
                max = err;
                where = at + " (analytic " + analytic + ", numeric " + numeric + ")";
            }
        }

        Result result() {
            return new Result(max, where, count);
        }
    }
}
