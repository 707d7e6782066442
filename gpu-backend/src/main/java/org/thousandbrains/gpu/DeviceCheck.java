package org.thousandbrains.gpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.thousandbrains.ops.TemporalOperator;
import org.thousandbrains.ops.device.DeviceUnavailableException;
import org.thousandbrains.ops.device.Devices;
import org.thousandbrains.ops.device.KernelService;
import org.thousandbrains.ops.verify.DeviceVerification;
import org.thousandbrains.ops.verify.TestVector;
import org.thousandbrains.ops.verify.Verification;

/**
 * Every shared test vector on one device ({@code device-check.sh}'s first part):
 * {@code java -cp ... org.thousandbrains.gpu.DeviceCheck [--device cuda] DIR...}. Reads and compiles
 * every file and makes its operator first (so a missing jar shows before the device is needed), then prints one line per
 * file (worst quantity and its error against the float32 tolerance, or why the device skips it).
 * Exit status 0 when every run file passes, 1 when one fails, 3 when the device is not available.
 */
public final class DeviceCheck {
    private DeviceCheck() {
    }

    public static void main(String[] args) throws IOException {
        String device = "cuda";
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--device") && i + 1 < args.length) device = args[++i];
            else files.addAll(jsonFiles(Path.of(args[i])));
        }
        List<TestVector> vectors = new ArrayList<>();
        for (Path f : files) {
            TestVector v = TestVector.read(f);
            TemporalOperator.of(v.compile());
            vectors.add(v);
        }
        System.out.println("device-check: " + vectors.size() + " test vectors read and compiled");
        KernelService k;
        try {
            k = Devices.open(device, System.out::println);
        } catch (DeviceUnavailableException e) {
            System.out.println("device-check: " + e.getMessage());
            System.exit(3);
            return;
        }
        int failed = 0;
        int skipped = 0;
        try (k) {
            System.out.println("device-check: " + k.description());
            for (int i = 0; i < vectors.size(); i++) {
                TestVector v = vectors.get(i);
                String name = files.get(i).getParent().getFileName() + "/" + files.get(i).getFileName();
                String missing = k.unsupported(v.compile());
                if (missing != null) {
                    skipped++;
                    System.out.printf(Locale.ROOT, "  SKIP %-44s %s%n", name, missing);
                    continue;
                }
                Verification.Check worst = null;
                boolean ok = true;
                for (Verification.Check c : DeviceVerification.run(v, k)) {
                    ok &= c.passed();
                    if (worst == null || c.error() / c.tolerance() > worst.error() / worst.tolerance()) worst = c;
                }
                if (!ok) failed++;
                System.out.printf(Locale.ROOT, "  %s %-44s worst %s %.2e (tolerance %.0e)%n", ok ? "PASS" : "FAIL", name,
                        worst == null ? "-" : worst.quantity(), worst == null ? 0.0 : worst.error(), worst == null ? 0.0 : worst.tolerance());
            }
        }
        System.out.printf(Locale.ROOT, "device-check: %d passed, %d failed, %d skipped%n", vectors.size() - failed - skipped, failed, skipped);
        System.exit(failed == 0 ? 0 : 1);
    }

    private static List<Path> jsonFiles(Path p) throws IOException {
        if (!Files.isDirectory(p)) return List.of(p);
        try (Stream<Path> s = Files.walk(p, 2)) {
            return s.filter(f -> f.toString().endsWith(".json") && !f.toString().contains("cartpole")).sorted().toList();
        }
    }
}
