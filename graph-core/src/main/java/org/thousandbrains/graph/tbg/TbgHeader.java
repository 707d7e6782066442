package org.thousandbrains.graph.tbg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * The 112-byte header of a {@code .tbg} file (little-endian):
 * <pre>
 *   0  magic "TBGRAPH" 0x1A      8  version (1)          12 header bytes (112)
 *  16  nodes N (i64)            24  edges E (i64)        32 string-section bytes (i64)
 *  40  d_min (f64)              48  d_max (f64)          56 steps T, 60 readout K, 64 input steps L (i32)
 *  68  groups (i32)             72  units (i32)          76 CRC-32C of the payload
 *  80  self-loops (i64)         88  parallel edges (i64) 96 reserved (0)
 * 104  CRC-32C of bytes 0..103 108 reserved (0)
 * </pre>
 * The payload follows, each section padded to 8 bytes: {@code src, dst} i32[E]; {@code weight, delay, leak}
 * f64[E]; {@code learnable} u8[E]; {@code kind, activation} u8[N] (enum ordinals); {@code bias, threshold,
 * duty, gain, shift} f64[N]; {@code group, unit} i32[N] (index, -1 none); then the strings, each a u32 byte
 * length and UTF-8: the group specs, the unit specs and the N node ids. Counts are i64 so that a file can state
 * a size this reader refuses with a message rather than misread.
 */
record TbgHeader(long nodes, long edges, long stringBytes, double dMin, double dMax, int steps, int readoutWindow,
                 int inputSteps, int groups, int units, int payloadCrc, long selfLoops, long parallelEdges) {
    static final int BYTES = 112;
    static final int VERSION = 1;
    static final byte[] MAGIC = "TBGRAPH\u001a".getBytes(StandardCharsets.ISO_8859_1);
    /** The most elements one column holds: one Java array. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    ByteBuffer encode() {
        ByteBuffer b = ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(VERSION).putInt(BYTES).putLong(nodes).putLong(edges).putLong(stringBytes)
                .putDouble(dMin).putDouble(dMax).putInt(steps).putInt(readoutWindow).putInt(inputSteps)
                .putInt(groups).putInt(units).putInt(payloadCrc).putLong(selfLoops).putLong(parallelEdges).putLong(0);
        b.putInt(crc(b.array(), 104)).putInt(0);
        return b.flip();
    }

    /** Decodes and checks a header: magic, version, header checksum, counts within int and a payload length that adds up. */
    static TbgHeader decode(ByteBuffer raw, long fileBytes, String file) {
        if (fileBytes < BYTES) throw new TbgException(file, "truncated: " + fileBytes + " bytes, shorter than the " + BYTES + "-byte header");
        ByteBuffer b = raw.order(ByteOrder.LITTLE_ENDIAN);
        byte[] all = new byte[BYTES];
        b.get(0, all);
        for (int i = 0; i < MAGIC.length; i++) {
            if (all[i] != MAGIC[i]) throw new TbgException(file, "not a thousandBrains binary graph (.tbg): bad magic bytes");
        }
        int version = b.getInt(8);
        if (version != VERSION) {
            throw new TbgException(file, "format version " + version + " is not supported (this reader reads version " + VERSION + ")");
        }
        if (b.getInt(104) != crc(all, 104)) throw new TbgException(file, "header checksum mismatch: the file is corrupt");
        TbgHeader h = new TbgHeader(b.getLong(16), b.getLong(24), b.getLong(32), b.getDouble(40), b.getDouble(48),
                b.getInt(56), b.getInt(60), b.getInt(64), b.getInt(68), b.getInt(72), b.getInt(76), b.getLong(80), b.getLong(88));
        h.checkSizes(file);
        long expected = BYTES + h.payloadBytes();
        if (fileBytes != expected) {
            throw new TbgException(file, (fileBytes < expected ? "truncated: " : "trailing bytes: ") + fileBytes
                    + " bytes where the header announces " + expected);
        }
        return h;
    }

    private void checkSizes(String file) {
        require(nodes, "nodes", file);
        require(edges, "edges", file);
        if (stringBytes < 0) throw new TbgException(file, "negative string-section length " + stringBytes);
        if (groups < 0 || units < 0) throw new TbgException(file, "negative group or unit count");
    }

    private static void require(long count, String what, String file) {
        if (count < 0) throw new TbgException(file, "negative " + what + " count " + count);
        if (count > MAX_ELEMENTS) {
            throw new TbgException(file, String.format(Locale.ROOT, "%,d %s exceed the %,d (2^31 - 9) one graph holds:"
                    + " every column is one Java array", count, what, MAX_ELEMENTS));
        }
    }

    /** Bytes of the edge and node sections (without strings). */
    long columnBytes() {
        return pad(edges * 8) + pad(edges * 24) + pad(edges) + pad(nodes * 2) + pad(nodes * 40) + pad(nodes * 8);
    }

    long payloadBytes() {
        return columnBytes() + stringBytes;
    }

    static long pad(long bytes) {
        return (bytes + 7) & ~7L;
    }

    static int crc(byte[] b, int length) {
        CRC32C c = new CRC32C();
        c.update(b, 0, length);
        return (int) c.getValue();
    }
}
