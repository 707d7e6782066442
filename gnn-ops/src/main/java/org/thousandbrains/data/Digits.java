package org.thousandbrains.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The embedded default data: UCI optical recognition of handwritten digits, 8×8 images with
 * pixel counts 0..16, 1,797 samples in 10 classes (the copy bundled with scikit-learn; licence
 * and provenance in {@code DIGITS-NOTICE.md} beside the resource). Pixels are scaled by 1/16 to
 * [0, 1], as the PyTorch peer does.
 */
public final class Digits {
    /** Name of the gzipped CSV resource: 65 integers a line, 64 pixels row-major then the label. */
    public static final String RESOURCE = "digits.csv.gz";
    public static final int SIZE = 8;
    public static final int CLASSES = 10;
    public static final int MAX_PIXEL = 16;

    private Digits() {
    }

    /** All 1,797 samples, in the order of the source file. */
    public static Dataset load() {
        try (InputStream raw = Digits.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from the gnn-ops jar");
            }
            return parse(new GZIPInputStream(raw), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read embedded " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Parses the digits CSV format from an uncompressed stream. */
    static Dataset parse(InputStream in, String source) throws IOException {
        int d = SIZE * SIZE;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
        List<String> lines = r.lines().toList();
        int n = (int) lines.stream().filter(l -> !l.isBlank()).count();
        float[] features = new float[n * d];
        int[] labels = new int[n];
        int i = 0;
        for (int lineNo = 1; lineNo <= lines.size(); lineNo++) {
            String line = lines.get(lineNo - 1);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != d + 1) {
                throw new IOException(source + " line " + lineNo + ": expected " + (d + 1) + " values, got " + cells.length);
            }
            for (int j = 0; j <= d; j++) {
                int v = parseInt(cells[j], source, lineNo, j);
                int max = j < d ? MAX_PIXEL : CLASSES - 1;
                if (v < 0 || v > max) {
                    throw new IOException(source + " line " + lineNo + " column " + (j + 1) + ": " + v
                            + " outside 0.." + max);
                }
                if (j < d) {
                    features[i * d + j] = v / (float) MAX_PIXEL;
                } else {
                    labels[i] = v;
                }
            }
            i++;
        }
        return new Dataset("digits", features, labels, CLASSES, SIZE, SIZE);
    }

    private static int parseInt(String cell, String source, int lineNo, int col) throws IOException {
        String s = cell.trim();
        try {
            double v = Double.parseDouble(s);
            if (v != Math.rint(v)) {
                throw new NumberFormatException();
            }
            return (int) v;
        } catch (NumberFormatException e) {
            throw new IOException(source + " line " + lineNo + " column " + (col + 1) + ": '" + s + "' is not an integer");
        }
    }
}
