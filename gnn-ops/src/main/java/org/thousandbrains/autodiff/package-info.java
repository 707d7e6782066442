/**
 * Define-by-run reverse-mode autodiff over ND4J {@code INDArray}s (float32 by default, float64
 * for gradient checks: every op keeps its inputs' data type).
 *
 * <h2>Concepts</h2>
 * <ul>
 *   <li>{@link org.thousandbrains.autodiff.Tape} records ops as they run.
 *       {@code new Tape()} records; {@link org.thousandbrains.autodiff.Tape#inference()} records nothing
 *       (evaluation). {@code tape.backward(loss)} seeds {@code dL/dloss = 1} (loss must be a scalar
 *       {@code [1,1]} or rank-0 value) and accumulates into every {@code Var.grad()} and into the
 *       {@code grad()} of every {@link org.thousandbrains.autodiff.Parameter} used on the tape. A tape is
 *       used for one forward/backward and then dropped.</li>
 *   <li>{@link org.thousandbrains.autodiff.Var}: a value on a tape, its gradient after backward, and
 *       fluent ops ({@code x.matmul(w).addBias(b).relu()}).</li>
 *   <li>{@link org.thousandbrains.autodiff.Parameter}: a named, persistent tensor that outlives tapes,
 *       with a gradient accumulator ({@code grad()}, summed over backward passes until
 *       {@code zeroGrad()}), a {@code learnable} flag (non-learnable parameters enter tapes as constants
 *       and optimizers skip them), a group tag ({@code "default"}, {@code "weight"}, {@code "delay"}...)
 *       used by optimizers for per-group learning rates, and an optional
 *       {@link org.thousandbrains.autodiff.Projection} applied after each optimizer step (e.g. clamp delays
 *       to their floors, leaks to {@code [0, 1)}). {@code tape.param(p)} returns the same Var for the same
 *       parameter within one tape. A parameter's value must be a dense C-order
 *       array (not a view), as {@code Nd4j.create}/{@code zeros} make them.</li>
 *   <li>{@link org.thousandbrains.autodiff.ParameterSet}: an ordered, name-unique collection of parameters
 *       (what a model exposes to optimizers and checkpoints).</li>
 *   <li>{@link org.thousandbrains.autodiff.CustomOp}: the extension point. Implement
 *       {@code forward(INDArray[] inputs)} and {@code backward(INDArray gradOutput)} (returning one gradient
 *       per input, {@code null} for none) and apply it with {@code tape.apply(op, inputs...)}. One instance
 *       per application: it may keep what backward needs (as PyTorch's {@code ctx}).</li>
 *   <li>{@link org.thousandbrains.autodiff.OperatorOp}: the temporal graph operator
 *       ({@code org.thousandbrains.ops.TemporalOperator}) as ONE op. {@link org.thousandbrains.autodiff.GraphParameters}
 *       {@code .of(operator[, prefix])} exposes its values as four float64 parameters {@code weight [1,E]},
 *       {@code delay [1,E]}, {@code leak [1,E]} (CSR edge order) and {@code bias [1,N]}, tagged with groups
 *       {@code weight/delay/leak/bias}, with projections (delays in {@code [delayFloor(e), d_max]}, leaks in
 *       {@code [0, MAX_LEAK]}, edges whose learnable bit is off kept at their start value).
 *       {@code OperatorOp.constant(tape, gp, T, input [nIn, B])}, {@code perStep(tape, gp, T, nodes,
 *       input [T*n, B])} and {@code free(tape, gp, T, B)} return the readout {@code [nOut, B]} (node-major;
 *       {@code .transpose()} for a {@code [B, classes]} loss); backward is the operator's exact BPTT.</li>
 *   <li>{@link org.thousandbrains.autodiff.GradCheck}: central finite differences against the tape's
 *       gradients, for tests (use float64).</li>
 * </ul>
 *
 * <h2>Ops (all with exact backward)</h2>
 * Shapes are 2-D {@code [rows, cols]} unless said otherwise; "broadcast" means the second operand may be
 * the same shape, a row vector {@code [1, cols]} or a column vector {@code [rows, 1]}.
 * <ul>
 *   <li>{@code a.matmul(b)}; {@code a.add(b)}, {@code a.sub(b)}, {@code a.mul(b)} (broadcast);
 *       {@code x.addBias(b)} (b of shape {@code [cols]} or {@code [1, cols]}); {@code x.scale(c)};
 *       {@code x.neg()}; {@code x.transpose()}</li>
 *   <li>{@code relu()} (relu'(0) = 0), {@code tanh()}, {@code sigmoid()}, {@code identity()},
 *       {@code activation(org.thousandbrains.graph.topology.Activation)}</li>
 *   <li>{@code sum()}, {@code mean()} (to a {@code [1,1]} scalar); {@code sum(dim)}, {@code mean(dim)}
 *       (keeping the reduced dimension as size 1)</li>
 *   <li>{@code x.maskedMul(mask)}: elementwise product with a fixed, non-differentiable mask (sparse weights)</li>
 *   <li>{@code x.gather(dim, int[] index)} (rows for dim 0, columns for dim 1; repeated indices
 *       accumulate), {@code Var.concat(dim, xs...)}</li>
 *   <li>Losses in {@link org.thousandbrains.autodiff.Losses}: {@code softmaxCrossEntropy(logits [B,C],
 *       int[] labels)} (mean over the batch, stable log-softmax), {@code mse(pred, target)} (mean over all
 *       elements), plus {@code Losses.argmax(INDArray)} and {@code Losses.correct(logits, labels)}.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * ND4J's BLAS and elementwise ops use OpenMP threads; on a machine shared with other processes they spin
 * against each other. On the 2-core development machine, {@code OMP_NUM_THREADS=1} made a 784-512-512-10
 * MLP step (batch 128) 3-5x faster than ND4J's default; set it in the launcher environment for such hosts.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * Parameter w = new Parameter("fc1.weight", Nd4j.randn(DataType.FLOAT, 784, 128).muli(0.05));
 * Parameter b = new Parameter("fc1.bias", Nd4j.zeros(DataType.FLOAT, 1, 128));
 * Tape tape = new Tape();
 * Var x = tape.constant(batchX);                     // [B, 784]
 * Var logits = x.matmul(tape.param(w)).addBias(tape.param(b)).relu();
 * Var loss = Losses.softmaxCrossEntropy(logits, labels);
 * tape.backward(loss);                               // w.grad(), b.grad() now hold dL/dw, dL/db
 * }</pre>
 */
package org.thousandbrains.autodiff;
