package org.thousandbrains.model;

import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * All buffers of one forward/backward pass of a {@link BlockProgram} for one batch size, allocated once
 * and reused by every later pass of that size: native arrays for the GEMMs ({@code X} states, {@code Z}
 * inner-recursion states, gradient accumulators) and Java mirrors for the element-wise work. Index
 * {@code [t][p]} is step {@code t} (1-based) and group position {@code p}. {@link #generation} counts
 * forward passes, so a backward pass can tell that its buffers were overwritten in between.
 */
final class Frame {
    final int rows;
    int generation;
    final INDArray[][] x;
    final double[][][] xHost;
    final INDArray[][][] z;
    final double[][][][] zHost;
    final float[][][] unitMask;
    final float[][][] winnerMask;
    final double[][][] trace;
    final INDArray[] e;
    final double[][] eHost;
    final INDArray[] a;
    final INDArray[][] gx;
    final INDArray[] ge;
    final INDArray[] ga;
    final INDArray[] gz;
    final double[][] geHost;
    final double[][] gHost;
    final double[][] traceGrad;
    final float[][] scratch;
    /** Per group: {@code rows × size} doubles for gradients scattered into the group's state. */
    final double[][] scatter;


    Frame(int rows, int steps, List<GroupPlan> groups, BlockProgram.Shape shape, DataType type) {
        this.rows = rows;
        int gc = groups.size();
        x = new INDArray[steps + 1][gc];
        xHost = new double[steps + 1][gc][];
        z = new INDArray[steps + 1][gc][];
        zHost = new double[steps + 1][gc][][];
        unitMask = new float[steps + 1][gc][];
        winnerMask = new float[steps + 1][gc][];
        trace = new double[steps + 1][shape.listSizes.length][];
        e = new INDArray[gc];
        eHost = new double[gc][];
        a = new INDArray[gc];
        gx = new INDArray[steps + 1][gc];
        ge = new INDArray[gc];
        ga = new INDArray[gc];
        gz = new INDArray[gc];
        geHost = new double[gc][];
        gHost = new double[gc][];
        traceGrad = new double[shape.listSizes.length][];
        scratch = new float[gc][];
        scatter = new double[gc][];

        for (int p = 0; p < gc; p++) {
            GroupPlan g = groups.get(p);
            int n = g.size();
            scatter[p] = shape.listSources[p] ? new double[rows * n] : null;
            if (g.isInput()) {
                for (int t = 1; t <= steps; t++) xHost[t][p] = shape.readsInput ? new double[rows * n] : null;
                if (shape.inputGrad) for (int t = 1; t <= steps; t++) gx[t][p] = Nd4j.zeros(type, rows, n);
                continue;
            }
            int rec = shape.internal[p] >= 0 ? g.rec() : 1;
            boolean masked = g.unitWinners() > 0 || g.kWinners() > 0;
            e[p] = Nd4j.zeros(type, rows, n);
            eHost[p] = new double[rows * n];
            if (shape.internal[p] >= 0) {
                a[p] = Nd4j.zeros(type, rows, n);
                ga[p] = Nd4j.zeros(type, rows, n);
                gz[p] = Nd4j.zeros(type, rows, n);
            }
            ge[p] = Nd4j.zeros(type, rows, n);
            geHost[p] = new double[rows * n];
            gHost[p] = new double[rows * n];
            scratch[p] = new float[rows * n];
            for (int t = 1; t <= steps; t++) {
                z[t][p] = new INDArray[rec + 1];
                zHost[t][p] = new double[rec + 1][];
                for (int j = 1; j <= rec; j++) {
                    z[t][p][j] = Nd4j.zeros(type, rows, n);
                    zHost[t][p][j] = new double[rows * n];
                }
                if (g.unitWinners() > 0) unitMask[t][p] = new float[rows * n];
                if (g.kWinners() > 0) winnerMask[t][p] = new float[rows * n];
                x[t][p] = masked ? Nd4j.zeros(type, rows, n) : z[t][p][rec];
                // a competing group's state is needed on the Java side only by traces and float64 models
                boolean hostState = type == DataType.DOUBLE || shape.listSources[p];
                xHost[t][p] = masked ? (hostState ? new double[rows * n] : null) : zHost[t][p][rec];
                gx[t][p] = Nd4j.zeros(type, rows, n);
            }
        }
        for (int i = 0; i < shape.listSizes.length; i++) {
            for (int t = 0; t <= steps; t++) trace[t][i] = new double[rows * shape.listSizes[i]];
            traceGrad[i] = new double[rows * shape.listSizes[i]];
        }
    }
}
