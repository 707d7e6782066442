package org.thousandbrains.graph.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.thousandbrains.graph.graphml.EdgePairCounter;
import org.thousandbrains.graph.graphml.FastDecimal;
import org.thousandbrains.graph.graphml.ImportReport;
import org.thousandbrains.graph.graphml.ImportResult;
import org.thousandbrains.graph.io.NodeIds;
import org.thousandbrains.graph.topology.ModelSettings;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.SparseNetwork;

/**
 * Reads an edge-list CSV (UTF-8) straight into the arrays of a {@link SparseNetwork}: one directed synapse per
 * row, empty or missing weight/delay/leak columns take the defaults of {@link Network}, nodes (neurons) numbered
 * by first appearance. One streaming pass over the bytes: plain ASCII lines are split in place, their numbers
 * parsed exactly by {@link FastDecimal} (as GraphML values are) and integer node ids looked up without a string;
 * lines with quotes or non-ASCII text go through the general CSV splitter. Nothing is built before the whole
 * file has been checked.
 */
public final class CsvEdgeListReader {
    private static final List<String> COLUMNS = List.of("src", "dst", "weight", "delay", "leak");
    private static final double[] DEFAULTS = {Network.DEFAULT_WEIGHT, Network.DEFAULT_DELAY, Network.DEFAULT_LEAK};

    private CsvEdgeListReader() {
    }

    public static ImportResult read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    public static ImportResult read(InputStream in, String source) throws IOException {
        Rows rows = new Rows(source);
        byte[] buf = new byte[1 << 20];
        int len = 0;
        int lineNo = 0;
        boolean eof = false;
        while (!eof) {
            int got = in.read(buf, len, buf.length - len);
            if (got < 0) eof = true;
            else len += got;
            int start = 0;
            while (true) {
                int nl = indexOf(buf, (byte) '\n', start, len);
                if (nl < 0 && !(eof && start < len)) break;
                int end = nl < 0 ? len : nl;
                rows.line(buf, start, end > start && buf[end - 1] == '\r' ? end - 1 : end, ++lineNo);
                start = nl < 0 ? len : nl + 1;
            }
            System.arraycopy(buf, start, buf, 0, len - start);
            len -= start;
            if (len == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
        }
        return rows.build();
    }

    private static int indexOf(byte[] b, byte x, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] == x) return i;
        return -1;
    }

    /** Column index of src, dst, weight, delay, leak in the file (-1 when absent), and the field count last. */
    private static int[] header(List<String> fields) {
        int[] column = new int[COLUMNS.size() + 1];
        Arrays.fill(column, -1);
        column[COLUMNS.size()] = fields.size();
        for (int i = 0; i < fields.size(); i++) {
            int c = COLUMNS.indexOf(fields.get(i).toLowerCase(Locale.ROOT));
            if (c < 0) throw new IllegalArgumentException("unknown column '" + fields.get(i) + "' (expected src, dst, weight, delay, leak)");
            if (column[c] >= 0) throw new IllegalArgumentException("column '" + fields.get(i) + "' appears twice");
            column[c] = i;
        }
        if (column[0] < 0 || column[1] < 0) throw new IllegalArgumentException("the header must name the columns src and dst");
        return column;
    }

    /** Rows as growing arrays. */
    private static final class Rows {
        private final String source;
        private final CsvLine line = new CsvLine();
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private final NodeIds nodes = new NodeIds();
        private int[] column;
        private int size;
        private int[] src = new int[1024];
        private int[] dst = new int[1024];
        private double[] weight = new double[1024];
        private double[] delay = new double[1024];
        private double[] leak = new double[1024];

        Rows(String source) {
            this.source = source;
        }

        void line(byte[] b, int from, int to, int lineNo) {
            if (lineNo == 1 && to - from >= 3 && b[from] == (byte) 0xEF && b[from + 1] == (byte) 0xBB && b[from + 2] == (byte) 0xBF) from += 3;
            try {
                if (line.splitAscii(b, from, to)) {
                    if (line.blank()) return;
                    if (column == null) column = header(line.strings());
                    else add(line, b);
                } else {
                    String text = decode(b, from, to, lineNo);
                    if (text.isBlank()) return;
                    List<String> fields = CsvFields.split(text);
                    if (column == null) column = header(fields);
                    else add(fields);
                }
            } catch (IllegalArgumentException e) {
                throw new CsvException(source, lineNo, e.getMessage());
            }
        }

        private String decode(byte[] b, int from, int to, int lineNo) {
            try {
                return utf8.decode(ByteBuffer.wrap(b, from, to - from)).toString();
            } catch (CharacterCodingException e) {
                throw new CsvException(source, lineNo, "bytes that are not valid UTF-8");
            }
        }

        private void add(CsvLine f, byte[] b) {
            int k = grow();
            checkCount(f.count());
            for (int c = 0; c < 2; c++) {
                int i = column[c];
                if (f.empty(i)) throw new IllegalArgumentException("empty " + COLUMNS.get(c) + " node id");
                int v = nodes.index(b, f.start(i), f.end(i));
                if (c == 0) src[k] = v;
                else dst[k] = v;
            }
            weight[k] = f.number(b, column[2], "weight", DEFAULTS[0]);
            delay[k] = f.number(b, column[3], "delay", DEFAULTS[1]);
            leak[k] = f.number(b, column[4], "leak", DEFAULTS[2]);
            size++;
        }

        private void add(List<String> f) {
            int k = grow();
            checkCount(f.size());
            for (int c = 0; c < 2; c++) {
                String id = f.get(column[c]);
                if (id.isEmpty()) throw new IllegalArgumentException("empty " + COLUMNS.get(c) + " node id");
                if (c == 0) src[k] = nodes.index(id);
                else dst[k] = nodes.index(id);
            }
            weight[k] = CsvLine.number(f, column[2], "weight", DEFAULTS[0]);
            delay[k] = CsvLine.number(f, column[3], "delay", DEFAULTS[1]);
            leak[k] = CsvLine.number(f, column[4], "leak", DEFAULTS[2]);
            size++;
        }

        private void checkCount(int fields) {
            if (fields != column[COLUMNS.size()]) {
                throw new IllegalArgumentException("expected " + column[COLUMNS.size()] + " fields as in the header, found " + fields);
            }
        }

        /** The row index of the next row, growing the arrays by half when full; refuses more than an int of rows. */
        private int grow() {
            if (size == src.length) {
                if (size >= Integer.MAX_VALUE - 8) {
                    throw new IllegalArgumentException("more than " + (Integer.MAX_VALUE - 8) + " edges: beyond the 2^31 - 9 one graph holds");
                }
                int cap = (int) Math.min(Integer.MAX_VALUE - 8L, size + (long) (size >> 1));
                src = Arrays.copyOf(src, cap);
                dst = Arrays.copyOf(dst, cap);
                weight = Arrays.copyOf(weight, cap);
                delay = Arrays.copyOf(delay, cap);
                leak = Arrays.copyOf(leak, cap);
            }
            return size;
        }

        ImportResult build() {
            if (column == null) throw new CsvException(source, 0, "empty file: expected a header line such as src,dst,weight,delay,leak");
            EdgePairCounter pairs = new EdgePairCounter();
            for (int e = 0; e < size; e++) pairs.add(src[e], dst[e], true);
            SparseNetwork net = new SparseNetwork(SparseNetwork.Nodes.neurons(nodes.ids()),
                    SparseNetwork.Edges.of(trim(src), trim(dst), trim(weight), trim(delay), trim(leak)),
                    Map.of(), Map.of(), new ModelSettings(), Map.of());
            ImportReport report = new ImportReport(nodes.size(), size, 0, pairs.selfLoops(), pairs.parallelEdges(), 0, 0,
                    size, List.of());
            return new ImportResult(net, report);
        }

        private int[] trim(int[] a) {
            return a.length == size ? a : Arrays.copyOf(a, size);
        }

        private double[] trim(double[] a) {
            return a.length == size ? a : Arrays.copyOf(a, size);
        }
    }
}
