package org.thousandbrains.ops.verify;

import java.util.ArrayList;
import java.util.List;

import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.ops.Precision;
import org.thousandbrains.ops.TemporalOperator;
import org.thousandbrains.ops.device.DeviceArray;
import org.thousandbrains.ops.device.DeviceGradients;
import org.thousandbrains.ops.device.DeviceOperator;
import org.thousandbrains.ops.device.KernelService;

/**
 * A test vector on an execution device ({@link KernelService}) in float32: states, readout, loss,
 * duty cycles and the gradients w.r.t. w, d, λ, b, I and x0, compared as {@link Verification} does
 * with its float32 tolerances. The learning-rule blocks stay with {@link Verification} (host code).
 */
public final class DeviceVerification {
    private DeviceVerification() {
    }

    /** The checks of {@code v} on {@code device}; throws when the device cannot run the case's graph. */
    public static List<Verification.Check> run(TestVector v, KernelService device) {
        CompiledGraph g = v.compile();
        TemporalOperator op = TemporalOperator.of(g).precision(Precision.FLOAT32).training(v.training)
                .readoutMeanOfLast(v.readoutK).outputs(v.outputs);
        int T = v.steps;
        int B = v.batch;
        int n = v.n;
        int[] fileIndex = g.inputOrder();
        double vt = Verification.valueTolerance(Precision.FLOAT32);
        double gt = Verification.gradientTolerance(Precision.FLOAT32);
        List<Verification.Check> checks = new ArrayList<>();
        try (DeviceOperator d = device.operator(op); DeviceArray in = upload(device, v.inputs); DeviceArray x0 = upload(device, v.x0)) {
            double[] readout = download(d.forward(in, T, B, x0));
            if (v.x != null) {
                double[] x = new double[T * n * B];
                for (int t = 1; t <= T; t++) System.arraycopy(d.state(t), 0, x, (t - 1) * n * B, n * B);
                checks.add(Verification.compare("x", x, v.x, null, vt));
            }
            if (v.dutyAfter != null) {
                int[] ptr = g.groupStructure().kwtaPtr();
                double[] want = new double[ptr[ptr.length - 1]];
                for (int q = 0; q < v.dutyAfter.length; q++) System.arraycopy(v.dutyAfter[q], 0, want, ptr[q], ptr[q + 1] - ptr[q]);
                checks.add(Verification.compare("duty_after", d.duty(), want, null, vt));
            }
            if (v.readout != null) checks.add(Verification.compare("readout", readout, v.readout, null, vt));
            if (v.lossMatrix == null) return checks;
            double loss = 0;
            for (int i = 0; i < readout.length; i++) loss += readout[i] * v.lossMatrix[i];
            if (v.loss != null) checks.add(Verification.compare("loss", new double[] {loss}, new double[] {v.loss}, null, vt));
            try (DeviceArray seed = upload(device, v.lossMatrix)) {
                d.backward(seed);
            }
            DeviceGradients gr = d.gradients();
            if (v.gradW != null) checks.add(Verification.compare("grad.w", Verification.toFileOrder(gr.weight(), fileIndex), v.gradW, null, gt));
            if (v.gradD != null) checks.add(Verification.compare("grad.d", Verification.toFileOrder(gr.delay(), fileIndex), v.gradD, null, gt));
            if (v.gradLam != null) checks.add(Verification.compare("grad.lam", Verification.toFileOrder(gr.leak(), fileIndex), v.gradLam, null, gt));
            if (v.gradB != null) checks.add(Verification.compare("grad.b", gr.bias(), v.gradB, null, gt));
            if (v.gradI != null) checks.add(Verification.compare("grad.I", gr.inputs(), v.gradI, null, gt));
            if (v.gradX0 != null) checks.add(Verification.compare("grad.x0", gr.initialState(), v.gradX0, null, gt));
        }
        return checks;
    }

    private static double[] download(DeviceArray a) {
        try (a) {
            float[] f = a.download();
            double[] r = new double[f.length];
            for (int i = 0; i < f.length; i++) r[i] = f[i];
            return r;
        }
    }

    private static DeviceArray upload(KernelService device, double[] a) {
        if (a == null) return null;
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return device.upload(f);
    }
}
