package org.thousandbrains.graph.graphml;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The hardened StAX setup shared by the readers: the JDK's own parser (never one found on the
 * class path), no DTD processing, no external entities, no external DTD or schema access, a
 * resolver that refuses everything; the parser loop additionally refuses any DOCTYPE, entity
 * reference and XInclude element. Bytes are decoded here, strictly, after detecting the
 * encoding from the byte-order mark or the XML declaration (XML 1.0, appendix F).
 */
final class SecureXml {
    static final String GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns";
    static final String XINCLUDE_NS = "http://www.w3.org/2001/XInclude";
    private static final Pattern ENCODING = Pattern.compile("encoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._\\-]*)[\"']");

    private SecureXml() {
    }

    static XMLStreamReader open(Reader text) throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external resource '" + systemId + "' refused");
        });
        return f.createXMLStreamReader(text);
    }

    /** Decoding reader for an XML byte stream; throws GraphMLException for an unknown encoding. */
    static Reader decode(InputStream raw, String source) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(1024);
        byte[] head = in.readNBytes(1024);
        in.reset();
        int n = head.length;
        Charset cs = StandardCharsets.UTF_8;
        int skip = 0;
        if (n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            skip = 3;
        } else if (n >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            cs = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            cs = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (n >= 4 && head[0] == 0 && head[1] == '<' && head[2] == 0 && head[3] == '?') {
            cs = StandardCharsets.UTF_16BE;
        } else if (n >= 4 && head[0] == '<' && head[1] == 0 && head[2] == '?' && head[3] == 0) {
            cs = StandardCharsets.UTF_16LE;
        } else if (n >= 5 && new String(head, 0, 5, StandardCharsets.ISO_8859_1).equals("<?xml")) {
            String decl = new String(head, 0, n, StandardCharsets.ISO_8859_1);
            int end = decl.indexOf("?>");
            if (end > 0) {
                Matcher m = ENCODING.matcher(decl.substring(0, end));
                if (m.find()) cs = charset(m.group(1), source);
            }
        }
        in.skipNBytes(skip);
        return new StrictTextReader(in, cs);
    }

    private static Charset charset(String name, String source) {
        try {
            Charset cs = Charset.forName(name);
            // A declaration read as ASCII cannot announce a 16/32-bit encoding: bytes and declaration disagree.
            if (cs.name().startsWith("UTF-16") || cs.name().startsWith("UTF-32")) {
                throw new GraphMLException(source, 1, 0, "the XML declaration names encoding '" + name
                        + "' but the file is not written in it (no byte-order mark, 8-bit text)");
            }
            return cs;
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new GraphMLException(source, 1, 0, "unsupported encoding '" + name + "' in the XML declaration");
        }
    }
}
