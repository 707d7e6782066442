/**
 * Datasets for classification: loading, splitting and corrupting labelled images.
 *
 * <ul>
 *   <li>{@link org.thousandbrains.data.Datasets#load(String, long)}: a {@link org.thousandbrains.data.Split}
 *       from a spec — {@code digits} (embedded UCI 8×8 digits, the default; stratified 80/20 split from the
 *       seed), {@code fashion-mnist} (Debian's {@code dataset-fashion-mnist} files) or {@code idx:DIR} (any
 *       folder with the four MNIST-style IDX files).</li>
 *   <li>{@link org.thousandbrains.data.Dataset}: float32 features row-major {@code [n][d]} in one array, int
 *       labels, class count, image shape; {@code gatherFeatures/gatherLabels(int[] indices)} build minibatches
 *       (shuffling is the trainer's job, see {@code org.thousandbrains.train.Examples.of(Dataset)}).</li>
 *   <li>{@link org.thousandbrains.data.IdxReader}: IDX files, gzipped or raw, every element type, strict
 *       size checks with errors naming the file.</li>
 *   <li>{@link org.thousandbrains.data.StratifiedSplit}: seeded per-class split with scikit-learn's sizes.</li>
 *   <li>{@link org.thousandbrains.data.Noise#corrupt}: replaces exactly {@code round(f·d)} pixels per image
 *       by U[0, 1) values, as the PyTorch peer's {@code add_noise}.</li>
 * </ul>
 */
package org.thousandbrains.data;
