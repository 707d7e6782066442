/**
 * The pipeline in short entry points, one class per concept, for notebooks and programs alike
 * ({@code import org.thousandbrains.api.*;}): {@link org.thousandbrains.api.Data} (data sets),
 * {@link org.thousandbrains.api.Topologies} (build, read, write, compile), {@link org.thousandbrains.api.Models}
 * (classifiers), {@link org.thousandbrains.api.Training} (a run and its result),
 * {@link org.thousandbrains.api.Evaluation} (accuracy, noise robustness, firing), {@link org.thousandbrains.api.Plots}
 * (figures as images) and {@link org.thousandbrains.api.Checkpoints} (save and load). The {@code tb} command line
 * is a shell over these.
 *
 * <pre>{@code
 * Split digits = Data.digits();
 * Training.Result r = Training.of(Models.sparse(digits)).data(digits).epochs(10).run();
 * Plots.learningCurves(r.history())
 * Evaluation.noise(r.model(), digits.test(), 0)
 * Checkpoints.save(r.model(), "sparse.tbck");
 * }</pre>
 */
package org.thousandbrains.api;
