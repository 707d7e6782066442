package org.thousandbrains.ops;

import java.nio.FloatBuffer;

import org.bytedeco.javacpp.FloatPointer;

/**
 * Float32 master weights kept outside the operator (e.g. by a trainer's optimizer), in CSR edge
 * order, with their gradient buffer: float32 passes read every weight from here, the dense blocks
 * multiply with them in place, and backward adds every weight gradient into the gradient buffer
 * instead of returning it ({@link Gradients#weight()} is then all zero). Saves the per-batch copies
 * of the weights into the operator and of their gradients out of it.
 */
final class BoundWeights {
    final FloatPointer values;
    final FloatPointer grads;
    final FloatBuffer valueBuffer;
    final FloatBuffer gradBuffer;

    BoundWeights(FloatPointer values, FloatPointer grads, int edges) {
        if (values.capacity() - values.position() < edges || grads.capacity() - grads.position() < edges) {
            throw new IllegalArgumentException("bound weight buffers hold " + (values.capacity() - values.position()) + " and "
                    + (grads.capacity() - grads.position()) + " floats, the graph has E=" + edges + " edges");
        }
        this.values = values;
        this.grads = grads;
        this.valueBuffer = values.asBuffer();
        this.gradBuffer = grads.asBuffer();
    }

    /** A pointer to {@code values[offset]}. */
    FloatPointer valuesAt(long offset) {
        return new FloatPointer(values).position(values.position() + offset);
    }

    /** A pointer to {@code grads[offset]}. */
    FloatPointer gradsAt(long offset) {
        return new FloatPointer(grads).position(grads.position() + offset);
    }
}
