package org.thousandbrains.it.vectors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.thousandbrains.it.SharedFolder;

/**
 * Finds the reference test vectors: {@code shared/testvectors} in the working directory or the
 * nearest folder above it that has one, or the folder named by the system property
 * {@code tb.testvectors} / environment variable {@code TB_TESTVECTORS}. Absent: skip, or fail on CI
 * ({@link SharedFolder#require}).
 */
final class SharedVectors {
    static final String MISSING = "no shared/testvectors folder above the working directory"
            + " (set -Dtb.testvectors=DIR or TB_TESTVECTORS to run these tests)";

    private SharedVectors() {
    }

    static Optional<Path> folder() {
        String configured = System.getProperty("tb.testvectors", System.getenv("TB_TESTVECTORS"));
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        return SharedFolder.walkUp("testvectors", Files::isDirectory);
    }

    /** The folder; skips the test when there is none, fails it when CI=true. */
    static Path require() {
        return SharedFolder.require(folder(), MISSING);
    }

    /** One vector file of the folder; skips the test when it is missing, fails it when CI=true. */
    static Path requireFile(Path folder, String name) {
        Path p = folder.resolve(name);
        return SharedFolder.require(Files.isRegularFile(p) ? Optional.of(p) : Optional.empty(), name + " not in " + folder);
    }

    /** The operator's vector files: format 1 at the top of the folder and format 2 in {@code v2/}. */
    static List<Path> files(Path folder) throws IOException {
        List<Path> all = new java.util.ArrayList<>(json(folder));
        Path v2 = folder.resolve("v2");
        if (Files.isDirectory(v2)) all.addAll(json(v2));
        return all;
    }

    private static List<Path> json(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
    }
}
