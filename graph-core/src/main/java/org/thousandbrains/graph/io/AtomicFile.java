package org.thousandbrains.graph.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file through a temporary sibling and a rename, so readers never see a half-written
 * network file, plot or table, and a failed write leaves the previous file in place.
 */
public final class AtomicFile {
    /** Writes the temporary file, given by its path (for writers that need a channel or positional writes). */
    public interface FileContent {
        void writeTo(Path tmp) throws IOException;
    }

    /** What to write into the temporary file as bytes. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** What to write into the temporary file as UTF-8 text. */
    public interface TextContent {
        void writeTo(Writer out) throws IOException;
    }

    private AtomicFile() {
    }

    /** Writes {@code target} through a temporary sibling and a rename; creates missing folders. */
    public static void write(Path target, Content content) throws IOException {
        writeFile(target, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
        });
    }

    /** {@link #write(Path, Content)} of UTF-8 text through a buffered writer. */
    public static void writeText(Path target, TextContent content) throws IOException {
        writeFile(target, tmp -> {
            try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp, StandardOpenOption.WRITE),
                    StandardCharsets.UTF_8), 1 << 16)) {
                content.writeTo(w);
            }
        });
    }

    /** The temporary file (created empty, with the folder's usual mode) is written by {@code content}, then renamed. */
    public static void writeFile(Path target, FileContent content) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        // a fresh unique name (not createTempFile, whose 0600 mode would survive the rename)
        Path tmp = dir.resolve("." + abs.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createFile(tmp);
            content.writeTo(tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
