package org.thousandbrains.graph.graphml;

import java.util.Arrays;
import java.util.function.BooleanSupplier;

import org.thousandbrains.graph.io.AsciiChars;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

/**
 * The StAX event loop: checks the document is GraphML, refuses DOCTYPEs, entity references,
 * XInclude and nesting deeper than {@link #MAX_DEPTH}, and records keys, nodes, edges and data
 * values into a {@link ParsedGraphML} without building anything. Elements of other namespaces
 * (yFiles, SVG) are skipped; markup inside {@code <data>} is counted and dropped.
 *
 * <p>A parser can also read one later part of a document on its own thread ({@link #fragment}): there it
 * reads {@code <edge>} elements and their values only, into records of its own, looking node ids up without
 * numbering new ones; anything else abandons it ({@link Abandoned}), and that part is then read by the
 * document's own parser ({@link SegmentedRead}).
 */
final class GraphMLParser {
    /** Deepest element nesting accepted (yEd files reach about 20). */
    static final int MAX_DEPTH = 256;

    private static final int ROOT = 1;
    private static final int GRAPH = 2;
    private static final int NODE = 3;
    private static final int EDGE = 4;
    private static final int KEY = 5;
    private static final int DEFAULT = 6;
    private static final int DATA = 7;
    private static final int HYPEREDGE = 8;
    private static final int PORT = 9;
    private static final int ENDPOINT = 10;
    private static final int IGNORED = 11;
    private static final int CONTENT = 12;

    /** Thrown where a fragment parser meets what only the document's own parser may read. */
    static final class Abandoned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abandoned(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * What a parser knows of the elements open at a position: kind, owning graph/node/edge and the enclosing
     * graph's edge default of each level, and the root's namespace.
     */
    record Frame(int[] ctx, int[] owner, boolean[] directed, String rootNs) {
        boolean same(Frame o) {
            return Arrays.equals(ctx, o.ctx) && Arrays.equals(owner, o.owner) && Arrays.equals(directed, o.directed)
                    && java.util.Objects.equals(rootNs, o.rootNs);
        }

        /** Whether this is the inside of a {@code <graph>} directly under the root, where edges are listed. */
        boolean insideGraph() {
            return ctx.length == 2 && ctx[1] == GRAPH;
        }
    }

    private final String source;
    private XmlCursor r;
    private final ParsedGraphML doc;
    private final int[] ctx = new int[MAX_DEPTH + 2];
    private final int[] owner = new int[MAX_DEPTH + 2];
    private final boolean[] graphDirected = new boolean[MAX_DEPTH + 2];
    private int depth;
    private String rootNs;

    private String keyId;
    private String keyFor;
    private String keyName;
    private String keyType;
    private String keyDefault;
    private int keyLine;
    private int keyColumn;

    /**
     * The text of the current value: in {@link #valueBytes} while it is one piece of plain ASCII (most values, read
     * without a String), else in {@link #text}.
     */
    private final StringBuilder text = new StringBuilder();
    private final AsciiChars valueBytes = new AsciiChars();
    private String dataKey;
    private String dataDomain;
    private int dataOwner;
    private int dataLine;
    private int dataColumn;
    private boolean markup;

    /** Null for the document's own parser; for a fragment parser, whether it should stop. */
    private final BooleanSupplier cancelled;
    /** Run once, after the document's first edge has been read; null for none. */
    private Runnable afterFirstEdge;
    /** Run once, before this parser first changes what fragment parsers read (node ids, keys); null for none. */
    private Runnable beforeSharedChange;

    GraphMLParser(String source, XmlCursor reader, ParsedGraphML doc) {
        this(source, reader, doc, null);
    }

    private GraphMLParser(String source, XmlCursor reader, ParsedGraphML doc, BooleanSupplier cancelled) {
        this.source = source;
        this.r = reader;
        this.doc = doc;
        this.cancelled = cancelled;
    }

    /**
     * A parser of a later part of a document, starting where the elements of {@code at} are open: it reads edges and
     * their values into {@code doc}, whose node records it only reads, and abandons the part on anything else or when
     * {@code cancelled} turns true.
     */
    static GraphMLParser fragment(String source, XmlCursor reader, ParsedGraphML doc, Frame at, BooleanSupplier cancelled) {
        GraphMLParser p = new GraphMLParser(source, reader, doc, cancelled);
        p.depth = at.ctx.length;
        System.arraycopy(at.ctx, 0, p.ctx, 1, p.depth);
        System.arraycopy(at.owner, 0, p.owner, 1, p.depth);
        System.arraycopy(at.directed, 0, p.graphDirected, 1, p.depth);
        p.rootNs = at.rootNs;
        return p;
    }

    /** The frame of the {@code levels} outermost open elements (at most the current depth). */
    Frame frame(int levels) {
        return new Frame(Arrays.copyOfRange(ctx, 1, levels + 1), Arrays.copyOfRange(owner, 1, levels + 1),
                Arrays.copyOfRange(graphDirected, 1, levels + 1), rootNs);
    }

    int depth() {
        return depth;
    }

    void afterFirstEdge(Runnable hook) {
        afterFirstEdge = hook;
    }

    void beforeSharedChange(Runnable hook) {
        beforeSharedChange = hook;
    }

    /** Reads on with another cursor, which starts where the last one ended. */
    void resume(XmlCursor next) throws XMLStreamException {
        r = next;
        run();
    }

    /** Reads the whole document. */
    void parse() throws XMLStreamException {
        run();
        finish();
    }

    /** The checks of a whole document, once all of it has been read. */
    void finish() {
        if (doc.graphs == 0) throw new GraphMLException(source, 0, 0, "no <graph> element: nothing to import");
    }

    /** Reads events until the cursor's end. */
    void run() throws XMLStreamException {
        while (r.hasNext()) {
            if (cancelled != null && cancelled.getAsBoolean()) throw new Abandoned("cancelled");
            switch (r.next()) {
                case XMLStreamConstants.START_ELEMENT: start(); break;
                case XMLStreamConstants.END_ELEMENT: end(); break;
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.CDATA:
                case XMLStreamConstants.SPACE:
                    text();
                    break;
                case XMLStreamConstants.DTD:
                    throw fail("DOCTYPE declarations are not allowed (no DTDs or entities, for security)");
                case XMLStreamConstants.ENTITY_REFERENCE:
                    throw fail("entity reference &" + r.localName()
                            + "; is not allowed (only &amp; &lt; &gt; &quot; &apos; and character references)");
                default:
                    break;
            }
        }
    }

    private void start() {
        depth++;
        if (depth > MAX_DEPTH) throw fail("elements nested deeper than " + MAX_DEPTH + " levels");
        String ns = r.namespaceUri();
        String local = r.localName();
        if (SecureXml.XINCLUDE_NS.equals(ns)) throw fail("XInclude (<" + qname() + ">) is not allowed");
        owner[depth] = owner[depth - 1];
        int parent = ctx[depth - 1];
        if (cancelled != null) fragmentMayRead(ns, local, parent);
        int kind;
        if (depth == 1) {
            kind = root(ns, local);
        } else if (parent == DATA || parent == DEFAULT || parent == CONTENT) {
            kind = CONTENT;
            markup = true;
        } else if (parent == IGNORED || !(ns == null ? "" : ns).equals(rootNs)) {
            kind = IGNORED;
        } else {
            kind = element(local, parent);
        }
        ctx[depth] = kind;
    }

    /** A fragment parser reads an edge inside the graph, and a value inside an edge; nothing else. */
    private void fragmentMayRead(String ns, String local, int parent) {
        boolean edge = parent == GRAPH && local.equals("edge");
        boolean value = parent == EDGE && local.equals("data");
        if (!(edge || value) || !(ns == null ? "" : ns).equals(rootNs)) throw new Abandoned("<" + local + ">");
    }

    /** Before this parser first changes the node ids or keys that fragment parsers read. */
    private void sharedChange() {
        if (beforeSharedChange == null) return;
        Runnable hook = beforeSharedChange;
        beforeSharedChange = null;
        hook.run();
    }

    private int root(String ns, String local) {
        if (!local.equals("graphml")) {
            throw fail("not a GraphML file: the root element is <" + qname() + ">, expected <graphml>");
        }
        if (ns != null && !ns.isEmpty() && !ns.equals(SecureXml.GRAPHML_NS)) {
            throw fail("not a GraphML file: the root element's namespace is '" + ns + "', expected '"
                    + SecureXml.GRAPHML_NS + "' or none");
        }
        rootNs = ns == null ? "" : ns;
        return ROOT;
    }

    private int element(String local, int parent) {
        switch (local) {
            case "key": startKey(); return KEY;
            case "graph":
                doc.graphs++;
                graphDirected[depth] = edgeDefault();
                owner[depth] = doc.graphs - 1;
                return GRAPH;
            case "node": startNode(parent); return NODE;
            case "edge": startEdge(parent); return EDGE;
            case "data": startData(parent); return DATA;
            case "hyperedge": doc.hyperedges++; return HYPEREDGE;
            case "port": doc.ports++; return PORT;
            case "endpoint": return ENDPOINT;
            case "default":
                if (parent != KEY) return IGNORED;
                clearValue();
                markup = false;
                return DEFAULT;
            case "desc": return IGNORED;
            case "locator": doc.locators++; return IGNORED;
            default: doc.unknownElements++; return IGNORED;
        }
    }

    private boolean edgeDefault() {
        String d = r.attribute("edgedefault");
        if (d == null) return false;
        switch (d.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "directed": return true;
            case "undirected": return false;
            default: throw fail("edgedefault=\"" + d + "\" (expected directed or undirected)");
        }
    }

    private void startKey() {
        keyLine = r.line();
        keyColumn = r.column();
        keyId = r.attribute("id");
        keyFor = r.attribute("for");
        keyName = r.attribute("attr.name");
        keyType = r.attribute("attr.type");
        keyDefault = null;
    }

    private void startNode(int parent) {
        if (parent != GRAPH) throw fail("<node> outside a <graph>");
        String id = r.attribute("id");
        if (id == null) throw fail("<node> without an id attribute");
        sharedChange();
        try {
            owner[depth] = doc.nodes.declare(id, r.line());
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
        }
    }

    private void startEdge(int parent) {
        if (parent != GRAPH) throw fail("<edge> outside a <graph>");
        int s = -1;
        int t = -1;
        String d = null;
        String id = null;
        for (int i = 0, n = r.attributeCount(); i < n; i++) {
            String ns = r.attributeNamespace(i);
            if (ns != null && !ns.isEmpty()) continue;
            switch (r.attributeLocalName(i)) {
                case "source": s = i; break;
                case "target": t = i; break;
                case "directed": d = r.attributeValue(i); break;
                case "id": id = r.attributeValue(i); break;
                default: break;
            }
        }
        if (s < 0 || t < 0) throw fail("<edge> without a " + (s < 0 ? "source" : "target") + " attribute");
        boolean directed = graphDirected[depth - 1];
        if (d != null) {
            try {
                directed = Values.parseBoolean(d);
            } catch (IllegalArgumentException e) {
                throw fail("edge '" + r.attributeValue(s) + "' -> '" + r.attributeValue(t) + "': directed=" + e.getMessage());
            }
        }
        int line = r.line();
        NodeRecords nodes = doc.nodes;
        int from = -1;
        int to = -1;
        if (cancelled != null || beforeSharedChange != null) {
            from = nodes.knownRef(r, s);
            to = nodes.knownRef(r, t);
        }
        try {
            if (from < 0 || to < 0) {
                if (cancelled != null) throw new Abandoned("a node id not seen before");
                sharedChange();
                from = nodes.ref(r, s, line);
                to = nodes.ref(r, t, line);
            }
            owner[depth] = doc.edges.add(from, to, directed, id, line);
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
        }
        if (afterFirstEdge != null) {
            Runnable hook = afterFirstEdge;
            afterFirstEdge = null;
            hook.run();
        }
    }

    private void startData(int parent) {
        dataKey = r.attribute("key");
        if (dataKey == null) throw fail("<data> without a key attribute");
        switch (parent) {
            case ROOT: dataDomain = "graphml"; break;
            case GRAPH: dataDomain = "graph"; break;
            case NODE: dataDomain = "node"; break;
            case EDGE: dataDomain = "edge"; break;
            default: dataDomain = null; break;
        }
        dataLine = r.line();
        dataColumn = r.column();
        dataOwner = owner[depth - 1];
        clearValue();
        markup = false;
    }

    private void end() {
        switch (ctx[depth]) {
            case DATA: endData(); break;
            case DEFAULT: keyDefault = markup ? null : value(); break;
            case KEY: endKey(); break;
            default: break;
        }
        depth--;
    }

    private void endKey() {
        sharedChange();
        try {
            doc.keys.declare(keyId, keyFor, keyName, keyType, keyDefault, keyLine);
        } catch (IllegalArgumentException e) {
            throw new GraphMLException(source, keyLine, keyColumn, e.getMessage());
        }
    }

    private void endData() {
        if (dataDomain == null) return;
        if (markup) {
            if (cancelled != null) throw new Abandoned("markup in a value");
            doc.xmlValues++;
            doc.xmlValueKeys.add(dataKey);
            return;
        }
        if (dataDomain.equals("graph") || dataDomain.equals("graphml")) {
            doc.graphData.add(new ParsedGraphML.Datum(dataDomain, dataOwner, dataKey, value(), dataLine, dataColumn));
            return;
        }
        Key k = doc.keys.lookup(dataDomain, dataKey);
        if (k != null && edgeNumber(k)) return;
        String value = value();
        if (k == null) {
            if (cancelled != null) throw new Abandoned("a value of an undeclared key");
            doc.pending.add(new ParsedGraphML.Datum(dataDomain, dataOwner, dataKey, value, dataLine, dataColumn));
            return;
        }
        try {
            doc.apply(k, dataDomain, dataOwner, value);
        } catch (IllegalArgumentException e) {
            throw new GraphMLException(source, dataLine, dataColumn, e.getMessage());
        }
    }

    /**
     * The common case of a large file, without a String per value: an edge's weight, delay or leak written as a
     * plain decimal, parsed straight from the text; false (nothing done) for anything else, which the general
     * path then reads, checks and reports as before.
     */
    private boolean edgeNumber(Key k) {
        if (!dataDomain.equals("edge") || !EdgeRecords.isNumber(k.field)) return false;
        CharSequence t = valueBytes.length() > 0 ? valueBytes : text;
        int from = 0;
        int to = t.length();
        while (from < to && t.charAt(from) <= ' ') from++;
        while (to > from && t.charAt(to - 1) <= ' ') to--;
        double v = FastDecimal.parse(t, from, to);
        if (!Double.isFinite(v)) return false;
        return doc.edges.setNumber(dataOwner, k, v);
    }

    private void text() {
        int kind = ctx[depth];
        if (kind == DATA || kind == DEFAULT) {
            byte[] b = r.textBytes();
            if (b != null && valueBytes.length() == 0 && text.length() == 0) {
                valueBytes.copy(b, r.textByteStart(), r.textByteEnd());
            } else {
                if (valueBytes.length() > 0) {
                    text.append(valueBytes);
                    valueBytes.clear();
                }
                text.append(r.textCharacters(), r.textStart(), r.textLength());
            }
        } else if (kind != IGNORED && kind != CONTENT && depth > 0 && !r.isWhiteSpace()) {
            if (cancelled != null) throw new Abandoned("text outside values");
            if (doc.strayText++ == 0) doc.strayTextLine = r.line();
        }
    }

    private void clearValue() {
        text.setLength(0);
        valueBytes.clear();
    }

    private String value() {
        return valueBytes.length() > 0 ? valueBytes.toString() : text.toString();
    }

    private String qname() {
        String p = r.prefix();
        return p == null || p.isEmpty() ? r.localName() : p + ":" + r.localName();
    }

    private GraphMLException fail(String problem) {
        return new GraphMLException(source, r.line(), r.column(), problem);
    }
}
