package dev.ring3.decoder;

/**
 * Where the decoder reads instruction bytes from. Guest memory implements it (and throws its own fault when the
 * address is not readable); tests use {@link #of(byte[], long)}.
 */
@FunctionalInterface
public interface CodeSource {
    /** The byte at a guest address, 0-255. */
    int u8(long addr);

    /** Bytes of an array, the first at address {@code base}; reading past the end throws. */
    static CodeSource of(byte[] bytes, long base) {
        return a -> {
            long i = a - base;
            if (i < 0 || i >= bytes.length) throw new DecodeException("read past end of code at 0x" + Long.toHexString(a));
            return bytes[(int) i] & 0xff;
        };
    }
}
