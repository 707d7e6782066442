package org.thousandbrains.graph.graphml;

import javax.xml.stream.XMLStreamException;

import org.thousandbrains.graph.io.NodeIds;

/**
 * The part of a StAX cursor {@link GraphMLParser} reads: events ({@link javax.xml.stream.XMLStreamConstants}
 * codes), names, attributes, text and position. Two implementations: {@link StaxCursor} (the JDK's hardened
 * parser, every document) and {@link FastXmlCursor} (a scanner of plain ASCII GraphML that gives up on
 * anything else).
 */
interface XmlCursor {
    boolean hasNext() throws XMLStreamException;

    int next() throws XMLStreamException;

    String namespaceUri();

    String localName();

    String prefix();

    /** The value of the attribute with this local name (any namespace), or null. */
    String attribute(String localName);

    int attributeCount();

    /** Namespace of attribute i, null or "" for none. */
    String attributeNamespace(int i);

    String attributeLocalName(int i);

    String attributeValue(int i);

    /** The number {@code ids} gives the value of attribute i (a node id), read from the document's bytes where it can. */
    default int attributeId(int i, NodeIds ids) {
        return ids.index(attributeValue(i));
    }

    /** As {@link #attributeId} without numbering a new id: -1 for an id {@code ids} does not hold. */
    default int attributeKnownId(int i, NodeIds ids) {
        return ids.find(attributeValue(i));
    }

    int line();

    int column();

    char[] textCharacters();

    int textStart();

    int textLength();

    boolean isWhiteSpace();

    /**
     * The current text's bytes where they are its characters (ASCII, no references), as
     * {@code [textByteStart(), textByteEnd())} of the array returned, valid until the next event; null otherwise.
     */
    default byte[] textBytes() {
        return null;
    }

    default int textByteStart() {
        return 0;
    }

    default int textByteEnd() {
        return 0;
    }

    void close() throws XMLStreamException;
}
