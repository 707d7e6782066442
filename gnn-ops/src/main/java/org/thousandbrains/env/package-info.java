/**
 * Environments for reinforcement learning: {@link org.thousandbrains.env.CartPole} (Gymnasium's
 * CartPole-v1, seeded resets), {@link org.thousandbrains.env.CartPoleBatch} (parallel episodes with
 * per-environment done flags) and {@link org.thousandbrains.env.CartPoleReference}, which replays the
 * shared {@code thousandBrains-cartpole/1} reference trajectories ({@code tb verify} accepts them).
 */
package org.thousandbrains.env;
