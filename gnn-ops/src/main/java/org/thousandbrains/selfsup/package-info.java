/**
 * Training signals beyond the main readout, all through the one {@link org.thousandbrains.ops.TemporalOperator}
 * of a {@link org.thousandbrains.model.GraphClassifier} (DESIGN.md "Seed mechanisms", bullets 2–4): losses on
 * any node states at any step enter the operator's exact BPTT as state gradients
 * ({@link org.thousandbrains.selfsup.PassObjective}).
 *
 * <ul>
 * <li>{@link org.thousandbrains.selfsup.AuxiliaryHeads} — extra readout heads as graph nodes fed by a group,
 *     read at a chosen step, with loss weights; removed for inference, where they change nothing.</li>
 * <li>{@link org.thousandbrains.selfsup.EmaTeacher} — a slow copy of the same graph, updated after each
 *     optimizer step on BYOL's cosine schedule, never on a tape.</li>
 * <li>{@link org.thousandbrains.selfsup.InputMask} and {@link org.thousandbrains.selfsup.MaskedPrediction} —
 *     masked input nodes, reconstruction of the masked inputs and/or the teacher's states there, losses over
 *     masked positions only.</li>
 * <li>{@link org.thousandbrains.selfsup.LinearProbe} — a linear classifier on the frozen states of a hidden
 *     group, trained through the operator (new output nodes, everything else frozen).</li>
 * </ul>
 *
 * <pre>{@code
 * Network net = LayeredNetwork.builder().inputs(64).dense(32, RELU).dense(32, RELU).outputs(10).build();
 * AuxiliaryHeads heads = AuxiliaryHeads.on(net).head("a1", "h1", 1, 0.3).build();   // adds nodes to net
 * GraphClassifier model = GraphClassifier.of(net);
 * Trainer.builder(model.parameters(), model.optimizer(1e-3), heads.objective(model)).build().fit(train);
 * GraphClassifier inference = GraphClassifier.of(heads.strip(model.network()));
 * }</pre>
 */
package org.thousandbrains.selfsup;
