package org.thousandbrains.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST / Fashion-MNIST format), gzip-compressed or raw; compression is
 * detected from the gzip magic bytes {@code 1f 8b}, not from the file name.
 *
 * <p>Layout: two zero bytes, a type byte ({@link IdxType}), a rank byte, {@code rank} big-endian
 * 32-bit dimensions, then the elements. Every malformed file (wrong magic, unknown type, truncated
 * payload, trailing bytes, corrupt gzip) is refused with an {@link IOException} whose message names
 * the file and gives expected versus actual values.
 */
public final class IdxReader {
    private static final int MAX_RANK = 16;

    private IdxReader() {
    }

    /** Reads a whole IDX file. */
    public static IdxArray read(Path file) throws IOException {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new IOException(name + ": no such IDX file");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean gzip = b0 == 0x1f && b1 == 0x8b;
            InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
            return read(in, name + (gzip ? " (gzip)" : ""), name);
        } catch (EOFException | ZipException e) {
            throw new IOException(name + ": corrupt or truncated gzip stream (" + e.getMessage() + ")", e);
        }
    }

    private static IdxArray read(InputStream in, String described, String source) throws IOException {
        byte[] head = in.readNBytes(4);
        if (head.length < 4) {
            throw new IOException(described + ": truncated header, expected 4 magic bytes, got " + head.length);
        }
        if (head[0] != 0 || head[1] != 0) {
            throw new IOException(String.format("%s: not an IDX file, magic 0x%02x%02x%02x%02x must start with 0x0000",
                    described, head[0] & 0xFF, head[1] & 0xFF, head[2] & 0xFF, head[3] & 0xFF));
        }
        IdxType type = IdxType.ofCode(head[2] & 0xFF);
        if (type == null) {
            throw new IOException(String.format("%s: unknown IDX element type 0x%02x (expected one of 0x08, 0x09, "
                    + "0x0B, 0x0C, 0x0D, 0x0E)", described, head[2] & 0xFF));
        }
        int rank = head[3] & 0xFF;
        if (rank == 0 || rank > MAX_RANK) {
            throw new IOException(described + ": IDX rank " + rank + " out of range 1.." + MAX_RANK);
        }
        byte[] dimBytes = in.readNBytes(4 * rank);
        if (dimBytes.length < 4 * rank) {
            throw new IOException(described + ": truncated header, expected " + (4 * rank)
                    + " bytes of dimensions, got " + dimBytes.length);
        }
        int[] dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = ((dimBytes[4 * i] & 0xFF) << 24) | ((dimBytes[4 * i + 1] & 0xFF) << 16)
                    | ((dimBytes[4 * i + 2] & 0xFF) << 8) | (dimBytes[4 * i + 3] & 0xFF);
            if (dims[i] < 0) {
                throw new IOException(described + ": dimension " + i + " = " + Integer.toUnsignedString(dims[i])
                        + " is too large");
            }
            count *= dims[i];
        }
        long payloadBytes = count * type.bytes();
        if (count > Integer.MAX_VALUE || payloadBytes > Integer.MAX_VALUE - 16) {
            throw new IOException(described + ": " + count + " elements of " + type + " exceed the 2 GiB array limit");
        }
        byte[] payload = in.readNBytes((int) payloadBytes);
        if (payload.length < payloadBytes) {
            throw new IOException(described + ": truncated payload, expected " + payloadBytes + " bytes for "
                    + Arrays.toString(dims) + " " + type + ", got " + payload.length);
        }
        if (in.read() != -1) {
            long extra = 1 + in.transferTo(OutputStream.nullOutputStream());
            throw new IOException(described + ": " + extra + " unexpected bytes after the " + payloadBytes
                    + "-byte payload for " + Arrays.toString(dims) + " " + type);
        }
        return new IdxArray(source, type, dims, payload);
    }
}
