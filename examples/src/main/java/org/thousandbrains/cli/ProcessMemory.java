package org.thousandbrains.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The process's peak memory, as the commands report it beside their measures (Linux {@code /proc/self}). */
public final class ProcessMemory {
    private ProcessMemory() {
    }

    /** Peak resident set size of this process in MB ({@code VmHWM}), or NaN where unknown. */
    public static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** Resets the peak RSS to the current RSS (Linux {@code clear_refs} 5), so the next peak is one run's; false where refused. */
    public static boolean resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (java.io.IOException | SecurityException e) {
            return false;
        }
    }
}
