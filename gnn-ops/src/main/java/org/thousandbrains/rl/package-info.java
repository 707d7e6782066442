/**
 * Policies computed by the temporal operator and their training on {@link org.thousandbrains.env}
 * environments. {@link org.thousandbrains.rl.Policy}: a graph with instant edges, softmax over its output
 * nodes, one {@code T = 1} pass per batch of decisions; {@link org.thousandbrains.rl.PolicyRollout} runs
 * batches of parallel episodes and records them as {@link org.thousandbrains.rl.Episodes} (observations,
 * actions, action probabilities, rewards, lengths); {@link org.thousandbrains.rl.Reinforce} learns from
 * them by REINFORCE with a per-time-step baseline, one batched forward and backward (BPTT) per update,
 * and Adam.
 */
package org.thousandbrains.rl;
