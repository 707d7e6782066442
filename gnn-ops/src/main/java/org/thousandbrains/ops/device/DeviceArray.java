package org.thousandbrains.ops.device;

/**
 * A handle to float32 memory of one device ({@link KernelService#allocate}): stays on the device
 * until {@link #close()}; {@link #download()} and {@link #upload} are the only host transfers.
 */
public interface DeviceArray extends AutoCloseable {
    /** Number of floats. */
    int length();

    /** A host copy of the contents. */
    float[] download();

    /** Overwrites the contents with {@code values} ({@link #length()} floats). */
    void upload(float[] values);

    /** Frees the memory; the handle cannot be used afterwards. */
    @Override
    void close();
}
