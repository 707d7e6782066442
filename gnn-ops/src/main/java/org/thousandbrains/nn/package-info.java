/**
 * Layers with one mechanism each, in the spirit of nupic.torch, usable on any tape and by the
 * dense-block fast path of {@code org.thousandbrains.model}.
 *
 * <ul>
 *   <li>{@link org.thousandbrains.nn.KWinners}: Numenta's k-winners-take-all with duty-cycle boosting
 *       ({@code score = x·exp(β(k/n − d))}, ties at the threshold all win, winners keep their real value,
 *       gradient to winners only, duty cycles updated in training only over a period of 1000 samples);
 *       its duty cycles are non-learnable parameters, so checkpoints keep them.</li>
 *   <li>{@link org.thousandbrains.nn.UnitWinners}: competition between units (columns) — the top-k units
 *       by mean activity stay active, DESIGN.md "Units".</li>
 *   <li>{@link org.thousandbrains.nn.SparseWeights}: a fixed 0/1 weight mask re-applied after every
 *       optimizer step (a parameter {@code Projection}), Numenta's sparse weights.</li>
 * </ul>
 *
 * <pre>{@code
 * KWinners kw = new KWinners("h1", 512, 51);          // boost 1.5, duty-cycle period 1000
 * Var h = kw.apply(x.matmul(tape.param(w)));          // training mode when the tape records
 * }</pre>
 */
package org.thousandbrains.nn;
