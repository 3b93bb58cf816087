package dev.ring3.decoder;

/** Thrown by a {@link CodeSource} built over an array when decoding runs past its end. */
public final class DecodeException extends RuntimeException {
    public DecodeException(String message) { super(message, null, false, false); }
}
