package org.thousandbrains.optim;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Per-parameter optimizer state: the number of steps taken and named buffers (moments, momentum). */
public final class ParamState {
    long step;
    final Map<String, INDArray> buffers = new LinkedHashMap<>();

    ParamState() {
    }

    /** A state with the given step count and buffers (copied). */
    public ParamState(long step, Map<String, INDArray> buffers) {
        this.step = step;
        buffers.forEach((k, v) -> this.buffers.put(k, v.dup('c')));
    }

    public long step() { return step; }

    /** Buffers by name ({@code exp_avg}, {@code exp_avg_sq}, {@code momentum_buffer}), live. */
    public Map<String, INDArray> buffers() { return java.util.Collections.unmodifiableMap(buffers); }

    ParamState copy() {
        return new ParamState(step, buffers);
    }
}
