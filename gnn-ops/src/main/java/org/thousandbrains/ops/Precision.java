package org.thousandbrains.ops;

/** Number format of states, traces and adjoints inside the operator; parameters always stay double. */
public enum Precision {
    /** float: half the memory traffic of FLOAT64; parameter gradients still accumulate in double. */
    FLOAT32,
    /** double throughout; what {@code tb verify} checks against the reference vectors. */
    FLOAT64
}
