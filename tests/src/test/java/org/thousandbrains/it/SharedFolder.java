package org.thousandbrains.it;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The project's shared folder ({@code shared/}: GraphML corpus, reference test vectors) for the tests
 * that read it, and the one rule for its absence: such a test is skipped with a message, except on CI
 * (environment variable {@code CI=true}, as {@code .ci/run} and the usual CI services set it), where a
 * missing folder fails the test, so a CI run cannot pass by checking nothing.
 */
public final class SharedFolder {
    private SharedFolder() {
    }

    /** The first {@code shared/<relative>} that {@code valid} accepts, walking up from the working directory. */
    public static Optional<Path> walkUp(String relative, Predicate<Path> valid) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("shared").resolve(relative);
            if (valid.test(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** The found folder or file; when absent, fails on CI and skips the test otherwise, with {@code missing} as the message. */
    public static Path require(Optional<Path> found, String missing) {
        return require(found, missing, System.getenv("CI"));
    }

    /** As {@link #require(Optional, String)} with the value of {@code CI} given (for tests of the rule). */
    static Path require(Optional<Path> found, String missing, String ci) {
        if (found.isPresent()) return found.get();
        if (onCi(ci)) Assertions.fail("CI=true: " + missing);
        Assumptions.abort(missing + " (skipped; with CI=true this fails)");
        throw new AssertionError("unreachable");
    }

    /** Whether the value of {@code CI} means a CI run ({@code true}, any case). */
    static boolean onCi(String ci) {
        return ci != null && ci.trim().equalsIgnoreCase("true");
    }
}
