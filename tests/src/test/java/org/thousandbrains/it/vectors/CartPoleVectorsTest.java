package org.thousandbrains.it.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.thousandbrains.env.CartPoleReference;
import org.thousandbrains.it.SharedFolder;

/**
 * Every shared cart-pole reference trajectory ({@code testvectors/cartpole/*.json}): replayed from its
 * initial state and actions, the environment gives the file's states to 1e-12 and the same rewards,
 * termination flags, truncation flag and return. Absent folder: skip, or fail on CI.
 */
class CartPoleVectorsTest {
    /** The cart-pole folder of the shared test vectors. */
    static Path folder() {
        Path dir = SharedVectors.require().resolve("cartpole");
        return SharedFolder.require(Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty(), "no cartpole/ in the shared test vectors");
    }

    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(folder())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
    }

    @TestFactory
    List<DynamicTest> everyTrajectoryReplays() throws IOException {
        List<Path> files = files();
        assertFalse(files.isEmpty(), "no *.json in the cart-pole folder");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                CartPoleReference ref = CartPoleReference.read(file);
                CartPoleReference.Replay r = ref.replay();
                assertEquals(ref.steps(), r.steps(), ref.name + ": the episode ended early");
                assertTrue(r.maxStateError() <= CartPoleReference.STATE_TOLERANCE, ref.name + ": max |dstate| " + r.maxStateError());
                assertTrue(r.flagsMatch(), ref.name + ": " + r);
                assertEquals(ref.episodeReturn, r.episodeReturn(), ref.name + ": return");
                assertTrue(r.passes(), r.toString());
            }));
        }
        return tests;
    }
}
