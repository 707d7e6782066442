package org.thousandbrains.it.graphml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.thousandbrains.it.SharedFolder;

/**
 * Finds the team's shared GraphML corpus: the system property {@code thousandbrains.shared} or
 * the environment variable {@code TB_SHARED} (a folder holding {@code data/graphml}), else the
 * first {@code shared/} folder found walking up from the working directory. Absent: skip, or fail
 * on CI ({@link SharedFolder#require}).
 */
final class SharedCorpus {
    private SharedCorpus() {
    }

    static Optional<Path> graphmlDir() {
        String configured = System.getProperty("thousandbrains.shared", System.getenv("TB_SHARED"));
        if (configured != null && !configured.isBlank()) return existing(Path.of(configured).resolve("data/graphml"));
        return SharedFolder.walkUp("data/graphml", d -> existing(d).isPresent());
    }

    /** The corpus folder; skips the test when there is none, fails it when CI=true. */
    static Path require() {
        return SharedFolder.require(graphmlDir(), MISSING);
    }

    private static Optional<Path> existing(Path dir) {
        return Files.isRegularFile(dir.resolve("manifest.json")) ? Optional.of(dir) : Optional.empty();
    }

    static final String MISSING = "shared GraphML corpus not found (set -Dthousandbrains.shared=DIR or TB_SHARED to the folder"
            + " holding data/graphml/manifest.json, or run inside a checkout beside shared/)";
}
