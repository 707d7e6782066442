package org.thousandbrains.ops.device;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.ops.CsrSpmm;
import org.thousandbrains.ops.ForwardPass;
import org.thousandbrains.ops.Gradients;
import org.thousandbrains.ops.Inputs;
import org.thousandbrains.ops.Parameters;
import org.thousandbrains.ops.TemporalOperator;
import org.thousandbrains.optim.Adam;

/** {@link DeviceOperator} on the CPU: the {@link TemporalOperator} it was made from, pass by pass. */
final class CpuOperator implements DeviceOperator {
    private final TemporalOperator op;
    private ForwardPass pass;
    private Gradients grads;
    private CsrSpmm spmm;
    private INDArray[] m;
    private INDArray[] v;

    CpuOperator(TemporalOperator op) {
        this.op = op;
    }

    @Override
    public DeviceArray forward(DeviceArray inputs, int T, int B, DeviceArray x0) {
        closePass();
        int n = op.graph().nodeCount();
        double[] start = null;
        if (x0 != null) {
            float[] x = x0.download();
            start = new double[x.length];
            for (int i = 0; i < x.length; i++) start[i] = x[i];
        }
        pass = op.forward(inputs == null ? null : Inputs.dense(T, n, B, inputs.download()), T, B, start);
        return CpuArray.of(pass.readout());
    }

    @Override
    public double[] state(int t) { return lastPass().state(t); }

    @Override
    public void backward(DeviceArray dLdReadout) {
        float[] d = dLdReadout.download();
        double[] seed = new double[d.length];
        for (int i = 0; i < d.length; i++) seed[i] = d[i];
        grads = op.backward(lastPass(), seed);
    }

    @Override
    public void spmm(DeviceArray x, DeviceArray y, int B) {
        if (spmm == null) spmm = CsrSpmm.of(op.graph()).threads(op.threads());
        float[] out = new float[y.length()];
        spmm.multiply(x.download(), out, B);
        y.upload(out);
    }

    @Override
    public DeviceGradients gradients() {
        Gradients g = lastGradients();
        return new DeviceGradients(g.weight(), g.delay(), g.leak(), g.bias(), g.inputs(), g.initialState());
    }

    @Override
    public void adam(AdamStep s) {
        Gradients g = lastGradients();
        Parameters p = op.parameters();
        double[][] values = {p.weight(), p.delay(), p.leak(), p.bias()};
        double[][] grad = {g.weight(), g.delay(), g.leak(), g.bias()};
        int[] bit = {Learnable.WEIGHT, Learnable.DELAY, Learnable.LEAK, 0};
        if (m == null) {
            m = new INDArray[values.length];
            v = new INDArray[values.length];
            for (int i = 0; i < values.length; i++) {
                m[i] = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, values[i].length);
                v[i] = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, values[i].length);
            }
        }
        byte[] learnable = p.learnable();
        for (int i = 0; i < values.length; i++) {
            if (values[i].length == 0) continue;
            INDArray pi = Nd4j.createFromArray(values[i].clone());
            INDArray mi = m[i].dup();
            INDArray vi = v[i].dup();
            Adam.update(pi, Nd4j.createFromArray(grad[i]), mi, vi, s.lr(), s.beta1(), s.beta2(), s.eps(), s.step());
            double[] newP = pi.toDoubleVector();
            double[] newM = mi.toDoubleVector();
            double[] newV = vi.toDoubleVector();
            double[] oldM = m[i].toDoubleVector();
            double[] oldV = v[i].toDoubleVector();
            for (int j = 0; j < newP.length; j++) {
                if (bit[i] != 0 && (learnable[j] & bit[i]) == 0) {
                    newM[j] = oldM[j];
                    newV[j] = oldV[j];
                } else {
                    values[i][j] = newP[j];
                }
            }
            m[i] = Nd4j.createFromArray(newM);
            v[i] = Nd4j.createFromArray(newV);
        }
        p.clamp();
    }

    @Override
    public Parameters parameters() { return op.parameters(); }

    @Override
    public double[] duty() { return op.groupState().duty().clone(); }

    @Override
    public long deviceBytes() { return 0; }

    @Override
    public void close() { closePass(); }

    private void closePass() {
        if (pass != null) pass.close();
        pass = null;
        grads = null;
    }

    private ForwardPass lastPass() {
        if (pass == null) throw new IllegalStateException("no forward pass on this device operator yet");
        return pass;
    }

    private Gradients lastGradients() {
        if (grads == null) throw new IllegalStateException("no backward pass since the last forward");
        return grads;
    }
}
