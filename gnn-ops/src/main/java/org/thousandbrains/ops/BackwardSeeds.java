package org.thousandbrains.ops;

/**
 * Where the loss enters the backward pass: {@code ∂L/∂readout} spread over the readout steps
 * (divided by K for a mean), plus optional {@code ∂L/∂x(t)} for any node and step, and optionally
 * which samples may reach each node's own parameters (the fired-only rule's mask).
 */
final class BackwardSeeds {
    private final int batch;
    private final int firstReadoutStep;
    private final double scale;
    private final int[] outputIndex;
    private final double[] dReadout;
    private final double[][] dStates;
    private final byte[] ownMask;

    BackwardSeeds(int n, int batch, int steps, int meanOfLast, int[] outputs, double[] dReadout, double[][] dStates,
                  byte[] ownMask) {
        if (ownMask != null && ownMask.length != n * batch) {
            throw new IllegalArgumentException("parameter mask has " + ownMask.length + " values, expected [N=" + n
                    + "][B=" + batch + "]");
        }
        this.ownMask = ownMask;
        this.batch = batch;
        this.firstReadoutStep = steps - meanOfLast + 1;
        this.scale = 1.0 / meanOfLast;
        this.outputIndex = new int[n];
        java.util.Arrays.fill(outputIndex, -1);
        for (int o = 0; o < outputs.length; o++) outputIndex[outputs[o]] = o;
        if (dReadout != null && dReadout.length != outputs.length * batch) {
            throw new IllegalArgumentException("dL/dreadout has " + dReadout.length + " values, expected [nOut="
                    + outputs.length + "][B=" + batch + "]");
        }
        this.dReadout = dReadout;
        if (dStates != null) {
            if (dStates.length != steps + 1) {
                throw new IllegalArgumentException("dL/dstates must have T+1=" + (steps + 1) + " entries (index = step), got "
                        + dStates.length);
            }
            for (int t = 0; t <= steps; t++) {
                if (dStates[t] != null && dStates[t].length != n * batch) {
                    throw new IllegalArgumentException("dL/dstates[" + t + "] has " + dStates[t].length
                            + " values, expected [N=" + n + "][B=" + batch + "]");
                }
            }
        }
        this.dStates = dStates;
    }

    void addTo(int tau, int u, float[] g, int off) {
        int o = outputIndex[u];
        if (dReadout != null && o >= 0 && tau >= firstReadoutStep) {
            Simd.addRounded(scale, dReadout, o * batch, g, off, batch);
        }
        if (dStates != null && dStates[tau] != null) Simd.addRounded(1, dStates[tau], u * batch, g, off, batch);
    }

    void addTo(int tau, int u, double[] g, int off) {
        int o = outputIndex[u];
        if (dReadout != null && o >= 0 && tau >= firstReadoutStep) {
            for (int b = 0; b < batch; b++) g[off + b] += dReadout[o * batch + b] * scale;
        }
        if (dStates != null && dStates[tau] != null) {
            double[] d = dStates[tau];
            for (int b = 0; b < batch; b++) g[off + b] += d[u * batch + b];
        }
    }

    /**
     * {@code [N][B]}: 0 where sample b's gradient must not reach node v's bias and in-edge parameters
     * (backpropagation to earlier nodes is unchanged); null: every sample reaches every parameter.
     */
    byte[] ownMask() {
        return ownMask;
    }

    /** ∂L/∂x(0) given directly (added to the propagated one). */
    double[] initial() {
        return dStates == null ? null : dStates[0];
    }
}
