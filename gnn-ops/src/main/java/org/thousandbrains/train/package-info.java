/**
 * Minibatch training loop: seeded shuffling, evaluation each epoch, early stopping, listeners
 * (progress bar, logging, checkpointing), per-epoch history and exact resume.
 *
 * <ul>
 *   <li>{@link org.thousandbrains.train.Examples}: what the trainer iterates — {@code size()} and
 *       {@code batch(int[] indices)} returning a {@link org.thousandbrains.train.Batch}
 *       ({@code inputs}, optional {@code targets}, optional {@code labels}, the example {@code indices}).
 *       {@link org.thousandbrains.train.ArrayExamples} holds rows of an INDArray (example = row 0 axis);
 *       {@code Examples.of(org.thousandbrains.data.Dataset)} gives float32 rows {@code [B, dim]} with labels.</li>
 *   <li>{@link org.thousandbrains.train.Objective}: {@code Forward forward(Tape tape, Batch batch)} builds the
 *       model on the tape and returns {@link org.thousandbrains.train.Forward}{@code (Var loss, INDArray logits)};
 *       with labels and logits the trainer also counts accuracy (argmax of logits rows).</li>
 *   <li>{@link org.thousandbrains.train.Trainer}: {@code Trainer.builder(parameters, optimizer, objective)
 *       .epochs(10).batchSize(64).seed(42).shuffle(true).clipGlobalNorm(1.0).evaluator(ev)
 *       .earlyStopping(EarlyStopping.min("val_loss", 3)).listener(new ProgressBar()).build()}, then
 *       {@code History h = trainer.fit(trainExamples)}. Each step: zeroGrad, forward on a new Tape, backward,
 *       optional clipping, listeners' {@code beforeStep}, {@code optimizer.step()}, {@code afterStep}.
 *       {@code Trainer.evaluate(examples, objective, batchSize, prefix)} computes mean loss and accuracy without
 *       recording a tape. {@code trainer.requestStop()} ends {@code fit} after the current batch; a later
 *       {@code fit} continues from there. A non-finite loss or gradient stops training with an error naming
 *       the epoch and batch (1-based), the parameter and the loss, before the optimizer changes anything
 *       ({@code "epoch 3, batch 17: gradient of 'w' has NaN/Inf (loss 0.53); parameters left unchanged"}); a
 *       non-finite evaluation metric stops it with an error naming the epoch and the metric.</li>
 *   <li>{@link org.thousandbrains.train.Evaluator}: {@code Map<String,Double> evaluate(int epoch)} called after
 *       each epoch; its metrics go into the epoch's history record and can be monitored by
 *       {@link org.thousandbrains.train.EarlyStopping} ({@code min(metric, patience)} / {@code max(...)}, with
 *       {@code restoreBest()}). {@code Evaluator.of("val", examples, objective, batchSize)} gives
 *       {@code val_loss} and {@code val_accuracy}.</li>
 *   <li>{@link org.thousandbrains.train.TrainListener}: default no-op callbacks {@code onEpochStart},
 *       {@code beforeStep} (gradients ready; e.g. fired-only masking), {@code afterStep} (e.g. EMA teacher),
 *       {@code onBatchEnd}, {@code onEpochEnd}, {@code onTrainEnd}; each receives the trainer.</li>
 *   <li>{@link org.thousandbrains.train.History} / {@link org.thousandbrains.train.EpochResult}: per epoch
 *       train loss, accuracy, seconds and evaluator metrics; JSON export.</li>
 *   <li>{@link org.thousandbrains.train.ProgressBar}: redraws one line with {@code \r} on a terminal
 *       ({@code System.console() != null}); prints one plain line per epoch otherwise.</li>
 *   <li>{@link org.thousandbrains.train.Rng}: seeded SplitMix64 generator whose whole state is one long
 *       ({@code state()} / {@code setState}), so checkpoints restore it exactly; used for shuffling and usable
 *       for initialisation ({@code nextDouble}, {@code nextGaussian}, {@code nextInt(bound)}).</li>
 *   <li>{@link org.thousandbrains.train.TrainerState}: epoch, next batch, step count, RNG states and the
 *       running sums of the current epoch: {@code trainer.state()} / {@code trainer.restore(state)} resume a run
 *       bit for bit (see {@code org.thousandbrains.checkpoint}).</li>
 * </ul>
 */
package org.thousandbrains.train;
