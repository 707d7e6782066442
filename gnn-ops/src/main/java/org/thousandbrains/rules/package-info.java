/**
 * Learning rules (DESIGN.md "Learning rules"): {@link org.thousandbrains.rules.Bptt} (default),
 * {@link org.thousandbrains.rules.FiredOnly}, {@link org.thousandbrains.rules.ThreeFactor}
 * (reward-modulated, no backprop), {@link org.thousandbrains.rules.HebbianStrengthening} and
 * {@link org.thousandbrains.rules.L1Activity}, each a one-line choice through
 * {@link org.thousandbrains.rules.Rules#parse}. Rules read the operator's forward pass (states,
 * traces, firing masks) and shape its backward pass; they never run a network of their own.
 */
package org.thousandbrains.rules;
