package org.thousandbrains.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading and replaying {@code thousandBrains-cartpole/1} files written here by hand: the hand-derived
 * first step from rest (see {@link CartPoleTest}) passes, a perturbed state or flag fails, and bad
 * fields are reported with the file and field name.
 */
class CartPoleReferenceTest {
    @TempDir
    Path dir;

    private static final String CONSTANTS = "{\"gravity\": 9.8, \"masscart\": 1.0, \"masspole\": 0.1, \"length\": 0.5,"
            + " \"force_mag\": 10.0, \"tau\": 0.02, \"theta_threshold_radians\": 0.20943951023931953, \"x_threshold\": 2.4,"
            + " \"max_episode_steps\": 1, \"integrator\": \"%s\"}";

    /** One step from rest with action 1, truncated by a 1-step limit; the state is 0, 8/41, 0, −12/41. */
    private Path file(String integrator, String state, String terminated, String truncated) throws IOException {
        String json = "{\"format\": \"thousandBrains-cartpole/1\", \"name\": \"one_step\", \"constants\": "
                + String.format(CONSTANTS, integrator) + ", \"initial_state\": [0.0, 0.0, 0.0, 0.0], \"actions\": [1],"
                + " \"states\": [" + state + "], \"rewards\": [1.0], \"terminated\": [" + terminated + "],"
                + " \"truncated\": " + truncated + ", \"episode_return\": 1.0}";
        Path p = dir.resolve(integrator + state.hashCode() + terminated + truncated + ".json");
        Files.writeString(p, json, StandardCharsets.UTF_8);
        return p;
    }

    private static final String STATE = "[0.0, " + 8.0 / 41 + ", 0.0, " + -12.0 / 41 + "]";

    @Test
    void replaysAHandDerivedStep() throws IOException {
        CartPoleReference ref = CartPoleReference.read(file("euler", STATE, "false", "true"));
        assertTrue(CartPoleReference.declaresFormat(file("euler", STATE, "false", "true")));
        CartPoleReference.Replay r = ref.replay();
        assertTrue(r.passes(), r.toString());
        assertEquals(1, r.steps());
        assertEquals(0.0, r.maxStateError(), 1e-16);
        assertEquals(1.0, r.episodeReturn());
    }

    @Test
    void detectsWrongStatesAndFlags() throws IOException {
        String off = "[0.0, " + (8.0 / 41 + 1e-10) + ", 0.0, " + -12.0 / 41 + "]";
        CartPoleReference.Replay r = CartPoleReference.read(file("euler", off, "false", "true")).replay();
        assertFalse(r.passes());
        assertEquals(1e-10, r.maxStateError(), 1e-15);
        assertEquals(1, CartPoleReference.read(file("euler", STATE, "true", "true")).replay().terminatedMismatches());
        assertFalse(CartPoleReference.read(file("euler", STATE, "false", "false")).replay().truncatedMatches());
    }

    @Test
    void errorsNameTheFileAndField() throws IOException {
        Path semi = file("semi-implicit euler", STATE, "false", "true");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CartPoleReference.read(semi));
        assertTrue(e.getMessage().startsWith(semi.toString()) && e.getMessage().contains("constants.integrator"), e.getMessage());
        Path shortState = file("euler", "[0.0, 0.0, 0.0]", "false", "true");
        e = assertThrows(IllegalArgumentException.class, () -> CartPoleReference.read(shortState));
        assertTrue(e.getMessage().contains("'states[0]' has 3 entries, expected 4"), e.getMessage());
        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"format\": \"thousandBrains-testvector/1\"}", StandardCharsets.UTF_8);
        assertFalse(CartPoleReference.declaresFormat(other));
        e = assertThrows(IllegalArgumentException.class, () -> CartPoleReference.read(other));
        assertTrue(e.getMessage().contains("'format'"), e.getMessage());
    }
}
