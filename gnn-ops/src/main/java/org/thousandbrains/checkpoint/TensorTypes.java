package org.thousandbrains.checkpoint;

import org.nd4j.linalg.api.buffer.DataType;

/** The tensor data types a checkpoint stores, with their one-byte codes and element sizes. */
final class TensorTypes {
    private TensorTypes() {
    }

    static int code(DataType t) {
        switch (t) {
            case FLOAT: return 1;
            case DOUBLE: return 2;
            case INT: return 3;
            case LONG: return 4;
            default: throw new IllegalArgumentException("checkpoints store FLOAT, DOUBLE, INT and LONG tensors, not " + t);
        }
    }

    /** The type of a code, or null when unknown. */
    static DataType of(int code) {
        switch (code) {
            case 1: return DataType.FLOAT;
            case 2: return DataType.DOUBLE;
            case 3: return DataType.INT;
            case 4: return DataType.LONG;
            default: return null;
        }
    }

    static int size(DataType t) {
        return t == DataType.DOUBLE || t == DataType.LONG ? 8 : 4;
    }
}
