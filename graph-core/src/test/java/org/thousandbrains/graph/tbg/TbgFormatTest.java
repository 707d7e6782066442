package org.thousandbrains.graph.tbg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thousandbrains.graph.build.LayeredNetwork;
import org.thousandbrains.graph.graphml.ImportResult;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.SparseNetwork;

/** The .tbg binary edge format: exact round trip, and a clear refusal of every damaged or oversized file. */
class TbgFormatTest {
    @TempDir
    Path dir;

    private static Network fixture() {
        Network net = LayeredNetwork.builder().inputs(5).sparse(7, 0.5, Activation.RELU).kWinners(0.3)
                .units(2, 3, 1, 2, Activation.TANH).outputs(3).seed(9).build();
        net.settings().readout(4, 2).inputSteps(2).delayRange(0.5, 6);
        net.addNode("é-ünïcode ✓", NodeKind.NEURON).bias(-0.0).threshold(Double.MIN_VALUE);
        var s = net.synapses().iterator().next();
        s.weight(0.1 + 0.2).delay(1.0000000000000002).leak(0.9);
        net.connect(net.node("é-ünïcode ✓"), net.node("é-ünïcode ✓"), -3, 2, 0).learnable(0);
        return net;
    }

    @Test
    void roundTripKeepsEveryColumnBitForBit() throws IOException {
        SparseNetwork want = SparseNetwork.of(fixture());
        Path f = dir.resolve("g.tbg");
        TbgWriter.write(want, f);
        ImportResult r = TbgReader.read(f);
        SparseNetwork got = r.sparse();
        assertEquals(java.util.List.of(want.nodes().id()), java.util.List.of(got.nodes().id()));
        assertEquals(java.util.List.of(want.nodes().kind()), java.util.List.of(got.nodes().kind()));
        assertEquals(java.util.List.of(want.nodes().activation()), java.util.List.of(got.nodes().activation()));
        assertTrue(java.util.Arrays.equals(want.nodes().group(), got.nodes().group()));
        assertTrue(java.util.Arrays.equals(want.nodes().unit(), got.nodes().unit()));
        for (var pair : new double[][][] {{want.nodes().bias(), got.nodes().bias()}, {want.nodes().threshold(), got.nodes().threshold()},
                {want.nodes().duty(), got.nodes().duty()}, {want.nodes().gain(), got.nodes().gain()},
                {want.nodes().shift(), got.nodes().shift()}, {want.edges().weight(), got.edges().weight()},
                {want.edges().delay(), got.edges().delay()}, {want.edges().leak(), got.edges().leak()}}) {
            assertEquals(pair[0].length, pair[1].length);
            for (int i = 0; i < pair[0].length; i++) {
                assertEquals(Double.doubleToRawLongBits(pair[0][i]), Double.doubleToRawLongBits(pair[1][i]), "element " + i);
            }
        }
        assertTrue(java.util.Arrays.equals(want.edges().src(), got.edges().src()));
        assertTrue(java.util.Arrays.equals(want.edges().dst(), got.edges().dst()));
        assertTrue(java.util.Arrays.equals(want.edges().learnable(), got.edges().learnable()));
        assertEquals(want.groups().keySet(), got.groups().keySet());
        for (String g : want.groups().keySet()) assertEquals(want.groups().get(g).spec(), got.groups().get(g).spec());
        for (String u : want.units().keySet()) assertEquals(want.units().get(u).spec(), got.units().get(u).spec());
        assertEquals(4, got.settings().steps());
        assertEquals(2, got.settings().readoutWindow());
        assertEquals(2, got.settings().inputSteps());
        assertEquals(0.5, got.settings().dMin());
        Network objects = fixture();
        long loops = objects.synapses().stream().filter(x -> objects.source(x) == objects.target(x)).count();
        assertTrue(loops >= 1, "the fixture has a self-loop");
        assertEquals(loops, r.report().selfLoops());
        assertEquals(want.edgeCount(), r.report().synapses());
        assertEquals(Files.size(f), TbgHeader.BYTES + new TbgHeader(want.nodeCount(), want.edgeCount(), 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0)
                .columnBytes() + stringBytes(want), "the file is the header, the columns and the strings, nothing else");
    }

    private static long stringBytes(SparseNetwork net) {
        long b = 0;
        for (var g : net.groups().values()) b += 4 + g.spec().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        for (var u : net.units().values()) b += 4 + u.spec().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        for (String id : net.nodes().id()) b += 4 + id.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        return b;
    }

    private Path written() throws IOException {
        Path f = dir.resolve("g.tbg");
        TbgWriter.write(SparseNetwork.of(fixture()), f);
        return f;
    }

    private String refusal(byte[] bytes) throws IOException {
        Path f = dir.resolve("bad.tbg");
        Files.write(f, bytes);
        return assertThrows(TbgException.class, () -> TbgReader.read(f)).getMessage();
    }

    @Test
    void aFlippedPayloadByteIsACorruptFile() throws IOException {
        byte[] b = Files.readAllBytes(written());
        b[TbgHeader.BYTES + 5] ^= 1;
        assertTrue(refusal(b).endsWith("bad.tbg: payload checksum mismatch: the file is corrupt"), refusal(b));
        byte[] c = Files.readAllBytes(written());
        c[20] ^= 1;
        assertTrue(refusal(c).endsWith("header checksum mismatch: the file is corrupt"), refusal(c));
    }

    @Test
    void truncationMagicAndVersionAreNamed() throws IOException {
        byte[] b = Files.readAllBytes(written());
        assertTrue(refusal(java.util.Arrays.copyOf(b, b.length - 3)).contains("truncated: " + (b.length - 3) + " bytes where the header announces " + b.length));
        assertTrue(refusal(java.util.Arrays.copyOf(b, 50)).contains("shorter than the 112-byte header"));
        byte[] m = b.clone();
        m[0] = 'X';
        assertTrue(refusal(m).contains("not a thousandBrains binary graph (.tbg): bad magic bytes"));
        assertTrue(refusal(header(1, 1, 2)).contains("format version 2 is not supported (this reader reads version 1)"));
    }

    /** A synthetic header alone (no payload): counts as given, a valid header checksum. */
    private static byte[] header(long nodes, long edges, int version) {
        ByteBuffer h = new TbgHeader(nodes, edges, 0, 1, 8, 1, 1, 0, 0, 0, 0, 0, 0).encode();
        byte[] b = h.array().clone();
        ByteBuffer w = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        w.putInt(8, version);
        CRC32C c = new CRC32C();
        c.update(b, 0, 104);
        w.putInt(104, (int) c.getValue());
        return b;
    }

    @Test
    void sizesBeyondIntAreRefusedBeforeAnythingIsAllocated() throws IOException {
        assertTrue(refusal(header(10, 1L << 31, 1)).endsWith("2,147,483,648 edges exceed the 2,147,483,639 (2^31 - 9) one graph holds:"
                + " every column is one Java array"), refusal(header(10, 1L << 31, 1)));
        assertTrue(refusal(header(5_000_000_000L, 1, 1)).contains("5,000,000,000 nodes exceed the 2,147,483,639"));
        assertTrue(refusal(header(3, -1, 1)).contains("negative edges count -1"));
        // within int, but the (absent) payload does not add up: the length check refuses, no 16 GB allocation
        assertTrue(refusal(header(10, Integer.MAX_VALUE - 8, 1)).contains("truncated: 112 bytes where the header announces"));
    }
}
