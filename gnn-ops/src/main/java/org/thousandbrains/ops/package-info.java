/**
 * The temporal CSR message-passing operator: forward in time over a compiled graph and exact
 * backpropagation through time (BPTT) for every parameter, input and initial state.
 *
 * <h2>What it computes</h2>
 * Exactly DESIGN.md, "The computation (normative)": for {@code t = 1..T}, every edge
 * {@code e = (u → v)} with {@code k = ⌊d⌋, f = d − k} reads
 * {@code r_e(t) = (1 − f)·x_u(t − k) + f·x_u(t − k − 1)}, keeps a leaky trace
 * {@code s_e(t) = λ_e·s_e(t − 1) + r_e(t)}, nodes aggregate
 * {@code a_v(t) = b_v + I_v(t) + Σ w_e·s_e(t)} and apply {@code x_v(t) = φ_v(a_v(t))}; input nodes
 * are clamped to {@code x_v(t) = I_v(t)} (their bias and in-edges have no effect). States before
 * {@code t = 0} are 0 and {@code x(0)} is the given initial state (or 0). Edges with {@code d < 1}
 * read the current step and are evaluated in topological waves. The readout is the output nodes'
 * state at {@code T}, or the mean over the last {@code K} steps.
 *
 * <p>Groups, units and firing (DESIGN.md, "Groups, units, firing") are part of the same operator:
 * k-WTA node groups (boosted scores, {@code k} winners per sample and step, duty cycles updated
 * after a {@link org.thousandbrains.ops.TemporalOperator#training(boolean) training-mode} forward),
 * units whose internal edges are applied {@code rec} times per step, unit groups where the best
 * units by mean activity stay; each is an evaluation block, blocks are ordered into waves of the
 * instant edges. Every forward exposes firing masks ({@code ForwardPass.firingMasks()}). Overseen
 * groups (DESIGN.md, "Seed mechanisms": overseer normalization) are blocks too: per step the members'
 * aggregates are normalised with the group's running mean and variance ({@link org.thousandbrains.ops.GroupState},
 * updated in training mode; or the step's batch statistics), with gain and shift from
 * {@link org.thousandbrains.ops.Parameters}, before activation or k-WTA; the overseer node's state is the
 * members' mean; backward treats the statistics as constants.
 *
 * <h2>Execution strategies</h2>
 * One meaning, several ways to run it ({@link org.thousandbrains.ops.Strategy}): the reference CSR
 * gather kernels, and dense blocks — the edges between two node ranges (the layers of a layered
 * network) with one whole delay and leak 0 in this pass — as BLAS GEMMs ({@code Dense32/64}: one
 * product per step forward, {@code ∂W}, {@code ∂x} and, where trained, the delay and leak gradient
 * products backward). A planner ({@code PassLayout}, cached while the delay/leak pattern stays)
 * decides per pass; {@code AUTO} (default) takes blocks at least 10% dense, or sparser ones fed by a
 * k-WTA group. Blocks fed by a k-WTA group or with masked weights may run sparse-sparse
 * ({@code SparseSparse32/64}: per sample only the nonzero inputs, backward only the nonzero target
 * gradients), chosen per step by {@code SparseCost} from the nonzeros counted then ({@code SPARSE}:
 * always); in AUTO, blocks of 17–25% weights at batches from 128 with weight gradients only run
 * through their sparse weight rows ({@code SparseRows32/64}: the edges over the whole batch, weight
 * gradients where the target's gradient is nonzero). Unit interiors and
 * k-WTA selection run as block stages over the lanes (an overseen group as one stage over all lanes,
 * its statistics span the batch). A contract test checks every strategy
 * against CSR.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * CompiledGraph g = GraphCompiler.compile(network);
 * TemporalOperator op = TemporalOperator.of(g)
 *         .precision(Precision.FLOAT32)   // default; FLOAT64 on request
 *         .threads(2)                     // default: available processors
 *         .readoutMeanOfLast(1);          // default 1: the state at T
 * Parameters p = op.parameters();         // live arrays, CSR edge order: p.weight(), p.delay(), p.leak(); p.bias()
 *
 * Inputs in = Inputs.constant(op.inputNodes(), B, pixels);   // [nIn][B], held for every step
 * //  or Inputs.perStep(nodes, T, B, data)   [T][nodes][B]
 * //  or Inputs.dense(T, N, B, data)         [T][N][B]   (float[] or double[] data)
 * try (ForwardPass f = op.forward(in, T, B, null)) {       // x0 [N][B] or null (zeros)
 *     double[] y = f.readout();                              // [nOut][B]
 *     Gradients gr = op.backward(f, dLossDReadout);          // same layout as y
 *     gr.weight(); gr.delay(); gr.leak();                    // [E], CSR order
 *     gr.bias();                                             // [N]
 *     gr.inputs();                                           // layout of the Inputs given
 *     gr.initialState();                                     // [N][B]
 * }
 * optimizer.step(p, gr);   // updates p.weight() etc. in place, respecting p.learnable()
 * p.clamp();               // delays into [delayFloor(e), d_max], leaks into [0, 1)
 * }</pre>
 *
 * <p>All batched arrays are flat and node-major, batch innermost: element {@code [i][b]} of an
 * {@code [n][B]} array is at {@code i*B + b}; {@code [t][i][b]} of a {@code [T][n][B]} array at
 * {@code ((t-1)*n + i)*B + b} for step {@code t = 1..T}. Edge arrays are in the CSR order of the
 * {@link org.thousandbrains.graph.compile.CompiledGraph} ({@code inputOrder()} maps back).
 *
 * <ul>
 * <li>{@link org.thousandbrains.ops.TemporalOperator} — configuration, the live
 *     {@link org.thousandbrains.ops.Parameters}, {@code forward} (keeps the state history, so
 *     {@code backward} can run), {@code infer} (a ring of ⌊max d⌋+2 ≤ ⌈d_max⌉+2 steps only, no backward),
 *     {@code backward(f, dLdReadout)} and {@code backward(f, dLdReadout, dLdStates)} where
 *     {@code dLdStates[t]} ({@code [N][B]}, {@code t = 1..T}, entries may be null) adds a loss on
 *     any node at any step (auxiliary heads, masked prediction).</li>
 * <li>{@link org.thousandbrains.ops.ForwardPass} — {@code readout()}, {@code state(t)},
 *     {@code firing(t)} (mask {@code x > threshold}, {@code [N][B]}), {@code firedAtAnyStep()};
 *     with {@code op.recordInternals(true)} also {@code preActivation(t)} and {@code trace(t)}
 *     ({@code [E][B]}, for verification only: it stores T·E·B values). {@code close()} hands
 *     the big buffers back to the operator for reuse; optional but keeps the heap small.</li>
 * <li>{@link org.thousandbrains.ops.Gradients} — exact gradients of the scalar loss; the delay
 *     gradient is the right derivative at integer delays,
 *     {@code ∂r/∂d = x_u(t−k−1) − x_u(t−k)}.</li>
 * <li>{@link org.thousandbrains.ops.CsrSpmm} — the single-step kernel {@code Y = A·X}
 *     ({@code [N][B]}, float32) on the CSR of a graph, for benchmarks and dense-free layers.</li>
 * </ul>
 *
 * <h2>Learnable masks</h2>
 * The operator computes every gradient, including those of edges whose
 * {@link org.thousandbrains.graph.topology.Learnable} bits are off. Masks are applied at the
 * optimizer level ({@code Parameters.learnable()}), so that learning rules and analyses can
 * still read the full gradient.
 *
 * <h2>Precision, threads, determinism</h2>
 * FLOAT32 (default) keeps states, traces and adjoints in float and accumulates per-edge and
 * per-node parameter gradients in double; FLOAT64 uses double throughout. Parameters always live
 * in double. Work is split over target rows (forward) and source rows (backward, through the
 * CSC) with a fixed partition, and over the batch where a wave has few rows; every value is
 * summed in the same order whatever the thread count, so results are bit-identical for any
 * {@code threads(k)} and across runs.
 *
 * <p>Java 17's C2 does not vectorize the per-edge loops over the batch (two float arrays at
 * unrelated offsets), so the float32 kernels have a second form on the incubating Vector API,
 * used when the JVM runs with {@code --add-modules jdk.incubator.vector} (the {@code tb} launcher
 * and the Maven test runs pass it; {@code TB_SIMD=0} or {@code -Dtb.simd=false} turn it off). Its
 * forward results are bit-identical to the scalar kernels; its backward adds batch lanes in another
 * order, so gradients agree to float32 rounding. Without the module the scalar kernels run.
 *
 * <h2>Memory strategy (why T=16, N=100k, E=1M, B=32 trains in about 1.5 GB)</h2>
 * <ul>
 * <li>Forward keeps the node states {@code x(0..T)}, node-major with time inside each node, so
 *     {@code x_u(t−k)} and {@code x_u(t−k−1)} are adjacent: {@code N·(T+1)·B} values (steps
 *     before 0 are 0 and read from a zero row). Pre-activations are not stored: every
 *     activation's derivative is a function of its output.</li>
 * <li>Edge traces {@code s_e} exist only for the current step ({@code E_λ·B} values, where
 *     {@code E_λ} counts edges with nonzero leak); an edge with leak 0 has {@code s = r} and needs no
 *     trace at all, in forward or backward.</li>
 * <li>Backward never stores or recomputes traces: with
 *     {@code g̃_e(t) = ∂L/∂a_v(t) + λ_e·g̃_e(t+1)} and {@code q_e(t) = g̃_e(t+1) + λ_e·q_e(t+1)}
 *     it uses {@code ∂L/∂w_e = Σ r_e·g̃_e}, {@code ∂L/∂λ_e = w_e·Σ r_e·q_e},
 *     {@code ∂L/∂d_e = w_e·Σ g̃_e·(x_u(t−k−1) − x_u(t−k))}, recomputing {@code r_e} from the stored
 *     states. It runs per source over the CSC, so {@code g̃, q} ({@code 2·E_λ·B} values) are
 *     streamed, state reads are local to the source, and state adjoints live in a ring of
 *     ⌊max d⌋+2 steps.</li>
 * </ul>
 * Arrays are single Java arrays, so {@code N·(T+1)·B} and {@code E·B} must stay below
 * 2<sup>31</sup>; larger problems are refused with a message naming the sizes.
 */
package org.thousandbrains.ops;
