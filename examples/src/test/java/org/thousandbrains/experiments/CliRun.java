package org.thousandbrains.experiments;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.thousandbrains.cli.Tb;
import org.thousandbrains.io.Json;

/** Runs {@code tb} in-process with stdout and stderr captured, and reads results files (also used by the cli tests). */
public record CliRun(int status, String out, String err) {
    public static CliRun tb(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = Tb.run(args);
            return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    public static Map<?, ?> json(Path file) throws IOException {
        return (Map<?, ?>) Json.parse(Files.readString(file));
    }
}
