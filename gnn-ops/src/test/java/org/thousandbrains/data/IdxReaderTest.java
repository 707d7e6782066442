package org.thousandbrains.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    /** Builds an IDX file by hand: 0, 0, type, rank, big-endian dims, payload. */
    static byte[] idx(int type, int[] dims, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + payload.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(payload);
        return b.array();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(data);
        }
        return bos.toByteArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    @Test
    void readsRawUnsignedBytesWithDimensions() throws IOException {
        byte[] payload = {0, 1, (byte) 200, (byte) 255, 7, 8};
        IdxArray a = IdxReader.read(write("img", idx(0x08, new int[] {3, 1, 2}, payload)));
        assertEquals(IdxType.UNSIGNED_BYTE, a.type());
        assertArrayEquals(new int[] {3, 1, 2}, a.dims());
        assertArrayEquals(new float[] {0, 1, 200, 255, 7, 8}, a.toFloats(1f));
        assertArrayEquals(new int[] {0, 1, 200, 255, 7, 8}, a.toInts());
    }

    @Test
    void gzipIsDetectedByMagicBytesNotName() throws IOException {
        byte[] payload = {5, 6, 7};
        IdxArray a = IdxReader.read(write("labels-without-gz-suffix", gzip(idx(0x08, new int[] {3}, payload))));
        assertArrayEquals(new int[] {5, 6, 7}, a.toInts());
    }

    @Test
    void decodesEveryElementTypeBigEndian() throws IOException {
        ByteBuffer s = ByteBuffer.allocate(4).putShort((short) -2).putShort((short) 300);
        assertArrayEquals(new int[] {-2, 300}, IdxReader.read(write("s", idx(0x0B, new int[] {2}, s.array()))).toInts());
        ByteBuffer i = ByteBuffer.allocate(8).putInt(-70000).putInt(123456789);
        assertArrayEquals(new int[] {-70000, 123456789},
                IdxReader.read(write("i", idx(0x0C, new int[] {2}, i.array()))).toInts());
        ByteBuffer f = ByteBuffer.allocate(8).putFloat(1.5f).putFloat(-0.25f);
        assertArrayEquals(new float[] {3f, -0.5f},
                IdxReader.read(write("f", idx(0x0D, new int[] {2}, f.array()))).toFloats(2f));
        ByteBuffer d = ByteBuffer.allocate(16).putDouble(2.0).putDouble(-3.0);
        assertArrayEquals(new int[] {2, -3}, IdxReader.read(write("d", idx(0x0E, new int[] {2}, d.array()))).toInts());
        assertArrayEquals(new int[] {-1, 127},
                IdxReader.read(write("b", idx(0x09, new int[] {2}, new byte[] {-1, 127}))).toInts());
    }

    @Test
    void nonIntegralLabelsAreRefused() throws IOException {
        ByteBuffer f = ByteBuffer.allocate(4).putFloat(1.5f);
        IdxArray a = IdxReader.read(write("f", idx(0x0D, new int[] {1}, f.array())));
        IllegalStateException e = assertThrows(IllegalStateException.class, a::toInts);
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
    }

    @Test
    void truncatedPayloadNamesFileAndByteCounts() throws IOException {
        byte[] full = idx(0x08, new int[] {2, 2, 2}, new byte[8]);
        Path p = write("short-images", Arrays.copyOf(full, full.length - 3));
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(p));
        assertTrue(e.getMessage().contains("short-images"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 8 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("got 5"), e.getMessage());
    }

    @Test
    void truncatedGzipStreamIsAClearError() throws IOException {
        byte[] gz = gzip(idx(0x08, new int[] {1000}, new byte[1000]));
        Path p = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(p));
        assertTrue(e.getMessage().contains("cut.gz"), e.getMessage());
    }

    @Test
    void trailingBytesAreRefused() throws IOException {
        byte[] full = idx(0x08, new int[] {2}, new byte[] {1, 2});
        Path p = write("long", Arrays.copyOf(full, full.length + 2));
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(p));
        assertTrue(e.getMessage().contains("2 unexpected bytes"), e.getMessage());
    }

    @Test
    void wrongMagicAndUnknownTypeAreRefused() throws IOException {
        Path png = write("picture.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0});
        IOException e1 = assertThrows(IOException.class, () -> IdxReader.read(png));
        assertTrue(e1.getMessage().contains("picture.png") && e1.getMessage().contains("not an IDX file"),
                e1.getMessage());
        Path odd = write("odd", idx(0x0A, new int[] {1}, new byte[] {0}));
        IOException e2 = assertThrows(IOException.class, () -> IdxReader.read(odd));
        assertTrue(e2.getMessage().contains("unknown IDX element type 0x0a"), e2.getMessage());
        IOException e3 = assertThrows(IOException.class, () -> IdxReader.read(dir.resolve("absent")));
        assertTrue(e3.getMessage().contains("absent"), e3.getMessage());
    }
}
