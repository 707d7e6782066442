/**
 * Beyond one machine on Apache Spark: synchronous data-parallel training of a
 * {@link org.thousandbrains.model.GraphClassifier} ({@link org.thousandbrains.distributed.DataParallelTrainer}) and
 * sweeps of independent runs as Spark tasks ({@link org.thousandbrains.distributed.Sweep}).
 *
 * <p>Where it lives, and why. DESIGN.md keeps optional integrations out of the library's required dependencies: a
 * user who never touches Spark must not download it. Spark is therefore an {@code <optional>} dependency of the
 * {@code examples} module, which holds this package and the {@code tb} command line that drives it; Maven does not
 * pass optional dependencies on, so neither {@code gnn-ops} users nor projects depending on {@code examples} get
 * Spark, while the {@code tb} launcher has it on its class path (it copies the module's runtime libraries). A
 * program that uses this package declares {@code org.apache.spark:spark-core_2.13} itself. Nothing in
 * {@code gnn-ops} knows about Spark: the package only uses the public pipeline (classifier, tape, optimizers,
 * checkpoints).
 *
 * <p>Masters. {@code local[*]} (embedded, nothing installed: the default), {@code local[N]}, or
 * {@code spark://HOST:PORT} of a standalone cluster whose executors have this project's jars on their class path
 * ({@code bench/spark_cluster.sh} starts one on loopback). On Java 17 the driver JVM needs Spark's
 * {@code --add-opens} list ({@link org.thousandbrains.distributed.SparkContexts}); executors get it from Spark.
 */
package org.thousandbrains.distributed;
