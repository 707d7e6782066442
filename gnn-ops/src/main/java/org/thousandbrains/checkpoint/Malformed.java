package org.thousandbrains.checkpoint;

/** A payload that passed its checksum but does not decode; turned into a {@link CheckpointException} naming the file. */
final class Malformed extends Exception {
    Malformed(String message) {
        super(message);
    }
}
