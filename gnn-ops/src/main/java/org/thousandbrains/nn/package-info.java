/**
 * Tape layers with one mechanism each, in the spirit of nupic.torch, for models composed op by op on
 * a {@link org.thousandbrains.autodiff.Tape} (the graph models of {@code org.thousandbrains.model} get
 * k-WTA, units and duty cycles from the temporal operator itself).
 *
 * <ul>
 *   <li>{@link org.thousandbrains.nn.KWinners}: Numenta's k-winners-take-all with duty-cycle boosting
 *       ({@code score = x·exp(β(k/n − d))}, ties at the threshold all win, winners keep their real value,
 *       gradient to winners only, duty cycles updated in training only over a period of 1000 samples);
 *       its duty cycles are non-learnable parameters, so checkpoints keep them.</li>
 * </ul>
 *
 * <pre>{@code
 * KWinners kw = new KWinners("h1", 512, 51);          // boost 1.5, duty-cycle period 1000
 * Var h = kw.apply(x.matmul(tape.param(w)));          // training mode when the tape records
 * }</pre>
 */
package org.thousandbrains.nn;
