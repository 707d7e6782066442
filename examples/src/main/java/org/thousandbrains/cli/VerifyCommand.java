package org.thousandbrains.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.thousandbrains.env.CartPoleReference;
import org.thousandbrains.graph.compile.TopologyException;
import org.thousandbrains.ops.Precision;
import org.thousandbrains.ops.Strategy;
import org.thousandbrains.ops.verify.TestVector;
import org.thousandbrains.ops.verify.Verification;
import org.thousandbrains.ops.verify.Verification.Check;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tb verify FILE.json...}: runs the temporal operator on reference test vectors and prints
 * the error of every quantity the file holds (states, pre-activations, traces, readout, loss, the
 * gradients w.r.t. w, d, λ, b, I, x0); a {@value CartPoleReference#FORMAT} file is replayed through
 * the cart-pole environment instead ({@link CartPoleReference}). Exit status 0 when all are within the
 * README's tolerances, 1 otherwise.
 */
@Command(name = "verify", sortOptions = false,
        description = "Check the operator against reference test vectors; exit status 1 when an error is beyond tolerance.",
        footer = {"float64 tolerances: values 1e-12, gradients 1e-10; float32: 1e-5 and 1e-4"
                + " (max abs error / max(1, max |reference|))"})
public final class VerifyCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE.json", description = "test-vector or cart-pole reference files")
    List<Path> files;

    @Option(names = "--precision", paramLabel = "float64|float32", converter = Converters.PrecisionName.class,
            defaultValue = "float64", description = "arithmetic of the run (default ${DEFAULT-VALUE})")
    Precision precision;

    @Option(names = "--strategy", paramLabel = "csr|blocks|sparse|auto", converter = Converters.StrategyName.class,
            defaultValue = "auto", description = "execution strategy (default ${DEFAULT-VALUE})")
    Strategy strategy;

    @Option(names = "--threads", paramLabel = "K", converter = Converters.PositiveInt.class,
            description = "worker threads (default: the CPU cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws IOException {
        boolean allPassed = true;
        for (Path file : files) {
            allPassed &= verify(file, precision, strategy, threads);
        }
        return allPassed ? 0 : 1;
    }

    private static boolean verify(Path file, Precision precision, Strategy strategy, int threads) throws IOException {
        if (!Files.isRegularFile(file)) throw new CliException(file + ": no such file");
        if (CartPoleReference.declaresFormat(file)) return verifyCartPole(file);
        TestVector v;
        List<Check> checks;
        try {
            v = TestVector.read(file);
            checks = Verification.run(v, precision, strategy, threads);
        } catch (NoSuchFileException e) {
            throw new CliException(file + ": no such file");
        } catch (IllegalArgumentException | IllegalStateException | TopologyException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new CliException(m.startsWith(file.toString()) ? m : file + ": " + m);
        }
        int blocks = org.thousandbrains.ops.TemporalOperator.of(v.compile()).precision(precision).strategy(strategy)
                .denseBlocksInUse(v.steps, v.batch);
        System.out.printf(Locale.ROOT, "%s (%s: N=%d E=%d B=%d T=%d) %s, strategy %s (%d dense block%s), %d thread%s%n", file,
                v.name, v.n, v.e, v.batch, v.steps, precision.name().toLowerCase(Locale.ROOT),
                strategy.name().toLowerCase(Locale.ROOT), blocks, blocks == 1 ? "" : "s", threads, threads == 1 ? "" : "s");
        System.out.printf(Locale.ROOT, "  %-32s %9s %12s %12s %10s%n", "quantity", "values", "max abs err", "scaled err",
                "tolerance");
        boolean passed = true;
        for (Check c : checks) {
            System.out.printf(Locale.ROOT, "  %-32s %9d %12.3e %12.3e %10.0e  %s%n", c.quantity(), c.count(),
                    c.maxAbsError(), c.error(), c.tolerance(), c.passed() ? "ok" : "FAIL");
            passed &= c.passed();
        }
        if (checks.isEmpty()) {
            System.out.println("  nothing to compare: the file holds no expected values");
            passed = false;
        }
        System.out.println(passed ? "  PASS" : "  FAIL");
        return passed;
    }

    private static boolean verifyCartPole(Path file) throws IOException {
        CartPoleReference ref;
        try {
            ref = CartPoleReference.read(file);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        CartPoleReference.Replay r = ref.replay();
        System.out.printf(Locale.ROOT, "%s (%s: cart-pole, %d of %d steps) max |dstate| %.3e (tolerance %.0e), rewards and flags %s,"
                + " return %.0f (expected %.0f)  %s%n", file, ref.name, r.steps(), r.expectedSteps(),
                r.maxStateError(), CartPoleReference.STATE_TOLERANCE, r.flagsMatch() ? "match" : "DIFFER", r.episodeReturn(),
                r.expectedReturn(), r.passes() ? "PASS" : "FAIL");
        return r.passes();
    }
}
