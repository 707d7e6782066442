package org.thousandbrains.graph.csv;

/** An edge-list CSV that cannot be imported; the message is {@code FILE:LINE: what is wrong}. */
public final class CsvException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final int line;

    public CsvException(String source, int line, String problem) {
        super((line > 0 ? source + ":" + line : source) + ": " + problem);
        this.source = source;
        this.line = line;
    }

    public String source() { return source; }
    /** 1-based line, or 0 when the problem concerns the whole file. */
    public int line() { return line; }
}
