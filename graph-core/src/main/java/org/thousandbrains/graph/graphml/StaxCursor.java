package org.thousandbrains.graph.graphml;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** {@link XmlCursor} over a StAX reader (the JDK's, opened by {@link SecureXml}). */
final class StaxCursor implements XmlCursor {
    private final XMLStreamReader r;

    StaxCursor(XMLStreamReader r) {
        this.r = r;
    }

    @Override public boolean hasNext() throws XMLStreamException { return r.hasNext(); }
    @Override public int next() throws XMLStreamException { return r.next(); }
    @Override public String namespaceUri() { return r.getNamespaceURI(); }
    @Override public String localName() { return r.getLocalName(); }
    @Override public String prefix() { return r.getPrefix(); }
    @Override public String attribute(String localName) { return r.getAttributeValue(null, localName); }
    @Override public int attributeCount() { return r.getAttributeCount(); }
    @Override public String attributeNamespace(int i) { return r.getAttributeNamespace(i); }
    @Override public String attributeLocalName(int i) { return r.getAttributeLocalName(i); }
    @Override public String attributeValue(int i) { return r.getAttributeValue(i); }
    @Override public char[] textCharacters() { return r.getTextCharacters(); }
    @Override public int textStart() { return r.getTextStart(); }
    @Override public int textLength() { return r.getTextLength(); }
    @Override public boolean isWhiteSpace() { return r.isWhiteSpace(); }
    @Override public void close() throws XMLStreamException { r.close(); }

    @Override
    public int line() {
        Location loc = r.getLocation();
        return loc == null ? 0 : loc.getLineNumber();
    }

    @Override
    public int column() {
        Location loc = r.getLocation();
        return loc == null ? 0 : loc.getColumnNumber();
    }
}
