package org.thousandbrains.graph.graphml;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

/**
 * The StAX event loop: checks the document is GraphML, refuses DOCTYPEs, entity references,
 * XInclude and nesting deeper than {@link #MAX_DEPTH}, and records keys, nodes, edges and data
 * values into a {@link ParsedGraphML} without building anything. Elements of other namespaces
 * (yFiles, SVG) are skipped; markup inside {@code <data>} is counted and dropped.
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

    private final String source;
    private final XmlCursor r;
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

    private final StringBuilder text = new StringBuilder();
    private String dataKey;
    private String dataDomain;
    private int dataOwner;
    private int dataLine;
    private int dataColumn;
    private boolean markup;

    GraphMLParser(String source, XmlCursor reader, ParsedGraphML doc) {
        this.source = source;
        this.r = reader;
        this.doc = doc;
    }

    void parse() throws XMLStreamException {
        while (r.hasNext()) {
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
        if (doc.graphs == 0) throw new GraphMLException(source, 0, 0, "no <graph> element: nothing to import");
    }

    private void start() {
        depth++;
        if (depth > MAX_DEPTH) throw fail("elements nested deeper than " + MAX_DEPTH + " levels");
        String ns = r.namespaceUri();
        String local = r.localName();
        if (SecureXml.XINCLUDE_NS.equals(ns)) throw fail("XInclude (<" + qname() + ">) is not allowed");
        owner[depth] = owner[depth - 1];
        int parent = ctx[depth - 1];
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
                text.setLength(0);
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
        try {
            owner[depth] = doc.edges.add(nodes.ref(r, s, line), nodes.ref(r, t, line), directed, id, line);
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
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
        text.setLength(0);
        markup = false;
    }

    private void end() {
        switch (ctx[depth]) {
            case DATA: endData(); break;
            case DEFAULT: keyDefault = markup ? null : text.toString(); break;
            case KEY: endKey(); break;
            default: break;
        }
        depth--;
    }

    private void endKey() {
        try {
            doc.keys.declare(keyId, keyFor, keyName, keyType, keyDefault, keyLine);
        } catch (IllegalArgumentException e) {
            throw new GraphMLException(source, keyLine, keyColumn, e.getMessage());
        }
    }

    private void endData() {
        if (dataDomain == null) return;
        if (markup) {
            doc.xmlValues++;
            doc.xmlValueKeys.add(dataKey);
            return;
        }
        if (edgeNumber()) return;
        String value = text.toString();
        if (dataDomain.equals("graph") || dataDomain.equals("graphml")) {
            doc.graphData.add(new ParsedGraphML.Datum(dataDomain, dataOwner, dataKey, value, dataLine, dataColumn));
            return;
        }
        Key k = doc.keys.lookup(dataDomain, dataKey);
        if (k == null) {
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
    private boolean edgeNumber() {
        if (!dataDomain.equals("edge")) return false;
        Key k = doc.keys.lookup(dataDomain, dataKey);
        if (k == null || !EdgeRecords.isNumber(k.field)) return false;
        int from = 0;
        int to = text.length();
        while (from < to && text.charAt(from) <= ' ') from++;
        while (to > from && text.charAt(to - 1) <= ' ') to--;
        double v = FastDecimal.parse(text, from, to);
        if (!Double.isFinite(v)) return false;
        return doc.edges.setNumber(dataOwner, k, v);
    }

    private void text() {
        int kind = ctx[depth];
        if (kind == DATA || kind == DEFAULT) {
            text.append(r.textCharacters(), r.textStart(), r.textLength());
        } else if (kind != IGNORED && kind != CONTENT && depth > 0 && !r.isWhiteSpace()) {
            if (doc.strayText++ == 0) doc.strayTextLine = r.line();
        }
    }

    private String qname() {
        String p = r.prefix();
        return p == null || p.isEmpty() ? r.localName() : p + ":" + r.localName();
    }

    private GraphMLException fail(String problem) {
        return new GraphMLException(source, r.line(), r.column(), problem);
    }
}
