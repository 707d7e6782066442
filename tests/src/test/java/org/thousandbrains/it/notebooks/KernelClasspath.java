package org.thousandbrains.it.notebooks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What IJava's classpath magics add, resolved against this build instead of a Maven repository:
 * {@code %maven org.thousandbrains:MODULE:VERSION} gives the reactor module's {@code target/classes} and the
 * runtime classpath its build wrote ({@code target/runtime-classpath.txt}); any other {@code G:A:V} gives that
 * jar of the local repository (without its dependencies); {@code %jars} and {@code %classpath} take paths and
 * file-name globs, relative ones against the notebook's folder (the kernel's working directory in Jupyter).
 */
final class KernelClasspath {
    static final String GROUP = "org.thousandbrains";

    private final Path reactor;
    private final Path repository;
    private final String version;

    KernelClasspath(Path reactor, Path repository, String version) {
        this.reactor = reactor;
        this.repository = repository;
        this.version = version;
    }

    /** The entries of {@code %maven COORDINATES}: {@code group:artifact:version}. */
    List<Path> maven(String coordinates) throws IOException {
        String[] p = coordinates.split(":");
        if (p.length != 3) {
            throw new IOException("%maven " + coordinates + ": expected group:artifact:version");
        }
        if (!GROUP.equals(p[0])) {
            Path jar = repository.resolve(p[0].replace('.', '/')).resolve(p[1]).resolve(p[2])
                    .resolve(p[1] + "-" + p[2] + ".jar");
            return List.of(existing(jar, "%maven " + coordinates + " (local repository)"));
        }
        if (!version.equals(p[2])) {
            throw new IOException("%maven " + coordinates + ": this build is version " + version);
        }
        Path target = reactor.resolve(p[1]).resolve("target");
        List<Path> entries = new ArrayList<>();
        entries.add(existing(target.resolve("classes"), "%maven " + coordinates + " (module not compiled?)"));
        Path listed = existing(target.resolve("runtime-classpath.txt"), "%maven " + coordinates
                + " (its build writes it at process-classes)");
        for (String entry : Files.readString(listed).trim().split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry));
            }
        }
        return entries;
    }

    /** The entries of {@code %jars PATH...} or {@code %classpath PATH...}: each path or glob must match. */
    static List<Path> paths(String magic, List<String> patterns, Path notebookDir) throws IOException {
        List<Path> entries = new ArrayList<>();
        for (String pattern : patterns) {
            Path path = notebookDir.resolve(pattern);
            String name = path.getFileName().toString();
            if (!name.contains("*") && !name.contains("?")) {
                entries.add(existing(path, "%" + magic + " " + pattern));
                continue;
            }
            int before = entries.size();
            if (Files.isDirectory(path.getParent())) {
                try (DirectoryStream<Path> matches = Files.newDirectoryStream(path.getParent(), name)) {
                    matches.forEach(entries::add);
                }
            }
            if (entries.size() == before) {
                throw new IOException("%" + magic + " " + pattern + ": nothing matches " + path);
            }
        }
        return entries;
    }

    private static Path existing(Path path, String what) throws IOException {
        if (!Files.exists(path)) {
            throw new IOException(what + ": " + path + " does not exist");
        }
        return path;
    }
}
