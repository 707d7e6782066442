package org.thousandbrains.autodiff;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Matrix product and elementwise arithmetic with 2-D row/column/scalar broadcasting. */
final class Arith {
    private Arith() {
    }

    static Var matmul(Var a, Var b) {
        long[] sa = a.shape();
        long[] sb = b.shape();
        if (sa.length != 2 || sb.length != 2 || sa[1] != sb[0]) {
            throw new IllegalArgumentException("matmul: shapes " + Arrays.toString(sa) + " and " + Arrays.toString(sb)
                    + " do not chain");
        }
        INDArray av = a.value;
        INDArray bv = b.value;
        return a.tape.record(av.mmul(bv), g -> {
            // transpose flags instead of transposed views (2-3x faster); Nd4j.gemm needs dense C-order operands
            INDArray gc = dense(g);
            if (a.requiresGrad) a.accumulateOwned(Nd4j.gemm(gc, dense(bv), false, true));
            if (b.requiresGrad) b.accumulateOwned(Nd4j.gemm(dense(av), gc, true, false));
        }, a, b);
    }

    private static INDArray dense(INDArray x) {
        return x.isView() || x.ordering() != 'c' ? x.dup('c') : x;
    }

    static Var add(Var a, Var b) {
        long[] sa = a.shape();
        long[] sb = b.shape();
        return a.tape.record(combine(a.value, b.value, '+'), g -> {
            if (a.requiresGrad) a.accumulate(Broadcast.reduceTo(g, sa));
            if (b.requiresGrad) b.accumulate(Broadcast.reduceTo(g, sb));
        }, a, b);
    }

    static Var sub(Var a, Var b) {
        long[] sa = a.shape();
        long[] sb = b.shape();
        return a.tape.record(combine(a.value, b.value, '-'), g -> {
            if (a.requiresGrad) a.accumulate(Broadcast.reduceTo(g, sa));
            if (b.requiresGrad) b.accumulateOwned(Broadcast.reduceTo(g.neg(), sb));
        }, a, b);
    }

    static Var mul(Var a, Var b) {
        INDArray av = a.value;
        INDArray bv = b.value;
        return a.tape.record(combine(av, bv, '*'), g -> {
            if (a.requiresGrad) a.accumulateOwned(Broadcast.reduceTo(combine(g, bv, '*'), av.shape()));
            if (b.requiresGrad) b.accumulateOwned(Broadcast.reduceTo(combine(g, av, '*'), bv.shape()));
        }, a, b);
    }

    static Var addBias(Var x, Var bias) {
        long[] sx = x.shape();
        long[] sb = bias.shape();
        boolean row = sx.length == 2 && ((sb.length == 1 && sb[0] == sx[1]) || (sb.length == 2 && sb[0] == 1 && sb[1] == sx[1]));
        if (!row) {
            throw new IllegalArgumentException("addBias: bias of shape " + Arrays.toString(sb) + " does not fit rows of "
                    + Arrays.toString(sx));
        }
        INDArray b2 = bias.value.reshape(1, sx[1]);
        return x.tape.record(x.value.addRowVector(b2), g -> {
            if (x.requiresGrad) x.accumulate(g);
            if (bias.requiresGrad) bias.accumulateOwned(g.sum(true, 0).reshape(sb));
        }, x, bias);
    }

    static Var scale(Var x, double c) {
        return x.tape.record(x.value.mul(c), g -> x.accumulateOwned(g.mul(c)), x);
    }

    static Var maskedMul(Var x, INDArray mask) {
        if (!Arrays.equals(x.shape(), mask.shape())) {
            throw new IllegalArgumentException("maskedMul: mask of shape " + Arrays.toString(mask.shape())
                    + " for a value of shape " + Arrays.toString(x.shape()));
        }
        INDArray m = mask.dataType() == x.dataType() ? mask : mask.castTo(x.dataType());
        return x.tape.record(x.value.mul(m), g -> x.accumulateOwned(g.mul(m)), x);
    }

    /** {@code x op y} with y (or x) broadcast along a size-1 dimension of a 2-D shape; a new array. */
    static INDArray combine(INDArray x, INDArray y, char op) {
        long[] sx = x.shape();
        long[] sy = y.shape();
        if (Arrays.equals(sx, sy)) return elementwise(x, y, op);
        long[] out = Broadcast.shape(sx, sy);
        if (Arrays.equals(out, sx)) {
            if (y.length() == 1) return scalarOp(x, y.getDouble(0), op);
            if (sy[0] == 1) {
                switch (op) {
                    case '+': return x.addRowVector(y);
                    case '-': return x.subRowVector(y);
                    default: return x.mulRowVector(y);
                }
            }
            switch (op) {
                case '+': return x.addColumnVector(y);
                case '-': return x.subColumnVector(y);
                default: return x.mulColumnVector(y);
            }
        }
        return elementwise(Broadcast.expand(x, out), Broadcast.expand(y, out), op);
    }

    private static INDArray elementwise(INDArray x, INDArray y, char op) {
        switch (op) {
            case '+': return x.add(y);
            case '-': return x.sub(y);
            default: return x.mul(y);
        }
    }

    private static INDArray scalarOp(INDArray x, double c, char op) {
        switch (op) {
            case '+': return x.add(c);
            case '-': return x.sub(c);
            default: return x.mul(c);
        }
    }
}
