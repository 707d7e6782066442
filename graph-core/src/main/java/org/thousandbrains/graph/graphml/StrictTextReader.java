package org.thousandbrains.graph.graphml;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes bytes to characters and refuses malformed or unmappable input with the exact
 * line and column of the bad bytes ({@link DecodingException}), however far ahead the consumer
 * buffers. Used for GraphML and CSV so that a wrongly encoded file fails with a position
 * instead of silently turning into replacement characters.
 */
public final class StrictTextReader extends Reader {
    /** Bytes that are not valid in the file's encoding, at a 1-based line and column. */
    public static final class DecodingException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;

        DecodingException(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }

        public int line() { return line; }
        public int column() { return column; }
    }

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
    private boolean eof;
    private boolean flushed;
    private DecodingException pending;
    private int line = 1;
    private int column = 1;
    private boolean lastCR;

    public StrictTextReader(InputStream in, Charset charset) {
        this.in = in;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        bytes.flip();
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (pending != null) throw pending;
        if (len == 0) return 0;
        CharBuffer out = CharBuffer.wrap(cbuf, off, len);
        while (true) {
            CoderResult cr = flushed ? CoderResult.UNDERFLOW : decoder.decode(bytes, out, eof);
            if (cr.isError()) {
                int produced = out.position() - off;
                track(cbuf, off, produced);
                pending = new DecodingException("bytes that are not valid " + decoder.charset().name()
                        + " (declare the file's encoding in <?xml ... encoding=\"...\"?>)", line, column);
                if (produced > 0) return produced;
                throw pending;
            }
            if (cr.isOverflow()) break;
            if (out.position() > off) break;
            if (eof) {
                if (!flushed) {
                    decoder.flush(out);
                    flushed = true;
                }
                break;
            }
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
        }
        int produced = out.position() - off;
        if (produced == 0) return -1;
        track(cbuf, off, produced);
        return produced;
    }

    private void track(char[] c, int off, int n) {
        for (int i = off; i < off + n; i++) {
            char ch = c[i];
            if (ch == '\n') {
                if (!lastCR) line++;
                column = 1;
                lastCR = false;
            } else if (ch == '\r') {
                line++;
                column = 1;
                lastCR = true;
            } else {
                column++;
                lastCR = false;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
