package org.thousandbrains.cli;

import org.thousandbrains.ops.device.DeviceUnavailableException;
import org.thousandbrains.ops.device.Devices;
import org.thousandbrains.ops.device.KernelService;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --device cpu|cuda|auto}, a picocli mixin: where the operator runs ({@link Devices}). */
final class DeviceOption {
    @Option(names = "--device", paramLabel = "cpu|cuda|auto", converter = Name.class, defaultValue = "cpu",
            description = "execution device: cpu (default), cuda (an NVIDIA GPU through gpu-backend, needs a JDK 22+), "
                    + "auto (cuda when usable, else cpu)")
    String device;

    /** Opens the device; CUDA asked for and missing is a one-line error saying why, auto's fallback a notice on stderr. */
    KernelService open() {
        try {
            return Devices.open(device, System.err::println);
        } catch (DeviceUnavailableException e) {
            throw new CliException(e.getMessage());
        }
    }

    /**
     * For a command whose passes run on the CPU only: {@code cpu} passes, {@code auto} passes with a
     * notice, {@code cuda} is an error (a missing GPU named as by {@link #open}).
     */
    void requireCpu(String command) {
        if (device.equals("cpu")) return;
        try (KernelService k = open()) {
            if (k.name().equals("cpu")) return;
            String why = command + " runs its passes on the CPU so far (the CUDA device runs tb bench propagate|spmm and the "
                    + "org.thousandbrains.ops.device API)";
            if (device.equals("cuda")) throw new CliException(command + " --device cuda: " + why + "; use --device cpu or auto");
            System.err.println("device auto: " + why + "; running on the CPU");
        }
    }

    /** Checks a {@code --device} value ({@link Devices#parse}). */
    static final class Name implements ITypeConverter<String> {
        @Override
        public String convert(String s) {
            try {
                return Devices.parse(s);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
