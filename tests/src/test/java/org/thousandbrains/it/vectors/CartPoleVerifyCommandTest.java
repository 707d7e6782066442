package org.thousandbrains.it.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thousandbrains.cli.Tb;
import org.thousandbrains.io.Json;

/**
 * {@code tb verify} on cart-pole files: exit 0 on every shared trajectory (also mixed with an operator
 * vector), 1 once a state is off by 1e-9 or a termination flag is flipped, 2 for a bad integrator.
 */
class CartPoleVerifyCommandTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void exitStatusFollowsTheReplay() throws IOException {
        List<Path> files = CartPoleVectorsTest.files();
        for (Path f : files) assertEquals(0, Tb.run(new String[] {"verify", f.toString()}), f.toString());
        Path operator = SharedVectors.requireFile(SharedVectors.require(), "b_chain_fractional_delay.json");
        Path right = CartPoleVectorsTest.folder().resolve("a_always_right.json");
        assertEquals(0, Tb.run(new String[] {"verify", operator.toString(), right.toString()}));

        Map<String, Object> root = parse(right);
        List<Object> first = (List<Object>) ((List<Object>) root.get("states")).get(0);
        first.set(1, (Double) first.get(1) + 1e-9);
        assertEquals(1, Tb.run(new String[] {"verify", write(root, "state.json").toString()}));

        root = parse(right);
        ((List<Object>) root.get("terminated")).set(0, Boolean.TRUE);
        assertEquals(1, Tb.run(new String[] {"verify", write(root, "flag.json").toString()}));

        root = parse(right);
        ((Map<String, Object>) root.get("constants")).put("integrator", "semi-implicit euler");
        assertEquals(2, Tb.run(new String[] {"verify", write(root, "integrator.json").toString()}));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(Path file) throws IOException {
        return (Map<String, Object>) Json.parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    private Path write(Map<String, Object> root, String name) throws IOException {
        Path out = dir.resolve(name);
        Files.writeString(out, Json.write(root), StandardCharsets.UTF_8);
        return out;
    }
}
