package org.thousandbrains.it.graphml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the team's shared GraphML corpus: the system property {@code thousandbrains.shared} or
 * the environment variable {@code TB_SHARED} (a folder holding {@code data/graphml}), else the
 * first {@code shared/} folder found walking up from the working directory.
 */
final class SharedCorpus {
    private SharedCorpus() {
    }

    static Optional<Path> graphmlDir() {
        String configured = System.getProperty("thousandbrains.shared", System.getenv("TB_SHARED"));
        if (configured != null) return existing(Path.of(configured).resolve("data/graphml"));
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Optional<Path> found = existing(p.resolve("shared/data/graphml"));
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }

    private static Optional<Path> existing(Path dir) {
        return Files.isRegularFile(dir.resolve("manifest.json")) ? Optional.of(dir) : Optional.empty();
    }

    static final String MISSING = "shared GraphML corpus not found (set -Dthousandbrains.shared=DIR or TB_SHARED to the folder"
            + " holding data/graphml/manifest.json, or run inside a checkout beside shared/)";
}
