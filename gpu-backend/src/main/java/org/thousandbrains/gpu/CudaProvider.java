package org.thousandbrains.gpu;

import java.lang.reflect.InvocationTargetException;

import org.thousandbrains.ops.device.DeviceProvider;
import org.thousandbrains.ops.device.DeviceUnavailableException;
import org.thousandbrains.ops.device.KernelService;

/**
 * The CUDA device's entry in {@code META-INF/services}. This class is compiled for Java 17 like the
 * rest of the project, so that any JVM can list it; the device itself
 * ({@code org.thousandbrains.gpu.cuda}) calls the driver through the foreign-function API and is
 * compiled for Java 22, so it is reached by name only once the JVM is new enough.
 */
public final class CudaProvider implements DeviceProvider {
    /** The first Java release with the final foreign-function API. */
    static final int FFM_RELEASE = 22;
    private static final String DEVICE = "org.thousandbrains.gpu.cuda.CudaKernels";

    @Override
    public String name() { return "cuda"; }

    @Override
    public String unavailableReason() {
        int running = Runtime.version().feature();
        if (running < FFM_RELEASE) {
            return "the CUDA device needs Java " + FFM_RELEASE + " or newer (this JVM is Java " + running
                    + "); the tb launcher runs --device cuda|auto on a JDK " + FFM_RELEASE + "+ when it finds one (TB_CUDA_JAVA)";
        }
        return (String) call("probe");
    }

    @Override
    public KernelService open() {
        String reason = unavailableReason();
        if (reason != null) throw new DeviceUnavailableException("cuda: " + reason);
        return (KernelService) call("open");
    }

    private static Object call(String method) {
        try {
            return Class.forName(DEVICE).getMethod(method).invoke(null);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new DeviceUnavailableException("cuda: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new DeviceUnavailableException("cuda: the gpu-backend jar is incomplete (" + e + ")", e);
        }
    }
}
