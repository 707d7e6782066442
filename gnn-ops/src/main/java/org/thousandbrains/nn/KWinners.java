package org.thousandbrains.nn;

import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.autodiff.CustomOp;
import org.thousandbrains.autodiff.Parameter;
import org.thousandbrains.autodiff.Var;

/**
 * Numenta's k-winners-take-all with duty-cycle boosting, as {@code KWinners} in nupic.torch: of the
 * {@code n} values of each row only the winners pass, with their real value (no ReLU); the rest become 0.
 *
 * <ul>
 *   <li>boosted score {@code s_j = x_j · exp(β · (k/n − d_j))} with duty cycle {@code d_j};</li>
 *   <li>winners: every {@code j} whose score is at least the row's k-th largest score (ties at the
 *       threshold all win, so a row can have more than {@code k} winners);</li>
 *   <li>gradient: flows to the winners only;</li>
 *   <li>duty cycle, in training only, over the batch of {@code B} rows: {@code t += B},
 *       {@code p = min(period, t)}, {@code d = (d·(p − B) + #rows with out_j > 0) / p}.</li>
 * </ul>
 * Boosting also applies in evaluation (with the duty cycles learned in training). The duty cycles and
 * the sample counter are non-learnable {@link Parameter}s ({@link #state()}), so checkpoints keep them.
 */
public final class KWinners {
    /**
     * The project's default boost strength β = 1.5, as DESIGN.md fixes it. This is not nupic.torch's
     * default: its {@code KWinners} defaults are {@code boost_strength} 1.0, {@code k_inference_factor}
     * 1.5 and {@code boost_strength_factor} 0.9 (β multiplied by it once per epoch).
     */
    public static final double DEFAULT_BOOST = 1.5;
    /** Default duty-cycle period (DESIGN.md), also nupic.torch's default {@code duty_cycle_period}. */
    public static final int DEFAULT_DUTY_CYCLE_PERIOD = 1000;

    private final int n;
    private final int k;
    private final double boost;
    private final int period;
    private final Parameter dutyCycle;
    private final Parameter iterations;

    /** k-WTA over {@code n} values with the default boost and period; {@code name} prefixes the state parameters. */
    public KWinners(String name, int n, int k) {
        this(name, n, k, DEFAULT_BOOST, DEFAULT_DUTY_CYCLE_PERIOD);
    }

    public KWinners(String name, int n, int k, double boost, int dutyCyclePeriod) {
        if (n < 1 || k < 1 || k > n) throw new IllegalArgumentException(name + ": k-WTA needs 1 <= k <= n, got k=" + k + ", n=" + n);
        if (!Double.isFinite(boost) || boost < 0) throw new IllegalArgumentException(name + ": boost must be finite and >= 0, got " + boost);
        if (dutyCyclePeriod < 1) throw new IllegalArgumentException(name + ": duty-cycle period must be >= 1, got " + dutyCyclePeriod);
        this.n = n;
        this.k = k;
        this.boost = boost;
        this.period = dutyCyclePeriod;
        this.dutyCycle = new Parameter(name + ".duty_cycle", Nd4j.zeros(DataType.FLOAT, 1, n), "state").learnable(false);
        this.iterations = new Parameter(name + ".duty_cycle_samples", Nd4j.zeros(DataType.DOUBLE, 1, 1), "state").learnable(false);
    }

    public int size() { return n; }
    public int k() { return k; }
    public double boost() { return boost; }
    public int dutyCyclePeriod() { return period; }

    /** The duty cycles {@code d_j} (a copy). */
    public float[] dutyCycle() {
        float[] d = new float[n];
        dutyCycle.value().data().asNioFloat().get(0, d, 0, n);
        return d;
    }

    /** Training samples seen so far (nupic.torch's {@code learning_iterations}). */
    public long learningIterations() { return (long) iterations.value().getDouble(0); }

    /** The duty cycles and the sample counter: non-learnable parameters to save with a model. */
    public List<Parameter> state() { return List.of(dutyCycle, iterations); }

    /** Sets the duty cycles (length n) and the sample counter, e.g. to reproduce a reference state. */
    public void setState(float[] duty, long samples) {
        if (duty.length != n) throw new IllegalArgumentException(duty.length + " duty cycles for k-WTA over " + n);
        dutyCycle.value().data().asNioFloat().put(0, duty, 0, n);
        iterations.value().putScalar(0, (double) samples);
    }

    /** The boost factors {@code exp(β · (k/n − d_j))}. */
    public float[] boostFactors() {
        float[] d = dutyCycle();
        float[] f = new float[n];
        float target = (float) k / n;
        for (int j = 0; j < n; j++) f[j] = (float) Math.exp((target - d[j]) * boost);
        return f;
    }

    /** The winner mask (1 = passes) of {@code rows} rows of {@code x} (row-major {@code [rows, n]}) with the current duty cycles. */
    public float[] winners(float[] x, int rows) {
        float[] mask = new float[rows * n];
        winners(x, rows, mask);
        return mask;
    }

    /** As {@link #winners(float[], int)}, into {@code mask} (length {@code rows · n}), for callers that reuse buffers. */
    public void winners(float[] x, int rows, float[] mask) {
        requireRows(x, rows);
        requireRows(mask, rows);
        float[] factor = boost > 0 ? boostFactors() : null;
        float[] score = new float[n];
        int[] keys = new int[n];
        int[] work = new int[n];
        for (int r = 0; r < rows; r++) {
            int base = r * n;
            if (factor != null) {
                for (int j = 0; j < n; j++) score[j] = x[base + j] * factor[j];
                Selection.keys(score, 0, n, keys);
            } else {
                Selection.keys(x, base, n, keys);
            }
            int threshold = Selection.kthLargest(keys, n, k, work);
            for (int j = 0; j < n; j++) mask[base + j] = keys[j] >= threshold ? 1f : 0f;
        }
    }

    /** The duty-cycle update after a training batch whose k-WTA output was {@code out} (row-major {@code [rows, n]}). */
    public void updateDutyCycle(float[] out, int rows) {
        requireRows(out, rows);
        float[] d = dutyCycle();
        long seen = learningIterations() + rows;
        long p = Math.min(period, seen);
        int[] count = new int[n];
        for (int r = 0; r < rows; r++) {
            int base = r * n;
            for (int j = 0; j < n; j++) count[j] += out[base + j] > 0 ? 1 : 0;
        }
        for (int j = 0; j < n; j++) d[j] = (d[j] * (p - rows) + count[j]) / p;
        setState(d, seen);
    }

    /** k-WTA on a tape: updates the duty cycles when the tape records (training), only selects otherwise. */
    public Var apply(Var x) {
        return apply(x, x.tape().isRecording());
    }

    /** k-WTA on a tape, in training mode (duty-cycle update) or evaluation mode. */
    public Var apply(Var x, boolean training) {
        return x.tape().apply(new Op(training), x);
    }

    private void requireRows(float[] x, int rows) {
        if (x.length != rows * n) throw new IllegalArgumentException("k-WTA over " + n + " values got " + x.length + " for " + rows + " rows");
    }

    /** One application: keeps the mask for the backward pass. */
    private final class Op implements CustomOp {
        private final boolean training;
        private INDArray mask;

        Op(boolean training) {
            this.training = training;
        }

        @Override
        public INDArray forward(INDArray[] inputs) {
            INDArray in = inputs[0];
            if (in.rank() != 2 || in.size(1) != n) {
                throw new IllegalArgumentException("k-WTA over " + n + " values got shape " + java.util.Arrays.toString(in.shape()));
            }
            int rows = (int) in.size(0);
            float[] x = Floats.of(in);
            float[] m = winners(x, rows);
            mask = Floats.array(m, rows, n, in.dataType());
            INDArray out = Floats.masked(in, x, m);
            if (training) {
                for (int i = 0; i < x.length; i++) if (m[i] == 0) x[i] = 0;
                updateDutyCycle(x, rows);
            }
            return out;
        }

        @Override
        public INDArray[] backward(INDArray gradOutput) {
            return new INDArray[] {gradOutput.mul(mask)};
        }

        @Override
        public String name() {
            return "KWinners";
        }
    }
}
