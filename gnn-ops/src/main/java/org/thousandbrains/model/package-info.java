/**
 * Classification over the one temporal operator: every model of the project — the main job's layered
 * families, a GraphML or CSV topology a user wrote, an imported connectome — is a compiled graph run by
 * {@link org.thousandbrains.ops.TemporalOperator} (forward, exact BPTT, k-WTA groups, units, firing),
 * and {@link org.thousandbrains.model.GraphClassifier} is the thin layer that makes it a classifier.
 * There is no second engine: how the operator executes a graph (CSR gather, dense GEMM blocks, ...)
 * is the operator's business and never changes what is computed.
 *
 * <ul>
 *   <li>{@link org.thousandbrains.model.GraphClassifier}: features drive the input nodes (held for the
 *       graph's {@code T} steps), the output nodes' readout are the logits, mean softmax cross-entropy;
 *       trainable {@code weight}/{@code delay}/{@code leak}/{@code bias} tensors with their projections
 *       and the k-WTA duty cycles as state tensors; the trainer's
 *       {@link org.thousandbrains.train.Objective} (training mode on recording tapes, eval mode on
 *       inference tapes); firing masks; the trained graph as a compiled graph, edge table or network;
 *       self-describing checkpoints ({@code checkpoint()}, {@code restore(Checkpoint)}).</li>
 *   <li>{@link org.thousandbrains.model.Architecture}: the families of the main job, built as graphs by
 *       {@code LayeredNetwork} — {@code DENSE}, {@code SPARSE} (30% weights, k-WTA 10%, boost 1.5),
 *       {@code UNITS} (thousand-brains units with inner recursion, unit competition and leaky lateral
 *       edges, 2 steps).</li>
 *   <li>{@link org.thousandbrains.model.DatasetExamples}: trainer examples over a dataset with reused
 *       batch buffers.</li>
 *   <li>{@link org.thousandbrains.model.Threads}: the native (OpenBLAS, ND4J) thread count of the
 *       process.</li>
 * </ul>
 *
 * <pre>{@code
 * Network net = Architecture.SPARSE.network(784, new int[] {512, 512}, 10, seed);
 * GraphClassifier model = GraphClassifier.of(net).threads(2);
 * Trainer trainer = Trainer.builder(model.parameters(), new Adam(model.parameters().learnable(), 1e-3), model)
 *     .epochs(10).batchSize(128).seed(seed).build();
 * trainer.fit(new DatasetExamples(split.train()));
 * CheckpointIO.write(Path.of("model.tbck"), model.checkpoint().optimizer(...).trainer(trainer.state()).build());
 * GraphClassifier again = GraphClassifier.restore(CheckpointIO.read(Path.of("model.tbck")));
 * }</pre>
 */
package org.thousandbrains.model;
