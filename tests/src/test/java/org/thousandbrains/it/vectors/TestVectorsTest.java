package org.thousandbrains.it.vectors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.thousandbrains.ops.Precision;
import org.thousandbrains.ops.Strategy;
import org.thousandbrains.ops.verify.TestVector;
import org.thousandbrains.ops.verify.Verification;
import org.thousandbrains.ops.verify.Verification.Check;

/**
 * Every shared reference vector of format 1 and 2 ({@code v2/}), in float64 (values to 1e-12,
 * gradients to 1e-10) and float32 (1e-5 / 1e-4 relative), with 1 and 2 threads, on every execution
 * strategy: states, pre-activations, traces, readout, loss and the gradients w.r.t. w, d, λ, b, I
 * and x0 must all be present and within tolerance; format 2 also firing masks (exactly) and the
 * duty cycles after the pass.
 */
class TestVectorsTest {
    private static final Set<String> REQUIRED = Set.of("x", "readout", "loss", "grad.w", "grad.d", "grad.lam",
            "grad.b", "grad.I", "grad.x0");

    @TestFactory
    List<DynamicTest> everyVectorPasses() throws IOException {
        Path folder = SharedVectors.require();
        List<Path> files = SharedVectors.files(folder);
        assertFalse(files.isEmpty(), "no *.json in " + folder);
        assertTrue(files.stream().anyMatch(f -> f.getParent().getFileName().toString().equals("v2")), "no format-2 vectors in " + folder);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            for (Precision p : Precision.values()) {
                for (Strategy s : Strategy.values()) {
                    for (int threads : new int[] {1, 2}) {
                        tests.add(DynamicTest.dynamicTest(file.getFileName() + " " + p + " " + s + " threads=" + threads,
                                () -> check(TestVector.read(file), p, s, threads)));
                    }
                }
            }
        }
        return tests;
    }

    private static void check(TestVector v, Precision p, Strategy s, int threads) {
        List<Check> checks = Verification.run(v, p, s, threads);
        Set<String> seen = checks.stream().map(Check::quantity).collect(Collectors.toSet());
        assertTrue(seen.containsAll(REQUIRED), v.name + ": file lacks some of " + REQUIRED + ", has " + seen);
        if (v.format == 2) assertTrue(seen.contains("firing") && seen.contains("duty_after"), v.name + ": no firing/duty checks");
        for (Check c : checks) {
            assertTrue(c.passed(), v.name + " " + p + ": " + c.quantity() + " off by " + c.maxAbsError()
                    + " (scaled " + c.error() + " > " + c.tolerance() + ")");
        }
    }
}
