package org.thousandbrains.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import jdk.incubator.vector.VectorSpecies;

import org.junit.jupiter.api.Test;

/**
 * The vector kernels use one vector shape per element type. A second shape of the same element type at the Vector
 * API's shared call sites (a 256-bit float species beside the 512-bit one) makes the compiler keep vectors as objects
 * there, and every kernel that runs after it slows down: Fashion-MNIST training took twice as long, and no other
 * test notices. This checks the species held in the static fields of the {@code ops} and {@code optim} classes.
 */
class VectorShapesTest {
    @Test
    void eachElementTypeHasOneVectorShape() throws Exception {
        assumeTrue(Simd.AVAILABLE, "JVM without --add-modules jdk.incubator.vector: no vector kernels");
        Path root = Path.of(SimdKernels.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assumeTrue(Files.isDirectory(root), "classes in a jar: not listed");
        Map<String, TreeSet<String>> shapes = new TreeMap<>();
        List<String> fields = new ArrayList<>();
        for (String pkg : new String[] {"org/thousandbrains/ops", "org/thousandbrains/optim"}) {
            try (Stream<Path> files = Files.list(root.resolve(pkg))) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                    String name = pkg.replace('/', '.') + "." + f.getFileName().toString().replace(".class", "");
                    Class<?> c = Class.forName(name, true, SimdKernels.class.getClassLoader());
                    for (Field field : c.getDeclaredFields()) {
                        if (!Modifier.isStatic(field.getModifiers()) || !VectorSpecies.class.isAssignableFrom(field.getType())) continue;
                        field.setAccessible(true);
                        VectorSpecies<?> s = (VectorSpecies<?>) field.get(null);
                        String where = c.getSimpleName() + "." + field.getName();
                        fields.add(where);
                        shapes.computeIfAbsent(s.elementType().getName(), k -> new TreeSet<>()).add(s.vectorShape() + " (" + where + ")");
                    }
                }
            }
        }
        assertFalse(fields.isEmpty(), "no vector species found under " + root);
        for (Map.Entry<String, TreeSet<String>> e : shapes.entrySet()) {
            long distinct = e.getValue().stream().map(v -> v.substring(0, v.indexOf(' '))).distinct().count();
            assertTrue(distinct == 1, e.getKey() + " vectors in more than one shape: " + e.getValue());
        }
    }
}
