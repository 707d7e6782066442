package org.thousandbrains.graph.graphml;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Imports a GraphML file into a {@link org.thousandbrains.graph.topology.Network} (schema and
 * rules in the package documentation). Streaming and secure: one pass of a hardened StAX
 * parser into compact arrays, the network built only once the whole file has been checked.
 *
 * <pre>{@code
 * ImportResult r = new GraphMLReader().map(AttributeMapping.parse("weight=synapses*0.001")).read(path);
 * Network net = r.network();
 * }</pre>
 *
 * Content problems throw {@link GraphMLException} (file, line, column, what); I/O problems
 * such as a missing file throw {@link IOException}.
 */
public final class GraphMLReader {
    private final List<AttributeMapping> mappings = new ArrayList<>();
    private boolean allDirected;
    private int threads = Math.min(8, Runtime.getRuntime().availableProcessors());
    private long segmentBytes = 8L << 20;

    /** Adds an attribute mapping; at most one per target. */
    public GraphMLReader map(AttributeMapping m) {
        for (AttributeMapping old : mappings) {
            if (old.target().equals(m.target())) throw new IllegalArgumentException("two mappings for '" + m.target() + "'");
        }
        mappings.add(m);
        return this;
    }

    /**
     * Reads every edge as one synapse from its {@code source} to its {@code target}, also where the
     * file says undirected (default off: an undirected edge between two nodes becomes two synapses).
     * For files that list each directed synapse once in source-to-target order under
     * {@code edgedefault="undirected"}, as the NeuroData C. elegans connectomes do (a chemical synapse
     * once per direction that exists, a gap junction once in each direction). The import report
     * still counts the edges the file declares undirected.
     */
    public GraphMLReader allDirected(boolean on) {
        this.allDirected = on;
        return this;
    }

    /**
     * Reads a large file with up to {@code n} threads (default: the available processors, at most 8; 1: the calling
     * thread alone). The result, every value, line and error message included, is the same with any number.
     */
    public GraphMLReader threads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be at least 1, got " + n);
        this.threads = n;
        return this;
    }

    /** The least bytes of a file one thread is given (default 8 MiB): a file with fewer than twice that is read by one thread. */
    public GraphMLReader segmentBytes(long bytes) {
        if (bytes < 1) throw new IllegalArgumentException("segment bytes must be at least 1, got " + bytes);
        this.segmentBytes = bytes;
        return this;
    }

    /** Reads a file into a {@link org.thousandbrains.graph.topology.Network} (objects). */
    public ImportResult read(Path file) throws IOException {
        return read(file, false);
    }

    /** Reads a GraphML stream into a network of objects; {@code sourceName} names it in error messages. */
    public ImportResult read(InputStream in, String sourceName) throws IOException {
        return new NetworkAssembler(sourceName, parse(in, sourceName), List.copyOf(mappings), allDirected).assemble();
    }

    /**
     * Reads a file into a {@link org.thousandbrains.graph.topology.SparseNetwork}: the same checks and values as
     * {@link #read(Path)}, held in arrays and attribute columns (no object per node or synapse), for large graphs.
     */
    public ImportResult readArrays(Path file) throws IOException {
        return read(file, true);
    }

    /**
     * A file is first read by {@link FastXmlCursor} (plain ASCII XML, most large files); where that scanner gives
     * up, or the document has any problem, it is read again by the JDK's hardened parser, which decides and
     * words every error. So the fast path changes speed, never what is accepted or how a refusal reads. A large
     * file is read by several threads ({@link SegmentedRead}).
     */
    private ImportResult read(Path file, boolean arrays) throws IOException {
        String name = file.toString();
        int n = Files.isRegularFile(file) ? threads : 1; // a pipe is read once, in order
        try {
            ParsedGraphML doc = SegmentedRead.parse(file, name, new KeyTable(List.copyOf(mappings)), n, segmentBytes);
            NetworkAssembler a = new NetworkAssembler(name, doc, List.copyOf(mappings), allDirected);
            return arrays ? a.assembleArrays() : a.assemble();
        } catch (FastXmlCursor.Unsupported | GraphMLException | XMLStreamException | java.io.UncheckedIOException e) {
            // read again below: the JDK parser accepts or refuses the document with its own messages
        }
        try (InputStream in = Files.newInputStream(file)) {
            return arrays ? readArrays(in, name) : read(in, name);
        }
    }

    /** As {@link #readArrays(Path)} from a stream; {@code sourceName} names it in error messages. */
    public ImportResult readArrays(InputStream in, String sourceName) throws IOException {
        return new NetworkAssembler(sourceName, parse(in, sourceName), List.copyOf(mappings), allDirected).assembleArrays();
    }

    private ParsedGraphML parse(InputStream in, String sourceName) throws IOException {
        ParsedGraphML doc = new ParsedGraphML(new KeyTable(List.copyOf(mappings)));
        try (Reader text = SecureXml.decode(in, sourceName)) {
            XMLStreamReader r = SecureXml.open(text);
            try {
                new GraphMLParser(sourceName, new StaxCursor(r), doc).parse();
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            Throwable nested = e.getNestedException();
            if (nested instanceof StrictTextReader.DecodingException) throw encodingError((StrictTextReader.DecodingException) nested, sourceName);
            if (nested instanceof IOException) throw (IOException) nested;
            throw xmlError(e, sourceName);
        } catch (StrictTextReader.DecodingException e) {
            throw encodingError(e, sourceName);
        }
        return doc;
    }

    private static GraphMLException encodingError(StrictTextReader.DecodingException e, String source) {
        return new GraphMLException(source, e.line(), e.column(), e.getMessage());
    }

    private static GraphMLException xmlError(XMLStreamException e, String source) {
        Location loc = e.getLocation();
        int line = loc == null ? 0 : loc.getLineNumber();
        int column = loc == null ? 0 : loc.getColumnNumber();
        return new GraphMLException(source, line, column, "malformed XML: " + parserMessage(e));
    }

    /** The JDK parser's message without its "ParseError at [row,col]" prefix, on one line. */
    private static String parserMessage(XMLStreamException e) {
        String m = e.getMessage() == null ? "parse error" : e.getMessage();
        int i = m.indexOf("Message: ");
        if (i >= 0) m = m.substring(i + "Message: ".length());
        return m.replace('\n', ' ').trim();
    }
}
