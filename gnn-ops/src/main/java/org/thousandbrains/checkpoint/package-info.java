/**
 * Versioned, checksummed, atomically written checkpoints: graph, parameters, optimizer state, trainer/RNG
 * state and free metadata, so that a resumed run continues bit for bit.
 *
 * <ul>
 *   <li>{@link org.thousandbrains.checkpoint.Checkpoint}: the content. Build with
 *       {@code Checkpoint.builder().parameters(set).optimizer(opt.state()).trainer(trainer.state())
 *       .graph(edgeTable).meta("dataset", "fashion-mnist").meta("config", json).build()}, or
 *       {@code .capture(trainer)} for parameters + optimizer + trainer state; {@code .graph(compiledGraph)} stores
 *       {@code EdgeTable.of(compiledGraph)} (or pass {@code EdgeTable.of(g, weight, delay, leak, bias, duty,
 *       observations)} for trained values); {@code cp.compiledGraph()} compiles the saved table; {@code .graphml(text)} keeps GraphML
 *       text verbatim (e.g. from {@code GraphMLWriter}). All parts but the parameters are optional. {@code cp.restoreParameters(set)} copies values into existing parameters
 *       (names, shapes and data types must match; the error names the parameter), or
 *       {@code cp.newParameterSet()} recreates them.</li>
 *   <li>{@link org.thousandbrains.checkpoint.CheckpointIO}: {@code write(Path, Checkpoint)} writes a temp file
 *       in the same directory, fsyncs it, atomically renames it over the target and fsyncs the directory;
 *       {@code read(Path)} verifies the magic {@code TBCKPT}, the format version, the payload length and its
 *       CRC32 before decoding.</li>
 *   <li>{@link org.thousandbrains.checkpoint.CheckpointException} (an {@code IOException}): names the file and
 *       what is wrong (not a checkpoint, version from the future, truncated, CRC mismatch, malformed section).</li>
 *   <li>{@link org.thousandbrains.checkpoint.CheckpointListener}: a
 *       {@link org.thousandbrains.train.TrainListener} saving a resumable checkpoint every {@code n} epochs
 *       (atomically replacing the previous one).</li>
 * </ul>
 *
 * <p>File layout (big-endian): magic {@code "TBCKPT\r\n"} (8 bytes), format version (int, now 2), payload
 * length (long), CRC32 of the payload (int), payload. The payload is a sequence of tagged sections (metadata,
 * graph, parameters, optimizer, trainer), each tensor stored as data type, shape and raw values, so values
 * read back bit-exact. The graph is the exact binary form of its {@code EdgeTable}, competition record
 * included (per group k, boost, period, eval-mode k factor, observations, unit winners; per unit rec; per
 * node duty cycle; readout T and K; input steps L), so {@code cp.compiledGraph()} rebuilds the model from the
 * file alone. Only version 3 is read: a version 1 file (without the competition record) or 2 (without the
 * input steps) is refused with a message
 * naming the file, the version found and the version supported.
 *
 * <p>Resume:
 * <pre>{@code
 * Checkpoint cp = CheckpointIO.read(path);
 * cp.resume(trainer);                     // = restoreParameters + optimizer.loadState + trainer.restore
 * trainer.fit(train);                     // continues from the saved epoch and batch, bit for bit
 * }</pre>
 */
package org.thousandbrains.checkpoint;
