package org.thousandbrains.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a train/test {@link Split} from a short spec, the one the command line takes:
 * <ul>
 *   <li>{@code digits} — the embedded 8×8 digits ({@link Digits}), split 80/20 by
 *       {@link StratifiedSplit} with the given seed (the PyTorch peer splits with seed 42);</li>
 *   <li>{@code fashion-mnist} — the original IDX files as Debian's {@code dataset-fashion-mnist}
 *       package installs them ({@link #FASHION_MNIST_DIR}); the official 60,000/10,000 split;</li>
 *   <li>{@code idx:DIR} — any folder with the four MNIST-style IDX files ({@link IdxFolder}).</li>
 * </ul>
 * For IDX data the split is the files' own; the seed is used only for {@code digits}.
 */
public final class Datasets {
    /** Where Debian's {@code dataset-fashion-mnist} package installs the IDX files. */
    public static final Path FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** Seed of the PyTorch peer's digits split ({@code random_state=42}). */
    public static final long PEER_SPLIT_SEED = 42;
    /** Fraction of the digits that go to the test set, as in the peer. */
    public static final double DIGITS_TEST_FRACTION = 0.2;
    /** One line per accepted spec, for help texts. */
    public static final String SPECS = "digits (embedded 8x8, default) | fashion-mnist | idx:DIR";

    private Datasets() {
    }

    /**
     * @throws IllegalArgumentException for an unknown spec
     * @throws IOException              if the files are missing or malformed (the message says which
     *                                  and what to do)
     */
    public static Split load(String spec, long seed) throws IOException {
        if (spec.equals("digits")) {
            return StratifiedSplit.split(Digits.load(), DIGITS_TEST_FRACTION, seed);
        }
        if (spec.equals("fashion-mnist")) {
            if (!Files.isDirectory(FASHION_MNIST_DIR)) {
                throw new IOException("fashion-mnist: " + FASHION_MNIST_DIR + " not found; install it with "
                        + "'apt-get install dataset-fashion-mnist' or download the four IDX files into a folder "
                        + "and use idx:DIR");
            }
            return IdxFolder.load(FASHION_MNIST_DIR, "fashion-mnist");
        }
        if (spec.startsWith("idx:")) {
            String dir = spec.substring(4);
            if (dir.isEmpty()) {
                throw new IllegalArgumentException("idx: needs a folder, e.g. idx:data/mnist");
            }
            Path path = Path.of(dir);
            Path leaf = path.toAbsolutePath().normalize().getFileName();
            return IdxFolder.load(path, leaf == null ? "idx" : leaf.toString());
        }
        throw new IllegalArgumentException("unknown dataset '" + spec + "'; expected " + SPECS);
    }
}
