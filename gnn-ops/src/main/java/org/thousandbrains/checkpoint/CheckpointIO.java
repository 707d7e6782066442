package org.thousandbrains.checkpoint;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * Writes and reads checkpoint files. Layout (big-endian): magic {@code "TBCKPT\r\n"}, format version
 * (int), payload length (long), CRC32 of the payload (int), payload ({@link PayloadFormat}).
 * Writing goes to a temporary file in the target's directory, which is fsynced and then atomically
 * renamed over the target (and the directory fsynced), so a crash leaves either the old or the new file.
 * Reading verifies magic, version ({@link #VERSION} only: older and newer files are refused with a message
 * naming the file, the version found and the version supported), length and CRC before decoding anything.
 */
public final class CheckpointIO {
    /** The first eight bytes of every checkpoint. */
    public static final byte[] MAGIC = "TBCKPT\r\n".getBytes(StandardCharsets.US_ASCII);
    /**
     * The format version this code writes and the only one it reads. Version 2 stores the whole model (the
     * edge table with its competition settings and readout), version 3 adds the input steps L; version 1 and
     * 2 files, which lack them, are refused.
     */
    public static final int VERSION = 3;
    static final int HEADER = 8 + 4 + 8 + 4;

    private CheckpointIO() {
    }

    public static void write(Path target, Checkpoint cp) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.allocate(HEADER));
                CRC32 crc = new CRC32();
                OutputStream body = new CheckedOutputStream(new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16), crc);
                PayloadFormat.write(cp, new PayloadOutput(body));
                long length = ch.size() - HEADER;
                ByteBuffer h = ByteBuffer.allocate(HEADER);
                h.put(MAGIC).putInt(VERSION).putLong(length).putInt((int) crc.getValue()).flip();
                while (h.hasRemaining()) ch.write(h, h.position());
                ch.force(true);
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            done = true;
            syncDirectory(dir);
        } finally {
            if (!done) Files.deleteIfExists(tmp);
        }
    }

    /** Reads and verifies a checkpoint; any problem is a {@link CheckpointException} naming the file. */
    public static Checkpoint read(Path file) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file, "no such file");
        }
        byte[] head = new byte[(int) Math.min(HEADER, size)];
        try (InputStream in = Files.newInputStream(file)) {
            readFully(in, head);
        }
        int m = Math.min(head.length, MAGIC.length);
        if (!Arrays.equals(head, 0, m, MAGIC, 0, m) || size == 0) {
            throw new CheckpointException(file, "not a thousandBrains checkpoint (the file does not start with TBCKPT)");
        }
        if (size < HEADER) {
            throw new CheckpointException(file, "truncated: " + size + " bytes, shorter than the " + HEADER + "-byte header");
        }
        ByteBuffer h = ByteBuffer.wrap(head, MAGIC.length, HEADER - MAGIC.length);
        int version = h.getInt();
        long length = h.getLong();
        int storedCrc = h.getInt();
        String supported = "this build reads version " + VERSION;
        if (version > VERSION) {
            throw new CheckpointException(file, "checkpoint format version " + version + " is newer than this reader ("
                    + supported + "); use a newer thousandBrains");
        }
        if (version < 1) {
            throw new CheckpointException(file, "invalid checkpoint format version " + version + " (" + supported + ")");
        }
        if (version != VERSION) {
            throw new CheckpointException(file, "checkpoint format version " + version + " is not supported (" + supported
                    + "); retrain or convert with the version that wrote it");
        }
        long actual = size - HEADER;
        if (length > actual) {
            throw new CheckpointException(file, "truncated: the header announces " + length + " payload bytes, the file has "
                    + actual);
        }
        if (length < actual) {
            throw new CheckpointException(file, (actual - length) + " unexpected bytes after the " + length + "-byte payload");
        }
        int crc = payloadCrc(file, length);
        if (crc != storedCrc) {
            throw new CheckpointException(file, String.format("corrupt: CRC32 of the payload is %08x, the header says %08x",
                    crc, storedCrc));
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            in.skipNBytes(HEADER);
            return PayloadFormat.read(new PayloadInput(in, length));
        } catch (Malformed e) {
            throw new CheckpointException(file, "malformed payload: " + e.getMessage());
        } catch (EOFException e) {
            throw new CheckpointException(file, "malformed payload: ends early", e);
        }
    }

    /**
     * The checkpoint's payload as bytes, without the file's header: what a model's Java serialized form carries
     * (a Spark task's result, for instance), whose stream has its own integrity. {@link #decode} reads it back.
     */
    public static byte[] encode(Checkpoint cp) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PayloadFormat.write(cp, new PayloadOutput(bytes));
        return bytes.toByteArray();
    }

    /** The checkpoint whose payload {@link #encode} gave; a malformed one is an {@link IOException} saying what. */
    public static Checkpoint decode(byte[] payload) throws IOException {
        try {
            return PayloadFormat.read(new PayloadInput(new ByteArrayInputStream(payload), payload.length));
        } catch (Malformed e) {
            throw new IOException("malformed checkpoint payload: " + e.getMessage(), e);
        } catch (EOFException e) {
            throw new IOException("malformed checkpoint payload: ends early", e);
        }
    }

    private static int payloadCrc(Path file, long length) throws IOException {
        CRC32 crc = new CRC32();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            long pos = HEADER;
            long end = HEADER + length;
            while (pos < end) {
                buf.clear().limit((int) Math.min(buf.capacity(), end - pos));
                int n = ch.read(buf, pos);
                if (n < 0) throw new CheckpointException(file, "truncated while reading");
                buf.flip();
                crc.update(buf);
                pos += n;
            }
        }
        return (int) crc.getValue();
    }

    private static void readFully(InputStream in, byte[] b) throws IOException {
        int off = 0;
        while (off < b.length) {
            int n = in.read(b, off, b.length - off);
            if (n < 0) break;
            off += n;
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms cannot open or sync a directory; the file itself is already synced and renamed.
        }
    }
}
