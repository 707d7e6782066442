package org.thousandbrains.graph.tbg;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import org.thousandbrains.graph.graphml.ImportReport;
import org.thousandbrains.graph.graphml.ImportResult;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.ModelSettings;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.SparseNetwork;
import org.thousandbrains.graph.topology.Unit;

/**
 * Reads a {@code .tbg} file ({@link TbgHeader}) into a {@link SparseNetwork}: maps the file, checks the header
 * (magic, version, checksum, counts within int, length) before allocating anything, then copies each column
 * out of the mapping in bulk while the payload checksum is computed, and refuses the file when it does not
 * match. Problems are {@link TbgException}s naming the file.
 */
public final class TbgReader {
    /** Bytes mapped at a time (a mapping holds at most 2 GiB). */
    private static final long WINDOW = 1L << 28;
    private static final NodeKind[] KINDS = NodeKind.values();
    private static final Activation[] ACTIVATIONS = Activation.values();

    private TbgReader() {
    }

    public static ImportResult read(Path file) throws IOException {
        String name = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer head = ByteBuffer.allocate(TbgHeader.BYTES);
            while (head.hasRemaining() && ch.read(head, head.position()) > 0) {
                // read the header
            }
            TbgHeader h = TbgHeader.decode(head, size, name);
            Source in = new Source(ch, TbgHeader.BYTES);
            int e = (int) h.edges();
            int n = (int) h.nodes();
            int[] src = in.ints(e);
            int[] dst = in.ints(e);
            double[] w = in.doubles(e);
            double[] d = in.doubles(e);
            double[] lam = in.doubles(e);
            byte[] learn = in.bytes(e);
            in.pad();
            NodeKind[] kind = enums(in.bytes(n), KINDS, "node kind", name);
            Activation[] act = enums(in.bytes(n), ACTIVATIONS, "activation", name);
            in.pad();
            double[] bias = in.doubles(n);
            double[] thr = in.doubles(n);
            double[] duty = in.doubles(n);
            double[] gain = in.doubles(n);
            double[] shift = in.doubles(n);
            int[] groupOf = in.ints(n);
            int[] unitOf = in.ints(n);
            Strings text = new Strings(in.bytes(checkedInt(h.stringBytes(), "string section", name)), name);
            Map<String, NodeGroup> groups = new LinkedHashMap<>();
            Map<String, Unit> units = new LinkedHashMap<>();
            String[] groupNames = new String[h.groups()];
            String[] unitNames = new String[h.units()];
            for (int g = 0; g < h.groups(); g++) {
                NodeGroup x = NodeGroup.parse(text.next());
                groups.put(x.name(), x);
                groupNames[g] = x.name();
            }
            for (int u = 0; u < h.units(); u++) {
                Unit x = Unit.parse(text.next());
                units.put(x.name(), x);
                unitNames[u] = x.name();
            }
            String[] ids = new String[n];
            for (int v = 0; v < n; v++) ids[v] = text.next();
            if (in.crc() != h.payloadCrc()) throw new TbgException(name, "payload checksum mismatch: the file is corrupt");
            SparseNetwork.Nodes nodes = new SparseNetwork.Nodes(ids, kind, act, bias, thr, duty, gain, shift,
                    names(groupOf, groupNames, "group", name), names(unitOf, unitNames, "unit", name), List.of());
            SparseNetwork.Edges edges = new SparseNetwork.Edges(src, dst, w, d, lam, learn, null, List.of());
            ModelSettings s = new ModelSettings().delayRange(h.dMin(), h.dMax()).readout(h.steps(), h.readoutWindow())
                    .inputSteps(h.inputSteps());
            SparseNetwork net;
            try {
                net = new SparseNetwork(nodes, edges, groups, units, s, Map.of());
            } catch (IllegalArgumentException ex) {
                throw new TbgException(name, ex.getMessage());
            }
            ImportReport report = new ImportReport(n, e, 0, (int) h.selfLoops(), (int) h.parallelEdges(), 0, 0, e, List.of());
            return new ImportResult(net, report);
        }
    }

    private static int checkedInt(long v, String what, String file) {
        if (v > TbgHeader.MAX_ELEMENTS) throw new TbgException(file, what + " of " + v + " bytes exceeds one Java array (2^31 - 9)");
        return (int) v;
    }

    private static <T> T[] enums(byte[] ordinals, T[] values, String what, String file) {
        T[] out = java.util.Arrays.copyOf(values, ordinals.length);
        for (int i = 0; i < ordinals.length; i++) {
            int o = ordinals[i];
            if (o < 0 || o >= values.length) throw new TbgException(file, what + " code " + o + " of node " + i + " is unknown");
            out[i] = values[o];
        }
        return out;
    }

    private static String[] names(int[] index, String[] names, String what, String file) {
        String[] out = new String[index.length];
        for (int v = 0; v < index.length; v++) {
            int i = index[v];
            if (i < -1 || i >= names.length) throw new TbgException(file, what + " index " + i + " of node " + v + " outside [-1, " + names.length + ")");
            out[v] = i < 0 ? null : names[i];
        }
        return out;
    }

    /** The length-prefixed UTF-8 strings of the string section. */
    private static final class Strings {
        private final ByteBuffer b;
        private final String file;

        Strings(byte[] bytes, String file) {
            this.b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            this.file = file;
        }

        String next() {
            if (b.remaining() < 4) throw new TbgException(file, "string section ends early");
            int len = b.getInt();
            if (len < 0 || len > b.remaining()) throw new TbgException(file, "string length " + len + " runs past the string section");
            String s = new String(b.array(), b.position(), len, StandardCharsets.UTF_8);
            b.position(b.position() + len);
            return s;
        }
    }

    /** Sequential bulk reads through windows of the mapped file, feeding the payload CRC-32C. */
    private static final class Source {
        private final FileChannel ch;
        private final CRC32C crc = new CRC32C();
        private long position;
        private long read;

        Source(FileChannel ch, long start) {
            this.ch = ch;
            this.position = start;
        }

        private ByteBuffer map(long bytes) throws IOException {
            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, position, bytes);
            m.order(ByteOrder.LITTLE_ENDIAN);
            crc.update(m.duplicate());
            position += bytes;
            read += bytes;
            return m;
        }

        int[] ints(int count) throws IOException {
            int[] out = new int[count];
            int per = (int) (WINDOW / 4);
            for (int i = 0; i < count; i += per) {
                int len = Math.min(per, count - i);
                map(4L * len).asIntBuffer().get(out, i, len);
            }
            return out;
        }

        double[] doubles(int count) throws IOException {
            double[] out = new double[count];
            int per = (int) (WINDOW / 8);
            for (int i = 0; i < count; i += per) {
                int len = Math.min(per, count - i);
                map(8L * len).asDoubleBuffer().get(out, i, len);
            }
            return out;
        }

        byte[] bytes(int count) throws IOException {
            byte[] out = new byte[count];
            int per = (int) WINDOW;
            for (int i = 0; i < count; i += per) {
                int len = Math.min(per, count - i);
                map(len).get(out, i, len);
            }
            return out;
        }

        void pad() throws IOException {
            long rest = TbgHeader.pad(read) - read;
            if (rest > 0) map(rest);
        }

        int crc() {
            return (int) crc.getValue();
        }
    }
}
