package org.thousandbrains.graph.graphml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.xml.stream.XMLStreamConstants;

import org.thousandbrains.graph.io.NodeIds;

/**
 * A fast {@link XmlCursor} for the plain XML that large GraphML files are (what NetworkX, igraph and this
 * project write): ASCII bytes, an optional UTF-8 XML declaration, elements, attributes, namespaces, comments,
 * text with the five predefined entities and character references. It is not a general XML parser: on
 * anything else — a DOCTYPE, CDATA, processing instructions, non-ASCII bytes, carriage returns, a token
 * longer than {@link #MAX_TOKEN}, and every well-formedness error — it throws {@link Unsupported}, and the
 * reader parses the file again with the JDK's hardened parser, which accepts or refuses it with its own
 * messages. So this cursor only ever decides how fast a document is read, never whether it is accepted.
 */
final class FastXmlCursor implements XmlCursor {
    /** Thrown where the document leaves the subset this cursor reads. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    static final int MAX_TOKEN = 1 << 16;
    private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";
    private static final String[] KNOWN = {"graphml", "graph", "node", "edge", "data", "key", "default", "port",
        "hyperedge", "endpoint", "desc", "locator", "source", "target", "id", "for", "attr.name", "attr.type",
        "directed", "edgedefault", "xmlns"};
    private static final byte[][] KNOWN_BYTES = new byte[KNOWN.length][];

    static {
        for (int i = 0; i < KNOWN.length; i++) KNOWN_BYTES[i] = KNOWN[i].getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Where a cursor stands between two events: the open elements (prefix, local name, namespace from the root down)
     * and the namespace declarations in scope, with the line and the column (0 based) of the position. A cursor can
     * start from one in the middle of a document ({@link #FastXmlCursor(InputStream, long, Scope)}).
     */
    record Scope(String[] prefixes, String[] locals, String[] uris, String[] declPrefixes, String[] declUris,
                 int[] declDepths, int line, int column) {
        /** The same open elements and declarations (the position aside). */
        boolean sameElements(Scope o) {
            return Arrays.equals(prefixes, o.prefixes) && Arrays.equals(locals, o.locals) && Arrays.equals(uris, o.uris)
                    && Arrays.equals(declPrefixes, o.declPrefixes) && Arrays.equals(declUris, o.declUris)
                    && Arrays.equals(declDepths, o.declDepths);
        }

        /** This scope at another position. */
        Scope at(int atLine, int atColumn) {
            return new Scope(prefixes, locals, uris, declPrefixes, declUris, declDepths, atLine, atColumn);
        }

        int depth() {
            return locals.length;
        }
    }

    private final InputStream in;
    /** Offset in the file of {@code buf[0]}. */
    private long base;
    /** Offset where this cursor's part of the file ends; {@link Long#MAX_VALUE}: it reads to the end of the document. */
    private long end = Long.MAX_VALUE;
    private byte[] buf = new byte[1 << 20];
    private int pos;
    private int limit;
    private boolean eof;
    private int line = 1;
    private int lineStart;
    private int eventLine;
    private int eventColumn;

    private int depth;
    private String[] stackPrefix = new String[64];
    private String[] stackLocal = new String[64];
    private String[] stackNs = new String[64];
    /** Namespace declarations: prefix ("" for the default) and URI, with the depth each was declared at. */
    private String[] declPrefix = new String[16];
    private String[] declUri = new String[16];
    private int[] declDepth = new int[16];
    private int decls;
    private boolean rootSeen;
    private boolean pendingEnd;
    private boolean done;

    private String prefix;
    private String local;
    /** The parts of the name {@link #qualified} last split. */
    private String qPrefix;
    private String qLocal;
    private String ns;
    private int attrs;
    private String[] attrPrefix = new String[8];
    private String[] attrLocal = new String[8];
    /** Attribute values; null for a plain one (no entity, nothing to normalize) until asked for, see {@link #attrFrom}. */
    private String[] attrValue = new String[8];
    /** Where each attribute's value lies in {@link #buf} (valid until the next event). */
    private int[] attrFrom = new int[8];
    private int[] attrTo = new int[8];
    private char[] text = new char[256];
    private final String[] cache = new String[256];
    /** Length of the decoded text in {@link #text}; -1 until decoded. */
    private int textLength;
    /** Where the current text lies in {@link #buf}, and whether it holds references (so its bytes are not its characters). */
    private int textFrom;
    private int textTo;
    private boolean textReferences;
    private boolean whiteSpace;

    FastXmlCursor(InputStream in) {
        this.in = in;
        fill();
        if (limit >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) pos = 3;
        declaration();
    }

    /**
     * A cursor reading a document from byte {@code offset} on, where the elements and declarations of {@code at} are
     * open (what another cursor's {@link #scope} reported at that offset, or assumes of it).
     */
    FastXmlCursor(InputStream in, long offset, Scope at) {
        this.in = in;
        this.base = offset;
        int d = at.depth();
        if (d + 1 >= stackLocal.length) {
            stackPrefix = Arrays.copyOf(stackPrefix, d + 2);
            stackLocal = Arrays.copyOf(stackLocal, d + 2);
            stackNs = Arrays.copyOf(stackNs, d + 2);
        }
        System.arraycopy(at.prefixes, 0, stackPrefix, 1, d);
        System.arraycopy(at.locals, 0, stackLocal, 1, d);
        System.arraycopy(at.uris, 0, stackNs, 1, d);
        depth = d;
        decls = at.declPrefixes.length;
        declPrefix = Arrays.copyOf(at.declPrefixes, Math.max(16, decls));
        declUri = Arrays.copyOf(at.declUris, Math.max(16, decls));
        declDepth = Arrays.copyOf(at.declDepths, Math.max(16, decls));
        rootSeen = true;
        line = at.line;
        lineStart = -at.column;
        fill();
    }

    /** Where this cursor stands, with its {@code levels} outermost open elements (at most its depth). */
    Scope scope(int levels) {
        int n = 0;
        while (n < decls && declDepth[n] <= levels) n++;
        return new Scope(Arrays.copyOfRange(stackPrefix, 1, levels + 1), Arrays.copyOfRange(stackLocal, 1, levels + 1),
                Arrays.copyOfRange(stackNs, 1, levels + 1), Arrays.copyOf(declPrefix, n), Arrays.copyOf(declUri, n),
                Arrays.copyOf(declDepth, n), line, pos - lineStart);
    }

    /** Depth of the open elements. */
    int depth() {
        return depth;
    }

    /** Offset in the file of the next byte to read. */
    long offset() {
        return base + pos;
    }

    /**
     * Ends this cursor's part of the file at {@code offset} (not before {@link #offset()}): there it reports the end
     * of the document, whichever elements are open, and a token running past it is {@link Unsupported}.
     */
    void endAt(long offset) {
        if (offset < offset()) throw new IllegalArgumentException("end " + offset + " before the position " + offset());
        end = offset;
        if (base + limit >= offset) {
            limit = (int) (offset - base);
            eof = true;
        }
    }

    private void fill() {
        if (eof || limit - pos >= MAX_TOKEN) return;
        System.arraycopy(buf, pos, buf, 0, limit - pos);
        base += pos;
        limit -= pos;
        lineStart -= pos;
        pos = 0;
        try {
            while (limit < buf.length) {
                int want = (int) Math.min(buf.length - limit, end - base - limit);
                if (want <= 0) {
                    eof = true;
                    break;
                }
                int got = in.read(buf, limit, want);
                if (got < 0) {
                    eof = true;
                    break;
                }
                limit += got;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Unsupported unsupported(String why) {
        return new Unsupported(why);
    }

    private byte at(int i) {
        if (i >= limit) throw unsupported("token past the buffer");
        return buf[i];
    }

    private boolean startsWith(String s) {
        if (pos + s.length() > limit) return false;
        for (int i = 0; i < s.length(); i++) if (buf[pos + i] != s.charAt(i)) return false;
        return true;
    }

    /** {@code <?xml version="1.0" encoding="UTF-8"?>}, optional; any other processing instruction is unsupported. */
    private void declaration() {
        if (!startsWith("<?xml")) return;
        int end = indexOf("?>", pos);
        String decl = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
        for (int i = pos; i < end; i++) if (buf[i] < 0 || buf[i] == '\r') throw unsupported("declaration bytes");
        if (!decl.matches("<\\?xml\\s+version\\s*=\\s*[\"']1\\.0[\"'](\\s+encoding\\s*=\\s*[\"'](?i:utf-8|us-ascii)[\"'])?"
                + "(\\s+standalone\\s*=\\s*[\"'](yes|no)[\"'])?\\s*")) {
            throw unsupported("XML declaration");
        }
        advance(end + 2);
    }

    private int indexOf(String s, int from) {
        outer:
        for (int i = from; i + s.length() <= limit; i++) {
            for (int j = 0; j < s.length(); j++) if (buf[i + j] != s.charAt(j)) continue outer;
            return i;
        }
        throw unsupported("'" + s + "' not within the buffer");
    }

    /** Moves to {@code to}, counting lines (only '\n' occurs: carriage returns are unsupported). */
    private void advance(int to) {
        for (int i = pos; i < to; i++) {
            if (buf[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        pos = to;
    }

    private void mark() {
        eventLine = line;
        eventColumn = pos - lineStart + 1;
    }

    @Override
    public boolean hasNext() {
        return !done;
    }

    @Override
    public int next() {
        if (pendingEnd) {
            pendingEnd = false;
            return endElement();
        }
        while (true) {
            fill();
            if (pos >= limit) {
                if (end == Long.MAX_VALUE && (!rootSeen || depth > 0)) throw unsupported("document ends inside an element");
                done = true;
                return XMLStreamConstants.END_DOCUMENT;
            }
            if (buf[pos] != '<') {
                int event = characters();
                if (event >= 0) return event;
                continue;
            }
            byte c = at(pos + 1);
            if (c == '/') return endTag();
            if (c == '!') {
                comment();
                continue;
            }
            if (c == '?') throw unsupported("processing instruction");
            return startTag();
        }
    }

    private void comment() {
        if (!startsWith("<!--")) throw unsupported("DOCTYPE or CDATA");
        int end = indexOf("--", pos + 4);
        if (at(end + 2) != '>') throw unsupported("'--' inside a comment");
        for (int i = pos; i < end; i++) if (buf[i] < 0 || buf[i] == '\r') throw unsupported("comment bytes");
        advance(end + 3);
    }

    /**
     * Text up to the next '<': the event, or -1 for ignorable whitespace outside the root element. The text is
     * checked and its lines counted here; its characters are only decoded when asked for ({@link #decodeText}).
     */
    private int characters() {
        int i = pos;
        boolean ws = true;
        boolean refs = false;
        int lines = 0;
        int lastNewline = -1;
        while (true) {
            if (i >= limit) {
                if (!eof) throw unsupported("text longer than a token");
                break;
            }
            byte b = buf[i];
            if (b == '<') break;
            if (b <= ' ' || b == '&' || b == '>') { // the bytes that need a second look; negative ones included
                if (b == '\n') {
                    lines++;
                    lastNewline = i;
                } else if (b == '&') {
                    int semi = i + 1;
                    while (semi < limit && semi < i + 12 && buf[semi] != ';') semi++;
                    if (semi >= limit || buf[semi] != ';') throw unsupported("entity reference");
                    char ch = entity(i + 1, semi);
                    if (!(ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r')) ws = false;
                    refs = true;
                    i = semi + 1;
                    continue;
                } else if (b == '>') {
                    if (i >= pos + 2 && buf[i - 1] == ']' && buf[i - 2] == ']') throw unsupported("]]> in text");
                    ws = false;
                } else if (b != ' ' && b != '\t') {
                    throw unsupported("text byte " + b);
                }
            } else {
                ws = false;
            }
            i++;
        }
        mark();
        line += lines;
        if (lastNewline >= 0) lineStart = lastNewline + 1;
        textFrom = pos;
        textTo = i;
        textReferences = refs;
        textLength = -1;
        whiteSpace = ws;
        pos = i;
        if (depth == 0) {
            if (!whiteSpace) throw unsupported("text outside the root element");
            return -1;
        }
        return XMLStreamConstants.CHARACTERS;
    }

    /** The characters of the current text (references replaced), once asked for. */
    private void decodeText() {
        if (textLength >= 0) return;
        int n = 0;
        for (int i = textFrom; i < textTo; ) {
            byte b = buf[i];
            char ch;
            if (b == '&') {
                int semi = i + 1;
                while (buf[semi] != ';') semi++;
                ch = entity(i + 1, semi);
                i = semi + 1;
            } else {
                ch = (char) b;
                i++;
            }
            if (n == text.length) text = Arrays.copyOf(text, text.length * 2);
            text[n++] = ch;
        }
        textLength = n;
    }

    /** The character of {@code &name;} between from and to (exclusive): the five predefined entities and character references. */
    private char entity(int from, int to) {
        String name = new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
        switch (name) {
            case "lt": return '<';
            case "gt": return '>';
            case "amp": return '&';
            case "quot": return '"';
            case "apos": return '\'';
            default: break;
        }
        int code;
        try {
            if (name.startsWith("#x")) code = Integer.parseInt(name.substring(2), 16);
            else if (name.startsWith("#")) code = Integer.parseInt(name.substring(1));
            else throw unsupported("entity &" + name + ";");
        } catch (NumberFormatException e) {
            throw unsupported("character reference");
        }
        // ASCII characters XML allows: tab, line feed, carriage return and printable ones.
        if (code == 9 || code == 10 || code == 13 || (code >= 0x20 && code < 0x7F)) return (char) code;
        throw unsupported("character reference beyond ASCII");
    }

    private int startTag() {
        if (rootSeen && depth == 0) throw unsupported("a second root element");
        int i = pos + 1;
        int nameEnd = name(i);
        qualified(i, nameEnd);
        String elementPrefix = qPrefix;
        String elementLocal = qLocal;
        attrs = 0;
        int firstDecl = decls;
        i = nameEnd;
        while (true) {
            int ws = i;
            while (i < limit && isSpace(buf[i])) i++;
            byte b = at(i);
            if (b == '>' || b == '/') {
                if (b == '/' && at(i + 1) != '>') throw unsupported("'/' in a tag");
                pendingEnd = b == '/';
                i += b == '/' ? 2 : 1;
                break;
            }
            if (i == ws) throw unsupported("attribute without a space before it");
            int an = name(i);
            qualified(i, an);
            i = an;
            while (i < limit && isSpace(buf[i])) i++;
            if (at(i) != '=') throw unsupported("attribute without '='");
            i++;
            while (i < limit && isSpace(buf[i])) i++;
            byte quote = at(i);
            if (quote != '"' && quote != '\'') throw unsupported("unquoted attribute");
            int v = i + 1;
            int close = v;
            while (at(close) != quote) close++;
            i = close + 1;
            if (qPrefix == null && qLocal.equals("xmlns")) declare("", attributeValue(v, close), depth + 1);
            else if ("xmlns".equals(qPrefix)) declare(qLocal, attributeValue(v, close), depth + 1);
            else addAttribute(qPrefix, qLocal, plain(v, close) ? null : attributeValue(v, close), v, close);
        }
        for (int d = firstDecl; d < decls; d++) {
            for (int e = firstDecl; e < d; e++) if (declPrefix[e].equals(declPrefix[d])) throw unsupported("namespace declared twice");
        }
        for (int a = 0; a < attrs; a++) {
            for (int b = 0; b < a; b++) {
                if (attrLocal[a].equals(attrLocal[b]) && java.util.Objects.equals(attributeNamespace(a), attributeNamespace(b))) {
                    throw unsupported("duplicate attribute");
                }
            }
        }
        prefix = elementPrefix;
        local = elementLocal;
        ns = resolve(prefix == null ? "" : prefix);
        push();
        rootSeen = true;
        advance(i);
        mark();
        return XMLStreamConstants.START_ELEMENT;
    }

    private String attributeValue(int from, int to) {
        StringBuilder sb = null;
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b < 0 || b == '<' || b == '\r' || (b < 0x20 && b != '\n' && b != '\t')) throw unsupported("attribute byte");
            if (b == '&' || b == '\n' || b == '\t') {
                if (sb == null) sb = new StringBuilder().append(new String(buf, from, i - from, StandardCharsets.ISO_8859_1));
                if (b == '&') {
                    int semi = i + 1;
                    while (semi < to && semi < i + 12 && buf[semi] != ';') semi++;
                    if (semi >= to || buf[semi] != ';') throw unsupported("entity reference in an attribute");
                    sb.append(entity(i + 1, semi));
                    i = semi;
                } else {
                    sb.append(' '); // attribute-value normalization
                }
            } else if (sb != null) {
                sb.append((char) b);
            }
        }
        return sb != null ? sb.toString() : shortString(from, to);
    }

    /**
     * The string of {@code buf[from, to)}, from a small direct-mapped cache when short: the key ids of
     * {@code <data key="d0">} repeat millions of times, and a cached string also keeps its hash code, so the
     * key lookups that follow do not hash it again.
     */
    private String shortString(int from, int to) {
        int len = to - from;
        if (len > 8) return new String(buf, from, len, StandardCharsets.ISO_8859_1);
        int h = len;
        for (int i = from; i < to; i++) h = h * 31 + buf[i];
        int slot = (h ^ (h >>> 7)) & (cache.length - 1);
        String c = cache[slot];
        if (c != null && c.length() == len) {
            boolean same = true;
            for (int i = 0; i < len && same; i++) same = c.charAt(i) == buf[from + i];
            if (same) return c;
        }
        String fresh = new String(buf, from, len, StandardCharsets.ISO_8859_1);
        cache[slot] = fresh;
        return fresh;
    }

    private void declare(String p, String uri, int atDepth) {
        if (p.equals("xml") || p.equals("xmlns") || (!p.isEmpty() && uri.isEmpty())) throw unsupported("reserved namespace declaration");
        if (decls == declPrefix.length) {
            declPrefix = Arrays.copyOf(declPrefix, decls * 2);
            declUri = Arrays.copyOf(declUri, decls * 2);
            declDepth = Arrays.copyOf(declDepth, decls * 2);
        }
        declPrefix[decls] = p;
        declUri[decls] = uri;
        declDepth[decls++] = atDepth;
    }

    private void addAttribute(String p, String l, String value, int from, int to) {
        if (attrs == attrLocal.length) {
            attrPrefix = Arrays.copyOf(attrPrefix, attrs * 2);
            attrLocal = Arrays.copyOf(attrLocal, attrs * 2);
            attrValue = Arrays.copyOf(attrValue, attrs * 2);
            attrFrom = Arrays.copyOf(attrFrom, attrs * 2);
            attrTo = Arrays.copyOf(attrTo, attrs * 2);
        }
        attrPrefix[attrs] = p;
        attrLocal[attrs] = l;
        attrFrom[attrs] = from;
        attrTo[attrs] = to;
        attrValue[attrs++] = value;
    }

    /**
     * True when {@code buf[from, to)} is an attribute value as it stands (no entity, no white space to normalize);
     * refuses the bytes {@link #attributeValue(int, int)} refuses.
     */
    private boolean plain(int from, int to) {
        boolean plain = true;
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b < 0 || b == '<' || b == '\r' || (b < 0x20 && b != '\n' && b != '\t')) throw unsupported("attribute byte");
            if (b == '&' || b == '\n' || b == '\t') plain = false;
        }
        return plain;
    }

    /** The URI bound to a prefix ("" the default namespace: "" when none); an unbound prefix is unsupported. */
    private String resolve(String p) {
        if (p.equals("xml")) return XML_NS;
        for (int d = decls - 1; d >= 0; d--) if (declPrefix[d].equals(p)) return declUri[d];
        if (p.isEmpty()) return "";
        throw unsupported("unbound prefix " + p);
    }

    private void push() {
        depth++;
        if (depth == stackLocal.length) {
            stackPrefix = Arrays.copyOf(stackPrefix, depth * 2);
            stackLocal = Arrays.copyOf(stackLocal, depth * 2);
            stackNs = Arrays.copyOf(stackNs, depth * 2);
        }
        stackPrefix[depth] = prefix;
        stackLocal[depth] = local;
        stackNs[depth] = ns;
    }

    private int endTag() {
        int i = pos + 2;
        int nameEnd = name(i);
        if (depth == 0 || !namesOpenElement(i, nameEnd)) throw unsupported("mismatched end tag");
        i = nameEnd;
        while (i < limit && isSpace(buf[i])) i++;
        if (at(i) != '>') throw unsupported("end tag");
        advance(i + 1);
        return endElement();
    }

    private int endElement() {
        prefix = stackPrefix[depth];
        local = stackLocal[depth];
        ns = stackNs[depth];
        while (decls > 0 && declDepth[decls - 1] >= depth) decls--;
        depth--;
        attrs = 0;
        mark();
        return XMLStreamConstants.END_ELEMENT;
    }

    /** End of the XML name starting at i (ASCII letters, digits, '_', '-', '.', ':'; not starting with a digit, '-' or '.'). */
    private int name(int i) {
        byte b = at(i);
        if (!(isLetter(b) || b == '_' || b == ':')) throw unsupported("name");
        int j = i + 1;
        while (true) {
            byte c = at(j);
            if (isLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' || c == ':') j++;
            else return j;
        }
    }

    /** Splits the name in [from, to) into {@link #qPrefix} (null for none) and {@link #qLocal}; at most one ':' not at either end. */
    private void qualified(int from, int to) {
        int colon = -1;
        for (int i = from; i < to; i++) {
            if (buf[i] == ':') {
                if (colon >= 0) throw unsupported("two colons in a name");
                colon = i;
            }
        }
        if (colon == from || colon == to - 1) throw unsupported("colon at the end of a name");
        qPrefix = colon < 0 ? null : string(from, colon);
        qLocal = colon < 0 ? string(from, to) : string(colon + 1, to);
    }

    /** Whether the name in [from, to) is the qualified name of the innermost open element. */
    private boolean namesOpenElement(int from, int to) {
        String p = stackPrefix[depth];
        String l = stackLocal[depth];
        int at = from;
        if (p != null) {
            if (to - from != p.length() + 1 + l.length() || buf[from + p.length()] != ':') return false;
            for (int k = 0; k < p.length(); k++) if (buf[at++] != p.charAt(k)) return false;
            at++;
        } else if (to - from != l.length()) {
            return false;
        }
        for (int k = 0; k < l.length(); k++) if (buf[at++] != l.charAt(k)) return false;
        return true;
    }

    /** The name's string, shared for the names GraphML repeats on every element. */
    private String string(int from, int to) {
        int len = to - from;
        outer:
        for (int k = 0; k < KNOWN_BYTES.length; k++) {
            byte[] known = KNOWN_BYTES[k];
            if (known.length != len) continue;
            for (int i = 0; i < len; i++) if (buf[from + i] != known[i]) continue outer;
            return KNOWN[k];
        }
        return new String(buf, from, len, StandardCharsets.ISO_8859_1);
    }

    private static boolean isLetter(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\t';
    }

    @Override public String namespaceUri() { return ns; }
    @Override public String localName() { return local; }
    @Override public String prefix() { return prefix; }

    @Override
    public String attribute(String localName) {
        for (int i = 0; i < attrs; i++) if (attrLocal[i].equals(localName)) return attributeValue(i);
        return null;
    }

    @Override public int attributeCount() { return attrs; }

    @Override
    public String attributeNamespace(int i) {
        return attrPrefix[i] == null ? null : resolve(attrPrefix[i]);
    }

    @Override public String attributeLocalName(int i) { return attrLocal[i]; }
    @Override
    public String attributeValue(int i) {
        if (attrValue[i] == null) attrValue[i] = shortString(attrFrom[i], attrTo[i]);
        return attrValue[i];
    }

    @Override
    public int attributeId(int i, NodeIds ids) {
        return attrValue[i] != null ? ids.index(attrValue[i]) : ids.index(buf, attrFrom[i], attrTo[i]);
    }

    @Override
    public int attributeKnownId(int i, NodeIds ids) {
        return attrValue[i] != null ? ids.find(attrValue[i]) : ids.find(buf, attrFrom[i], attrTo[i]);
    }
    @Override public int line() { return eventLine; }
    @Override public int column() { return eventColumn; }
    @Override
    public char[] textCharacters() {
        decodeText();
        return text;
    }

    @Override public int textStart() { return 0; }

    @Override
    public int textLength() {
        decodeText();
        return textLength;
    }

    @Override public byte[] textBytes() { return textReferences ? null : buf; }
    @Override public int textByteStart() { return textFrom; }
    @Override public int textByteEnd() { return textTo; }
    @Override public boolean isWhiteSpace() { return whiteSpace; }

    @Override
    public void close() {
        done = true;
    }
}
