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
 * {@code tb verify}'s exit status follows the tolerances: 0 on a reference vector, 1 once a
 * gradient is off by more than 1e-10 or a state by more than 1e-12 (float64), while float32
 * accepts the state error its looser tolerance allows; 2 for a missing file.
 */
class VerifyCommandTest {
    @TempDir
    Path dir;

    @Test
    void exitStatusFollowsTheTolerances() throws IOException {
        Path folder = SharedVectors.require();
        Path original = SharedVectors.requireFile(folder, "b_chain_fractional_delay.json");
        assertEquals(0, Tb.run(new String[] {"verify", original.toString()}));
        assertEquals(0, Tb.run(new String[] {"verify", original.toString(), "--precision", "float32", "--threads", "1"}));

        Path badGradient = perturbed(original, "grad", "w", 1e-8);
        assertEquals(1, Tb.run(new String[] {"verify", badGradient.toString()}));

        Path badState = perturbed(original, null, "x", 1e-9);
        assertEquals(1, Tb.run(new String[] {"verify", badState.toString()}));
        assertEquals(0, Tb.run(new String[] {"verify", badState.toString(), "--precision", "float32"}));

        assertEquals(2, Tb.run(new String[] {"verify", dir.resolve("missing.json").toString()}));
    }

    /** A copy of the file with the first number of {@code key} (inside {@code parent} if given) shifted by delta. */
    @SuppressWarnings("unchecked")
    private Path perturbed(Path file, String parent, String key, double delta) throws IOException {
        Map<String, Object> root = (Map<String, Object>) Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        Map<String, Object> holder = parent == null ? root : (Map<String, Object>) root.get(parent);
        Object node = holder.get(key);
        List<Object> list = (List<Object>) node;
        while (list.get(0) instanceof List) list = (List<Object>) list.get(0);
        list.set(0, (Double) list.get(0) + delta);
        Path out = dir.resolve(key + "-" + delta + ".json");
        Files.writeString(out, Json.write(root), StandardCharsets.UTF_8);
        return out;
    }
}
