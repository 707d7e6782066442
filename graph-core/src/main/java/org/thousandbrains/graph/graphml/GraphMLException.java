package org.thousandbrains.graph.graphml;

/**
 * A GraphML (or edge-list) file that cannot be imported. The message is one line:
 * {@code FILE:LINE:COLUMN: what is wrong} (position omitted when it is not known).
 * It never quotes the content of any other file.
 */
public final class GraphMLException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final int line;
    private final int column;
    private final String problem;

    public GraphMLException(String source, int line, int column, String problem) {
        super(format(source, line, column, problem));
        this.source = source;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    private static String format(String source, int line, int column, String problem) {
        String oneLine = problem.replace('\r', ' ').replace('\n', ' ');
        if (line <= 0) return source + ": " + oneLine;
        return source + ":" + line + (column > 0 ? ":" + column : "") + ": " + oneLine;
    }

    /** The file (or stream name) being read. */
    public String source() { return source; }
    /** 1-based line of the problem, or 0 when unknown. */
    public int line() { return line; }
    /** 1-based column, or 0 when unknown. */
    public int column() { return column; }
    /** What is wrong, without the position. */
    public String problem() { return problem; }
}
