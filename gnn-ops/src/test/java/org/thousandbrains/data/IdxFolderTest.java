package org.thousandbrains.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFolderTest {
    @TempDir
    Path dir;

    private void writeSet(String prefix, int n, boolean gz, int labelCount) throws IOException {
        byte[] pixels = new byte[n * 2 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 51);
        }
        byte[] labels = new byte[labelCount];
        for (int i = 0; i < labelCount; i++) {
            labels[i] = (byte) (i % 3);
        }
        byte[] img = IdxReaderTest.idx(0x08, new int[] {n, 2, 3}, pixels);
        byte[] lab = IdxReaderTest.idx(0x08, new int[] {labelCount}, labels);
        String ext = gz ? ".gz" : "";
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte" + ext), gz ? IdxReaderTest.gzip(img) : img);
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte" + ext), gz ? IdxReaderTest.gzip(lab) : lab);
    }

    @Test
    void loadsFourFilesMixedCompressionScaledBy255() throws IOException {
        writeSet("train", 4, true, 4);
        writeSet("t10k", 2, false, 2);
        Split s = IdxFolder.load(dir, "toy");
        assertEquals("toy/train", s.train().name());
        assertEquals(4, s.train().size());
        assertEquals(2, s.test().size());
        assertEquals(2, s.train().height());
        assertEquals(3, s.train().width());
        assertEquals(3, s.train().numClasses());
        assertArrayEquals(new int[] {0, 1, 2, 0}, s.train().labels());
        // pixel 1 of sample 0 is byte 51 -> 51/255 = 0.2
        assertEquals(0.2f, s.train().feature(0, 1), 1e-7f);
        // pixel 5 is byte 255 -> 1.0
        assertEquals(1f, s.train().feature(0, 5), 1e-7f);
    }

    @Test
    void mislabelledPairNamesBothFilesAndCounts() throws IOException {
        writeSet("train", 4, false, 3);
        writeSet("t10k", 2, false, 2);
        IOException e = assertThrows(IOException.class, () -> IdxFolder.load(dir, "toy"));
        assertTrue(e.getMessage().contains("mislabelled pair"), e.getMessage());
        assertTrue(e.getMessage().contains("4 images") && e.getMessage().contains("3 labels"), e.getMessage());
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
    }

    @Test
    void missingFileSaysWhichOne() throws IOException {
        writeSet("train", 4, false, 4);
        IOException e = assertThrows(IOException.class, () -> IdxFolder.load(dir, "toy"));
        assertTrue(e.getMessage().contains("t10k-images"), e.getMessage());
    }

    @Test
    void unknownSpecAndMissingFolderAreClear() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Datasets.load("mnist-please", 0));
        assertTrue(e.getMessage().contains("idx:DIR"), e.getMessage());
        IOException e2 = assertThrows(IOException.class, () -> Datasets.load("idx:" + dir.resolve("nope"), 0));
        assertTrue(e2.getMessage().contains("nope"), e2.getMessage());
    }

    /** The real Fashion-MNIST files, when Debian's dataset-fashion-mnist package is installed. */
    @Test
    void fashionMnistHasOfficialCountsAndRange() throws IOException {
        assumeTrue(Files.isDirectory(Datasets.FASHION_MNIST_DIR),
                "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist); skipping");
        Split s = Datasets.load("fashion-mnist", 0);
        assertEquals(60000, s.train().size());
        assertEquals(10000, s.test().size());
        assertEquals(784, s.train().dim());
        assertEquals(10, s.train().numClasses());
        // Fashion-MNIST is balanced: 6,000 training and 1,000 test images per class
        for (int c = 0; c < 10; c++) {
            assertEquals(6000, s.train().classCounts()[c]);
            assertEquals(1000, s.test().classCounts()[c]);
        }
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : s.train().features()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
    }
}
