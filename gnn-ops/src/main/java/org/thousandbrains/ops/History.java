package org.thousandbrains.ops;

/**
 * Layout of the node-state buffer {@code [N][slots][B]}: time runs inside each node, so the two
 * states an edge interpolates between are adjacent. A full history keeps {@code τ = −reach..T}
 * ({@code slot = τ + reach}, the negative steps stay 0); a ring keeps the last {@code reach + 1}
 * steps ({@code slot = τ mod (reach + 1)}).
 */
final class History {
    final int slots;
    final int reach;
    final boolean ring;

    History(int reach, int steps, boolean ring) {
        this.reach = reach;
        this.ring = ring;
        this.slots = ring ? reach + 1 : steps + reach + 1;
    }

    int slot(int tau) {
        return ring ? Math.floorMod(tau, slots) : tau + reach;
    }

    /** True when {@code x(τ)} is still held. */
    boolean holds(int tau, int steps) {
        return tau >= 0 && tau <= steps && (!ring || tau > steps - slots);
    }
}
