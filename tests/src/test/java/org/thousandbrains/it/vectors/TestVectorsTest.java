package org.thousandbrains.it.vectors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.thousandbrains.ops.Precision;
import org.thousandbrains.ops.verify.TestVector;
import org.thousandbrains.ops.verify.Verification;
import org.thousandbrains.ops.verify.Verification.Check;

/**
 * Every shared reference vector, in float64 (values to 1e-12, gradients to 1e-10) and float32
 * (1e-5 / 1e-4 relative), with 1 and 2 threads: states, pre-activations, traces, readout, loss and
 * the gradients w.r.t. w, d, λ, b, I and x0 must all be present and within tolerance.
 */
class TestVectorsTest {
    private static final Set<String> REQUIRED = Set.of("x", "readout", "loss", "grad.w", "grad.d", "grad.lam",
            "grad.b", "grad.I", "grad.x0");

    @TestFactory
    List<DynamicTest> everyVectorPasses() throws IOException {
        Path folder = SharedVectors.folder();
        assumeTrue(folder != null, "no shared/testvectors folder above the working directory"
                + " (set -Dtb.testvectors=DIR or TB_TESTVECTORS to run these tests)");
        List<Path> files = SharedVectors.files(folder);
        assertFalse(files.isEmpty(), "no *.json in " + folder);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            for (Precision p : Precision.values()) {
                for (int threads : new int[] {1, 2}) {
                    tests.add(DynamicTest.dynamicTest(file.getFileName() + " " + p + " threads=" + threads,
                            () -> check(TestVector.read(file), p, threads)));
                }
            }
        }
        return tests;
    }

    private static void check(TestVector v, Precision p, int threads) {
        List<Check> checks = Verification.run(v, p, threads);
        Set<String> seen = checks.stream().map(Check::quantity).collect(Collectors.toSet());
        assertTrue(seen.containsAll(REQUIRED), v.name + ": file lacks some of " + REQUIRED + ", has " + seen);
        for (Check c : checks) {
            assertTrue(c.passed(), v.name + " " + p + ": " + c.quantity() + " off by " + c.maxAbsError()
                    + " (scaled " + c.error() + " > " + c.tolerance() + ")");
        }
    }
}
