package org.thousandbrains.cli;

import java.util.Locale;

import org.thousandbrains.ops.Precision;

/** Option parsing shared by the engine commands; every mistake becomes a {@link CliException} naming the option. */
final class EngineArgs {
    private EngineArgs() {
    }

    /** The value after option {@code args[i]}. */
    static String value(String[] args, int i, String option) {
        if (i + 1 >= args.length) throw new CliException(option + " needs a value");
        return args[i + 1];
    }

    static int positive(String s, String option) {
        long v = positiveLong(s, option);
        if (v > Integer.MAX_VALUE) throw new CliException(option + " " + s + " is too large");
        return (int) v;
    }

    static long positiveLong(String s, String option) {
        long v = integer(s, option);
        if (v < 1) throw new CliException(option + " must be >= 1, got " + v);
        return v;
    }

    static long integer(String s, String option) {
        try {
            return Long.parseLong(s.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new CliException(option + " expects a whole number, got '" + s + "'");
        }
    }

    static Precision precision(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "float32": case "fp32": case "f32": return Precision.FLOAT32;
            case "float64": case "fp64": case "f64": return Precision.FLOAT64;
            default: throw new CliException("--precision expects float32 or float64, got '" + s + "'");
        }
    }

    /** Peak resident set size of this process in MB ({@code VmHWM} of {@code /proc/self/status}), or -1 where unknown. */
    static double peakRssMb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
