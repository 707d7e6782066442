package org.thousandbrains.graph.graphml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thousandbrains.graph.build.LayeredNetwork;
import org.thousandbrains.graph.build.RandomNetworks;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Attribute;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.Synapse;

/**
 * The fast scanner reads what the JDK parser reads, event for event where it reads at all, and gives up (so the
 * JDK parser decides) on everything outside its subset.
 */
class FastXmlCursorTest {
    @TempDir
    Path dir;

    /** The events of a document as text lines: kind, name, namespace, attributes, text. */
    private static List<String> events(XmlCursor c) throws XMLStreamException {
        List<String> out = new ArrayList<>();
        StringBuilder pendingText = new StringBuilder();
        while (c.hasNext()) {
            int e = c.next();
            if (e == javax.xml.stream.XMLStreamConstants.CHARACTERS || e == javax.xml.stream.XMLStreamConstants.SPACE) {
                pendingText.append(c.textCharacters(), c.textStart(), c.textLength());
                continue;
            }
            if (e != javax.xml.stream.XMLStreamConstants.START_ELEMENT && e != javax.xml.stream.XMLStreamConstants.END_ELEMENT) continue;
            if (pendingText.length() > 0 && !pendingText.toString().isBlank()) out.add("text " + pendingText);
            pendingText.setLength(0);
            StringBuilder sb = new StringBuilder(e == javax.xml.stream.XMLStreamConstants.START_ELEMENT ? "start " : "end ");
            String ns = c.namespaceUri();
            sb.append('{').append(ns == null ? "" : ns).append('}').append(c.localName());
            if (e == javax.xml.stream.XMLStreamConstants.START_ELEMENT) {
                for (int i = 0; i < c.attributeCount(); i++) {
                    String ans = c.attributeNamespace(i);
                    sb.append(" {").append(ans == null ? "" : ans).append('}').append(c.attributeLocalName(i)).append("=").append(c.attributeValue(i));
                }
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static List<String> stax(String doc) throws IOException, XMLStreamException {
        XMLStreamReader r = SecureXml.open(SecureXml.decode(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)), "x"));
        return events(new StaxCursor(r));
    }

    private static List<String> fast(String doc) throws XMLStreamException {
        return events(new FastXmlCursor(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8))));
    }

    private static final String PLAIN = "<?xml version='1.0' encoding='utf-8'?>\n"
            + "<!-- written by hand -->\n"
            + "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
            + "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns x.xsd\" xmlns:y='urn:y'>\n"
            + "  <key id='d0' for=\"edge\" attr.name=\"weight\" attr.type=\"double\"><default>0.5</default></key>\n"
            + "  <graph edgedefault=\"directed\" id='G'>\n"
            + "    <node id=\"a &amp; b\"><data key=\"x\">&lt;tag&gt; &#65;&#x42; &quot;q&quot; &apos;s&apos;</data></node>\n"
            + "    <node id='c'/><y:ShapeNode y:attr=\"1\"><y:Fill color='#fff'/></y:ShapeNode>\n"
            + "    <edge source=\"a &amp; b\" target=\"c\"\n       directed='true'><data key=\"d0\">-1.5e-3</data><!-- c --></edge>\n"
            + "    <edge source=\"c\" target=\"c\" note=\"tab\there\nline\"/>\n"
            + "  </graph>\n</graphml>\n";

    @Test
    void readsPlainGraphMLEventForEventAsTheJdkParser() throws Exception {
        assertEquals(stax(PLAIN), fast(PLAIN));
        assertEquals(12, fast(PLAIN).stream().filter(s -> s.startsWith("start")).count());
    }

    @Test
    void readsWhatTheWriterWritesToTheSameNetwork() throws Exception {
        Network net = LayeredNetwork.builder().inputs(6).sparse(8, 0.5, Activation.RELU).kWinners(0.25)
                .units(2, 3, 2, 2, Activation.TANH).outputs(3).seed(4).build();
        net.settings().readout(3, 2);
        int i = 0;
        for (Neuron v : net.nodes()) v.attribute(new Attribute("cell", "string", "type <" + (i++ % 3) + "> & co"));
        for (Synapse s : net.synapses()) s.id("e" + (i++)).attribute(new Attribute("nt", "int", Integer.toString(i % 7)));
        Network random = RandomNetworks.erdosRenyi(50, 0.1).delays(1, 3).leaks(0.5).seed(2).selfLoops(true).build();
        for (Network n : List.of(net, random)) {
            StringWriter w = new StringWriter();
            GraphMLWriter.write(n, w);
            String doc = w.toString();
            assertEquals(stax(doc), fast(doc));
            Path f = dir.resolve("n.graphml");
            Files.writeString(f, doc);
            Network viaFile = new GraphMLReader().read(f).network();
            Network viaStream = new GraphMLReader().read(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)), f.toString()).network();
            assertEquals(GraphMLWriterTest.write(viaStream), GraphMLWriterTest.write(viaFile), "same network by either parser");
        }
    }

    @Test
    void givesUpOnEverythingOutsideItsSubset() {
        String head = "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><graph>";
        String tail = "</graph></graphml>";
        for (String doc : List.of(
                "<!DOCTYPE graphml [<!ENTITY x 'y'>]>" + head + tail,
                head + "<node id='a'><data key='k'><![CDATA[x]]></data></node>" + tail,
                head + "<?pi x?>" + tail,
                head + "<node id='\u00e9'/>" + tail,
                head + "<node id='a'/>\r\n" + tail,
                head + "<node id='a'></edge>" + tail,
                head + "<node id='a' id='b'/>" + tail,
                head + "<node id='&foo;'/>" + tail,
                head + "<p:node id='a'/>" + tail,
                head + tail + "<extra/>",
                head + tail + "text",
                "<?xml version='1.0' encoding='ISO-8859-1'?>" + head + tail,
                head + "<node id='a'>")) {
            assertThrows(FastXmlCursor.Unsupported.class, () -> fast(doc), doc);
        }
    }

    @Test
    void aFileTheScannerGivesUpOnIsReadOrRefusedByTheJdkParserAsFromAStream() throws IOException {
        String ok = "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><graph edgedefault='directed'>"
                + "<node id='\u00e9'/><node id='b'/><edge source='\u00e9' target='b'/></graph></graphml>";
        String bad = "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><graph>\n<node id='a'/><edge source='a' target='zz'/>"
                + "</graph></graphml>";
        Path f = dir.resolve("ok.graphml");
        Files.writeString(f, ok);
        assertEquals(List.of("\u00e9", "b"), new ArrayList<>(new GraphMLReader().read(f).network().nodes()).stream().map(Neuron::id).toList());
        Path g = dir.resolve("bad.graphml");
        Files.writeString(g, bad);
        String fromFile = assertThrows(GraphMLException.class, () -> new GraphMLReader().read(g)).getMessage();
        String fromStream = assertThrows(GraphMLException.class, () -> new GraphMLReader()
                .read(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), g.toString())).getMessage();
        assertEquals(fromStream, fromFile, "the error is the JDK parser's, with its position");
    }
}
