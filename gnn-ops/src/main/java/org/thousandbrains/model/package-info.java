/**
 * Layered graphs as trainable models: the dense-block fast path.
 *
 * <p>A {@link org.thousandbrains.graph.topology.Network} whose nodes all belong to groups (as
 * {@code LayeredNetwork} builds them: {@code input, h1, h2, ..., output}) is compiled and cut by
 * {@link org.thousandbrains.model.BlockLayout} into group→group blocks: a
 * {@link org.thousandbrains.model.MatrixBlock} per group pair and whole delay (a weight matrix, with a
 * fixed 0/1 mask when incomplete — Numenta's sparse weights), the unit-internal blocks of unit groups,
 * and {@link org.thousandbrains.model.EdgeListBlock}s for edges with a leaky trace (lateral edges).
 * {@link org.thousandbrains.model.LayeredModel} turns the blocks into parameters and runs them: one
 * instant feed-forward step is one MLP forward pass, every matrix block one GEMM (the OpenBLAS of
 * ND4J's CPU backend) forward and two backward, with hand-written exact BPTT over reused buffers; k-WTA
 * and unit competition come from {@code org.thousandbrains.nn}. {@code writeBack()} puts trained
 * values into the network's synapses and neurons, so plots, checkpoints and GraphML export show them.
 *
 * <ul>
 *   <li>{@link org.thousandbrains.model.Architecture}: the families of the main job — {@code DENSE},
 *       {@code SPARSE} (30% weights, k-WTA 10%, boost 1.5), {@code UNITS} (thousand-brains units with
 *       inner recursion, unit competition and leaky lateral edges).</li>
 *   <li>{@link org.thousandbrains.model.ModelObjective}: classification objective for the trainer (the
 *       forward pass and softmax cross-entropy fused into one tape op).</li>
 *   <li>{@link org.thousandbrains.model.DatasetExamples}: trainer examples over a dataset with reused
 *       batch buffers.</li>
 * </ul>
 *
 * <pre>{@code
 * Network net = Architecture.SPARSE.network(784, new int[] {512, 512}, 10, seed);
 * LayeredModel model = new LayeredModel(net);
 * ModelObjective objective = new ModelObjective(model);
 * Trainer trainer = Trainer.builder(model.parameters(), new Adam(model.parameters().learnable(), 1e-3), objective)
 *     .epochs(10).batchSize(128).seed(seed).build();
 * trainer.fit(new DatasetExamples(split.train()));
 * model.writeBack();
 * }</pre>
 */
package org.thousandbrains.model;
