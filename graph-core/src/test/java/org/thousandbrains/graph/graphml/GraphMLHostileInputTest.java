package org.thousandbrains.graph.graphml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken GraphML: each must fail with a one-line {@link GraphMLException} that
 * names the line, never read another file or open a connection, and never echo another
 * file's content. A local server socket stands in for any remote resource: no connection may
 * reach it.
 */
class GraphMLHostileInputTest {
    private static final String SECRET = "top-secret-7f3a9c";
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static final String ROOT = "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n";

    @TempDir
    Path dir;
    private Path secret;
    private ServerSocket server;

    @BeforeEach
    void setUp() throws IOException {
        secret = dir.resolve("secret.txt");
        Files.writeString(secret, SECRET + "\n");
        server = new ServerSocket(0);
        server.setSoTimeout(200);
    }

    @AfterEach
    void tearDown() throws IOException {
        server.close();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/x";
    }

    private GraphMLException refused(String xml) {
        return refused(xml.getBytes(StandardCharsets.UTF_8));
    }

    private GraphMLException refused(byte[] bytes) {
        GraphMLException e = assertThrows(GraphMLException.class,
                () -> new GraphMLReader().read(new ByteArrayInputStream(bytes), "hostile.graphml"));
        String m = e.getMessage();
        assertTrue(m.startsWith("hostile.graphml:"), m);
        assertFalse(m.contains("\n"), "one line: " + m);
        assertFalse(m.contains(SECRET), "must not echo another file: " + m);
        assertNoConnection();
        return e;
    }

    private void assertNoConnection() {
        try (Socket s = server.accept()) {
            throw new AssertionError("the parser opened a connection to " + url());
        } catch (SocketTimeoutException expected) {
            // nobody connected
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void externalEntityReadingALocalFileIsRefusedAtTheDoctype() {
        GraphMLException e = refused(HEAD + "<!DOCTYPE graphml [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + ROOT + "<graph edgedefault=\"directed\"><node id=\"&xxe;\"/></graph></graphml>\n");
        assertEquals(2, e.line());
        assertTrue(e.problem().contains("DOCTYPE"), e.problem());
    }

    @Test
    void externalEntityOverTheNetworkIsRefused() {
        GraphMLException e = refused(HEAD + "<!DOCTYPE graphml [<!ENTITY xxe SYSTEM \"" + url() + "\">]>\n"
                + ROOT + "<graph><node id=\"a\"><data key=\"d\">&xxe;</data></node></graph></graphml>\n");
        assertEquals(2, e.line());
    }

    @Test
    void parameterEntityIsRefused() {
        GraphMLException e = refused(HEAD + "<!DOCTYPE graphml [\n<!ENTITY % p SYSTEM \"" + url() + "\">\n%p;\n"
                + "<!ENTITY % f SYSTEM \"" + secret.toUri() + "\">\n]>\n" + ROOT + "<graph/></graphml>\n");
        assertEquals(6, e.line());
    }

    @Test
    void externalDtdIsNeverFetched() throws IOException {
        Path dtd = dir.resolve("evil.dtd");
        Files.writeString(dtd, "<!ENTITY leak SYSTEM \"" + secret.toUri() + "\">\n");
        refused(HEAD + "<!DOCTYPE graphml SYSTEM \"" + url() + "\">\n" + ROOT + "<graph/></graphml>\n");
        GraphMLException e = refused(HEAD + "<!DOCTYPE graphml SYSTEM \"" + dtd.toUri() + "\">\n"
                + ROOT + "<graph><node id=\"&leak;\"/></graph></graphml>\n");
        assertEquals(2, e.line());
    }

    @Test
    void xincludeIsRefused() {
        GraphMLException e = refused(HEAD + ROOT + "<graph>\n<node id=\"a\">\n<data key=\"d\">"
                + "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"" + secret.toUri() + "\" parse=\"text\"/>"
                + "</data></node>\n</graph></graphml>\n");
        assertEquals(5, e.line());
        assertTrue(e.problem().contains("XInclude"), e.problem());
        GraphMLException top = refused(HEAD + ROOT + "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\""
                + url() + "\"/>\n<graph/></graphml>\n");
        assertEquals(3, top.line());
    }

    @Test
    void billionLaughsIsRefusedQuickly() {
        StringBuilder sb = new StringBuilder(HEAD + "<!DOCTYPE graphml [\n<!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            sb.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) sb.append("&lol").append(i - 1).append(';');
            sb.append("\">\n");
        }
        sb.append("]>\n").append(ROOT).append("<graph><node id=\"&lol9;\"/></graph></graphml>\n");
        GraphMLException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> refused(sb.toString()));
        assertEquals(13, e.line());
    }

    @Test
    void quadraticBlowupIsRefusedQuickly() {
        String big = "x".repeat(100_000);
        String refs = "&a;".repeat(100_000);
        String xml = HEAD + "<!DOCTYPE graphml [<!ENTITY a \"" + big + "\">]>\n" + ROOT
                + "<graph><node id=\"n\"><data key=\"d\">" + refs + "</data></node></graph></graphml>\n";
        GraphMLException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> refused(xml));
        assertEquals(2, e.line());
    }

    @Test
    void undeclaredEntityIsRefused() {
        GraphMLException e = refused(HEAD + ROOT + "<graph>\n<node id=\"a\"><data key=\"d\">M&Eacute;XICO</data></node>\n</graph></graphml>\n");
        assertEquals(4, e.line());
    }

    @Test
    void truncatedXmlNamesTheLine() {
        GraphMLException e = refused(HEAD + ROOT + "<graph edgedefault=\"directed\">\n<node id=\"a\"/>\n<node id=\"b\"/>\n<edge source=\"a\" tar");
        assertEquals(6, e.line());
        assertTrue(e.problem().startsWith("malformed XML"), e.problem());
    }

    @Test
    void wrongEncodingNamesTheLineOfTheBadBytes() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write((HEAD + ROOT + "<graph>\n<node id=\"a\"/>\n").getBytes(StandardCharsets.UTF_8));
        b.write("<node id=\"caf\u00e9\"/>\n".getBytes(StandardCharsets.ISO_8859_1));
        b.write("</graph></graphml>\n".getBytes(StandardCharsets.UTF_8));
        GraphMLException e = refused(b.toByteArray());
        assertEquals(5, e.line());
        assertEquals(14, e.column(), "the column of the byte that is not UTF-8, after '<node id=\"caf'");
        assertTrue(e.problem().contains("UTF-8"), e.problem());
    }

    @Test
    void wrongEncodingFarIntoALargeFileStillNamesItsLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write((HEAD + ROOT + "<graph>\n").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 20_000; i++) b.write(("<node id=\"n" + i + "\"/>\n").getBytes(StandardCharsets.UTF_8));
        b.write("<node id=\"\u00ff\"/>\n</graph></graphml>\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(20_004, refused(b.toByteArray()).line());
    }

    @Test
    void declaredLatin1IsDecodedAsLatin1() throws IOException {
        byte[] bytes = ("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n" + ROOT
                + "<graph><node id=\"caf\u00e9\"/></graph></graphml>\n").getBytes(StandardCharsets.ISO_8859_1);
        ImportResult r = new GraphMLReader().read(new ByteArrayInputStream(bytes), "latin1.graphml");
        assertEquals("caf\u00e9", r.network().nodes().iterator().next().id());
    }

    @Test
    void edgeToAMissingNodeNamesTheEdgeLine() {
        GraphMLException e = refused(HEAD + ROOT + "<graph edgedefault=\"directed\">\n<node id=\"a\"/>\n"
                + "<edge source=\"a\" target=\"a\"/>\n<edge source=\"a\" target=\"ghost\"/>\n</graph></graphml>\n");
        assertEquals(6, e.line());
        assertTrue(e.problem().contains("'ghost'"), e.problem());
    }

    @Test
    void nonNumericWeightNamesTheDataLine() {
        GraphMLException e = refused(HEAD + ROOT + "<key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
                + "<graph edgedefault=\"directed\">\n<node id=\"a\"/><node id=\"b\"/>\n<edge source=\"a\" target=\"b\">\n"
                + "<data key=\"w\">heavy</data>\n</edge>\n</graph></graphml>\n");
        assertEquals(7, e.line());
        assertTrue(e.problem().contains("'heavy' is not a number"), e.problem());
    }

    @Test
    void duplicateNodeIdsNameBothLines() {
        GraphMLException e = refused(HEAD + ROOT + "<graph>\n<node id=\"a\"/>\n<node id=\"b\"/>\n<node id=\"a\"/>\n</graph></graphml>\n");
        assertEquals(6, e.line());
        assertTrue(e.problem().contains("duplicate node id 'a'") && e.problem().contains("line 4"), e.problem());
    }

    @Test
    void deepNestingIsRefusedWithoutStackOverflow() {
        String open = "<x>".repeat(2000);
        String close = "</x>".repeat(2000);
        GraphMLException e = refused(HEAD + ROOT + "<graph><node id=\"a\"><data key=\"d\">\n" + open + close
                + "</data></node></graph></graphml>\n");
        assertEquals(4, e.line());
        assertTrue(e.problem().contains("deeper than " + GraphMLParser.MAX_DEPTH), e.problem());
        StringBuilder nested = new StringBuilder(HEAD + ROOT);
        for (int i = 0; i < 2000; i++) nested.append("<graph><node id=\"n").append(i).append("\">\n");
        refused(nested.toString());
    }

    @Test
    void foreignRootsAreRefused() {
        assertEquals(2, refused(HEAD + "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n").line());
        assertEquals(2, refused(HEAD + "<graphml xmlns=\"https://example.org/other\"><graph/></graphml>\n").line());
        assertTrue(refused(HEAD + ROOT + "</graphml>\n").problem().contains("no <graph>"));
        refused(new byte[0]);
    }

    @Test
    void aFailedImportLeavesNothingBehindForTheNextOne() throws IOException {
        GraphMLReader reader = new GraphMLReader();
        byte[] bad = (HEAD + ROOT + "<graph><node id=\"a\"/><node id=\"a\"/></graph></graphml>").getBytes(StandardCharsets.UTF_8);
        assertThrows(GraphMLException.class, () -> reader.read(new ByteArrayInputStream(bad), "bad.graphml"));
        byte[] good = (HEAD + ROOT + "<graph><node id=\"a\"/></graph></graphml>").getBytes(StandardCharsets.UTF_8);
        ImportResult r = reader.read(new ByteArrayInputStream(good), "good.graphml");
        assertEquals(1, r.network().nodeCount());
        assertNull(r.network().node("a").group());
    }
}
