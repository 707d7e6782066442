package org.thousandbrains.graph.tbg;

/** A {@code .tbg} file that cannot be read: bad magic, unsupported version, sizes beyond int, truncation or a checksum mismatch. */
public final class TbgException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TbgException(String file, String message) {
        super(file + ": " + message);
    }
}
