package org.thousandbrains.autodiff;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A constraint restored in place after each optimizer step (projected gradient descent), e.g. delays
 * clamped to their per-edge floors, leaks kept in {@code [0, 1)}.
 */
@FunctionalInterface
public interface Projection {
    /** Modifies {@code value} in place so that it satisfies the constraint. */
    void apply(INDArray value);

    /** Clamps every element to {@code [lo, hi]}. */
    static Projection clamp(double lo, double hi) {
        if (!(lo <= hi)) throw new IllegalArgumentException("clamp bounds [" + lo + ", " + hi + "] are empty");
        return v -> Transforms.min(Transforms.max(v, lo, false), hi, false);
    }

    /** Raises every element to at least the matching element of {@code floor} (same shape). */
    static Projection atLeast(INDArray floor) {
        return v -> Transforms.max(v, floor.castTo(v.dataType()), false);
    }

    /** Lowers every element to at most the matching element of {@code ceiling} (same shape). */
    static Projection atMost(INDArray ceiling) {
        return v -> Transforms.min(v, ceiling.castTo(v.dataType()), false);
    }

    /** This projection, then {@code next}. */
    default Projection andThen(Projection next) {
        return v -> {
            apply(v);
            next.apply(v);
        };
    }
}
