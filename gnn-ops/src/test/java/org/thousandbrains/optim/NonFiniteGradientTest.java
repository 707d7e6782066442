package org.thousandbrains.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.autodiff.Parameter;

/** {@code step()} refuses a NaN/Inf gradient before it changes any parameter or moment. */
class NonFiniteGradientTest {
    @Test
    void allFiniteFindsEveryKindOfNonFiniteValueAnywhere() {
        int n = 10_000; // more than one chunk of the float loop
        for (DataType t : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray a = Nd4j.zeros(t, 1, n);
            a.putScalar(3, t == DataType.FLOAT ? Float.MAX_VALUE : Double.MAX_VALUE);
            a.putScalar(4, -1e30);
            assertTrue(Kernels.allFinite(a), t + " finite");
            for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                for (int at : new int[] {0, 4095, 4096, n - 1}) {
                    INDArray b = a.dup();
                    b.putScalar(at, bad);
                    assertFalse(Kernels.allFinite(b), t + " " + bad + " at " + at);
                }
            }
        }
        INDArray view = Nd4j.zeros(DataType.FLOAT, 4, 4);
        view.putScalar(15, Float.NaN);
        assertTrue(Kernels.allFinite(view.getRow(0)), "a view is read as itself");
        assertFalse(Kernels.allFinite(view.getRow(3)));
    }

    @Test
    void stepThrowsBeforeChangingAnything() {
        Parameter a = new Parameter("a", Nd4j.create(new float[] {1, 2}, new long[] {1, 2}, DataType.FLOAT));
        Parameter b = new Parameter("b", Nd4j.create(new float[] {3, 4}, new long[] {1, 2}, DataType.FLOAT));
        Adam adam = new Adam(List.of(new ParamGroup("g", List.of(a, b), 0.1, 0.0)), 0.9, 0.999, 1e-8);
        a.grad().assign(0.5);
        b.grad().assign(0.5);
        adam.step();
        float[] a1 = a.value().toFloatVector();
        float[] b1 = b.value().toFloatVector();
        INDArray m = adam.state().params().get("a").buffers().values().iterator().next().dup();
        a.grad().assign(0.25); // finite, and first in group order: would be updated first
        b.grad().putScalar(1, Float.NaN);
        assertSame(b, adam.firstNonFiniteGradient());
        NonFiniteGradientException e = assertThrows(NonFiniteGradientException.class, adam::step);
        assertEquals("b", e.parameter());
        assertEquals("gradient of 'b' has NaN/Inf; parameters left unchanged", e.getMessage());
        assertArrayEquals(a1, a.value().toFloatVector(), 0f);
        assertArrayEquals(b1, b.value().toFloatVector(), 0f);
        assertEquals(1, adam.state().params().get("a").step());
        assertEquals(m, adam.state().params().get("a").buffers().values().iterator().next());
        b.grad().putScalar(1, 0.5f);
        assertNull(adam.firstNonFiniteGradient());
        adam.step(); // finite again: steps as usual
        assertEquals(2, adam.state().params().get("a").step());
    }

    @Test
    void frozenParametersAreNotChecked() {
        Parameter a = new Parameter("a", Nd4j.create(new double[] {1}, new long[] {1, 1}, DataType.DOUBLE));
        Parameter frozen = new Parameter("f", Nd4j.create(new double[] {1}, new long[] {1, 1}, DataType.DOUBLE)).learnable(false);
        Sgd sgd = new Sgd(List.of(new ParamGroup("g", List.of(a, frozen), 0.5, 0.0)), 0, 0, false);
        frozen.grad().assign(Double.NaN);
        a.grad().assign(2.0);
        sgd.step();
        assertEquals(0.0, a.value().getDouble(0), 0.0); // 1 - 0.5·2
        assertEquals(1.0, frozen.value().getDouble(0), 0.0);
    }
}
