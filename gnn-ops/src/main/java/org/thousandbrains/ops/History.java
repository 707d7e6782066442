package org.thousandbrains.ops;

/**
 * Layout of the node-state buffer {@code [N][slots][B]}: time runs inside each node, so the two
 * states an edge interpolates between are adjacent. A full history keeps {@code x(0..T)}
 * ({@code slot = τ}); a ring keeps the last {@code reach + 1} steps ({@code slot = τ mod (reach + 1)}).
 * States before step 0 are 0 and are not stored: kernels read a zero row for them.
 */
final class History {
    final int slots;
    final boolean ring;

    History(int reach, int steps, boolean ring) {
        this.ring = ring;
        this.slots = ring ? reach + 1 : steps + 1;
    }

    /** Slot of {@code x(τ)}, {@code τ >= 0}. */
    int slot(int tau) {
        return ring ? tau % slots : tau;
    }

    /** True when {@code x(τ)} is still held. */
    boolean holds(int tau, int steps) {
        return tau >= 0 && tau <= steps && (!ring || tau > steps - slots);
    }
}
