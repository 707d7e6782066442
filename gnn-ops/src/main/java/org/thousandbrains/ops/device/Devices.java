package org.thousandbrains.ops.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.function.Consumer;

import org.thousandbrains.ops.TemporalOperator;

/**
 * Device selection by name, as {@code --device cpu|cuda|auto}: {@code cpu} is always there,
 * {@code cuda} needs the gpu-backend module on the class path and a usable GPU (otherwise a
 * {@link DeviceUnavailableException} saying why), {@code auto} takes CUDA when it is usable and
 * falls back to the CPU with a notice otherwise. Providers are found with {@link ServiceLoader}.
 */
public final class Devices {
    /** The names {@link #open} accepts. */
    public static final List<String> CHOICES = List.of("cpu", "cuda", "auto");

    private Devices() {
    }

    /** Every provider on the class path (the CPU first). */
    public static List<DeviceProvider> providers() {
        List<DeviceProvider> all = new ArrayList<>();
        for (DeviceProvider p : ServiceLoader.load(DeviceProvider.class, Devices.class.getClassLoader())) all.add(p);
        all.sort((a, b) -> Boolean.compare(!a.name().equals("cpu"), !b.name().equals("cpu")));
        return all;
    }

    /** The provider called {@code name}, or null. */
    public static DeviceProvider provider(String name) {
        for (DeviceProvider p : providers()) if (p.name().equals(name)) return p;
        return null;
    }

    /** Checks a {@code --device} value and returns it in lower case. */
    public static String parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (!CHOICES.contains(s)) throw new IllegalArgumentException("unknown device '" + spec + "' (expected cpu, cuda or auto)");
        return s;
    }

    /** Opens the device {@code spec} names; {@code notice} hears why {@code auto} fell back to the CPU. */
    public static KernelService open(String spec, Consumer<String> notice) {
        String s = parse(spec);
        if (s.equals("cpu")) return new CpuKernels();
        DeviceProvider cuda = provider("cuda");
        String reason = cuda == null
                ? "no CUDA provider on the class path (the gpu-backend module's jar is missing)" : cuda.unavailableReason();
        if (reason == null) return cuda.open();
        if (s.equals("cuda")) {
            throw new DeviceUnavailableException("--device cuda: CUDA is not available: " + reason
                    + "; use --device cpu, or --device auto to fall back to the CPU");
        }
        notice.accept("device auto: CUDA not available (" + reason + "); running on the CPU");
        return new CpuKernels();
    }

    /**
     * {@code op}'s graph on the device {@code spec} names. Under {@code auto} a graph the GPU cannot run
     * falls back to the CPU with a notice; under {@code cuda} it is an error naming what is missing.
     */
    public static DeviceOperator operator(String spec, TemporalOperator op, Consumer<String> notice) {
        KernelService device = open(spec, notice);
        String missing = device.unsupported(op.graph());
        if (missing == null) return device.operator(op);
        device.close();
        if (parse(spec).equals("cuda")) throw new DeviceUnavailableException("--device cuda: " + missing);
        notice.accept("device auto: " + device.name() + " cannot run this graph (" + missing + "); running on the CPU");
        return new CpuKernels().operator(op);
    }
}
