package org.thousandbrains.cli;

/** A user-facing error: {@code tb} prints its message as one line on stderr and exits with {@link #status()}. */
public class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public CliException(String message) {
        this(message, 2);
    }

    public CliException(String message, int status) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
