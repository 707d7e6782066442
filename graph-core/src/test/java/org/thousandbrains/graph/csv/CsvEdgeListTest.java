package org.thousandbrains.graph.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.thousandbrains.graph.graphml.ImportResult;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Synapse;

class CsvEdgeListTest {
    static ImportResult read(String csv) throws IOException {
        return read(csv.getBytes(StandardCharsets.UTF_8));
    }

    static ImportResult read(byte[] bytes) throws IOException {
        return CsvEdgeListReader.read(new ByteArrayInputStream(bytes), "e.csv");
    }

    static CsvException fails(String csv) {
        return assertThrows(CsvException.class, () -> read(csv));
    }

    @Test
    void readsRowsWithDefaultsQuotesAndAnyColumnOrder() throws IOException {
        ImportResult r = read("\uFEFFdst, src ,weight\n\"b,1\",a,0.5\n\n a , \"say \"\"hi\"\"\" ,\na,a,-1e-3\n");
        Network net = r.network();
        assertEquals(List.of("a", "b,1", "say \"hi\""), net.nodes().stream().map(Neuron::id).toList());
        List<Synapse> syn = new ArrayList<>(net.synapses());
        assertEquals("a", net.source(syn.get(0)).id());
        assertEquals("b,1", net.target(syn.get(0)).id());
        assertEquals(0.5, syn.get(0).weight());
        assertEquals(Network.DEFAULT_WEIGHT, syn.get(1).weight(), "empty field takes the default");
        assertEquals(Network.DEFAULT_DELAY, syn.get(1).delay());
        assertEquals(-1e-3, syn.get(2).weight());
        assertEquals(3, r.report().edges());
        assertEquals(1, r.report().selfLoops());
        assertEquals(0, r.report().parallelEdges());
    }

    @Test
    void roundTripIsExact() throws IOException {
        Network net = new Network();
        Neuron a = net.addNode(" spaced ", NodeKind.NEURON);
        Neuron b = net.addNode("x,\"y\"", NodeKind.NEURON);
        net.connect(a, b, -0.0, 1.0000000000000002, Double.MIN_VALUE);
        net.connect(a, b, 0.1 + 0.2, 7.5, 0.9);
        net.connect(b, b, -Double.MAX_VALUE, 1, 0);
        StringWriter w = new StringWriter();
        CsvEdgeListWriter.write(net, w);
        ImportResult r = read(w.toString());
        List<Synapse> orig = new ArrayList<>(net.synapses());
        List<Synapse> back = new ArrayList<>(r.network().synapses());
        assertEquals(orig.size(), back.size());
        for (int i = 0; i < orig.size(); i++) {
            assertEquals(net.source(orig.get(i)).id(), r.network().source(back.get(i)).id());
            assertEquals(net.target(orig.get(i)).id(), r.network().target(back.get(i)).id());
            assertEquals(Double.doubleToRawLongBits(orig.get(i).weight()), Double.doubleToRawLongBits(back.get(i).weight()));
            assertEquals(Double.doubleToRawLongBits(orig.get(i).delay()), Double.doubleToRawLongBits(back.get(i).delay()));
            assertEquals(Double.doubleToRawLongBits(orig.get(i).leak()), Double.doubleToRawLongBits(back.get(i).leak()));
        }
        assertEquals(1, r.report().parallelEdges());
    }

    @Test
    void errorsNameFileAndLine() throws IOException {
        assertEquals("e.csv:3: weight 'heavy' is not a number", fails("src,dst,weight\na,b,1\na,b,heavy\n").getMessage());
        assertEquals(2, fails("src,dst,weight\na,b\n").line());
        assertEquals(1, fails("src,target\n").line());
        assertEquals(1, fails("src,dst,dst\n").line());
        assertEquals(2, fails("src,dst\n\"a,b\n").line());
        assertEquals(2, fails("src,dst,leak\na,b,NaN\n").line());
        assertEquals(3, fails("src,dst,delay\na,b,1\n,b,1\n").line());
        assertEquals(2, fails("src,dst,weight\na,b,1f\n").line());
        assertTrue(fails("").getMessage().contains("header"));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("src,dst\na,b\n".getBytes(StandardCharsets.UTF_8));
        b.write("\u00e9,b\n".getBytes(StandardCharsets.ISO_8859_1));
        CsvException e = assertThrows(CsvException.class, () -> read(b.toByteArray()));
        assertEquals(3, e.line());
    }

    @Test
    void idsWithLineBreaksCannotBeWritten() {
        Network net = new Network();
        net.connect(net.addNode("a\nb", NodeKind.NEURON), net.addNode("c", NodeKind.NEURON));
        assertThrows(IllegalArgumentException.class, () -> CsvEdgeListWriter.write(net, new StringWriter()));
    }

    @Test
    void integerIdsAreOneNodeWhetherQuotedOrNotAndLeadingZerosAreOtherIds() throws IOException {
        ImportResult r = read("src,dst,weight\n7,720575940629970489,0.5\n\"7\",007,1e-300\n 7 ,1234567890123456789,2.5E+3\n"
                + "720575940629970489,\"\u00e9\",-0\n");
        org.thousandbrains.graph.topology.SparseNetwork s = r.sparse();
        assertEquals(List.of("7", "720575940629970489", "007", "1234567890123456789", "\u00e9"), List.of(s.nodes().id()));
        assertEquals(List.of(0, 0, 0, 1), java.util.Arrays.stream(s.edges().src()).boxed().toList());
        assertEquals(List.of(1, 2, 3, 4), java.util.Arrays.stream(s.edges().dst()).boxed().toList());
        assertEquals(List.of(0.5, 1e-300, 2500.0, -0.0), java.util.Arrays.stream(s.edges().weight()).boxed().toList());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(s.edges().weight()[3]));
        assertEquals(5, r.network().nodeCount(), "the object form has the same nodes");
    }
}
