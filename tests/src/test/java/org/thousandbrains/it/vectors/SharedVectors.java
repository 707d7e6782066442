package org.thousandbrains.it.vectors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the reference test vectors: {@code shared/testvectors} in the working directory or the
 * nearest folder above it that has one, or the folder named by the system property
 * {@code tb.testvectors} / environment variable {@code TB_TESTVECTORS}. Null when there is none.
 */
final class SharedVectors {
    private SharedVectors() {
    }

    static Path folder() {
        String configured = System.getProperty("tb.testvectors", System.getenv("TB_TESTVECTORS"));
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isDirectory(p) ? p : null;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("shared").resolve("testvectors");
            if (Files.isDirectory(p)) return p;
        }
        return null;
    }

    static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
    }
}
