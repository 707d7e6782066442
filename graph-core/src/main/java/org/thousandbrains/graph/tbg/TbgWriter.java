package org.thousandbrains.graph.tbg;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import org.thousandbrains.graph.graphml.EdgePairCounter;
import org.thousandbrains.graph.io.AtomicFile;
import org.thousandbrains.graph.topology.ModelSettings;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.SparseNetwork;
import org.thousandbrains.graph.topology.Unit;

/**
 * Writes a {@link SparseNetwork} as a {@code .tbg} file ({@link TbgHeader}): every node and edge column, the
 * groups and units (as their GraphML specs) and the model settings. Not kept: uninterpreted attributes, edge
 * ids and graph metadata (say so to the user; GraphML keeps them). The file is written atomically.
 */
public final class TbgWriter {
    private TbgWriter() {
    }

    public static void write(SparseNetwork net, Path file) throws IOException {
        AtomicFile.writeFile(file, tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                write(net, ch);
            }
        });
    }

    private static void write(SparseNetwork net, FileChannel ch) throws IOException {
        SparseNetwork.Nodes nodes = net.nodes();
        SparseNetwork.Edges edges = net.edges();
        List<byte[]> strings = new ArrayList<>();
        Map<String, Integer> groupIndex = new HashMap<>();
        Map<String, Integer> unitIndex = new HashMap<>();
        for (NodeGroup g : net.groups().values()) {
            groupIndex.put(g.name(), groupIndex.size());
            strings.add(utf8(g.spec()));
        }
        for (Unit u : net.units().values()) {
            unitIndex.put(u.name(), unitIndex.size());
            strings.add(utf8(u.spec()));
        }
        for (String id : nodes.id()) strings.add(utf8(id));
        long stringBytes = 0;
        for (byte[] s : strings) stringBytes += 4 + s.length;

        Sink out = new Sink(ch, TbgHeader.BYTES);
        int e = edges.count();
        int n = nodes.count();
        for (int k = 0; k < e; k++) out.buffer(4).putInt(edges.src()[k]);
        for (int k = 0; k < e; k++) out.buffer(4).putInt(edges.dst()[k]);
        out.doubles(edges.weight());
        out.doubles(edges.delay());
        out.doubles(edges.leak());
        for (byte b : edges.learnable()) out.buffer(1).put(b);
        out.pad();
        for (int v = 0; v < n; v++) out.buffer(1).put((byte) nodes.kind()[v].ordinal());
        for (int v = 0; v < n; v++) out.buffer(1).put((byte) nodes.activation()[v].ordinal());
        out.pad();
        out.doubles(nodes.bias());
        out.doubles(nodes.threshold());
        out.doubles(nodes.duty());
        out.doubles(nodes.gain());
        out.doubles(nodes.shift());
        for (String g : nodes.group()) out.buffer(4).putInt(g == null ? -1 : groupIndex.get(g));
        for (String u : nodes.unit()) out.buffer(4).putInt(u == null ? -1 : unitIndex.get(u));
        for (byte[] s : strings) {
            out.buffer(4).putInt(s.length);
            for (int i = 0; i < s.length; i += 8192) {
                int len = Math.min(8192, s.length - i);
                out.buffer(len).put(s, i, len);
            }
        }
        int crc = out.finish();

        EdgePairCounter pairs = new EdgePairCounter();
        for (int k = 0; k < e; k++) pairs.add(edges.src()[k], edges.dst()[k], true);
        ModelSettings s = net.settings();
        TbgHeader h = new TbgHeader(n, e, stringBytes, s.dMin(), s.dMax(), s.steps(), s.readoutWindow(), s.inputSteps(),
                net.groups().size(), net.units().size(), crc, pairs.selfLoops(), pairs.parallelEdges());
        ch.write(h.encode(), 0);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Buffered little-endian output at a file position with a running CRC-32C and 8-byte section padding. */
    private static final class Sink {
        private final FileChannel ch;
        private final ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        private final CRC32C crc = new CRC32C();
        private long position;
        private long written;

        Sink(FileChannel ch, long start) {
            this.ch = ch;
            this.position = start;
        }

        ByteBuffer buffer(int need) throws IOException {
            if (buf.remaining() < need) flush();
            written += need;
            return buf;
        }

        void doubles(double[] a) throws IOException {
            for (double x : a) buffer(8).putDouble(x);
        }

        void pad() throws IOException {
            while ((written & 7) != 0) buffer(1).put((byte) 0);
        }

        private void flush() throws IOException {
            buf.flip();
            crc.update(buf.duplicate());
            while (buf.hasRemaining()) position += ch.write(buf, position);
            buf.clear();
        }

        int finish() throws IOException {
            flush();
            return (int) crc.getValue();
        }
    }
}
