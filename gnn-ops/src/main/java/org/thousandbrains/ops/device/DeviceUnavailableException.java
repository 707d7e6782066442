package org.thousandbrains.ops.device;

/** A device was asked for by name and cannot run here (no provider, no driver, no GPU, an unsupported graph). */
public final class DeviceUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeviceUnavailableException(String message) {
        super(message);
    }

    public DeviceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
