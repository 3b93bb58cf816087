package dev.ring3.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Guest strings (arguments, environment, paths) are bytes, not text: Linux passes them through unchanged whatever
 * their encoding. ring3 carries them as "byte strings", Java strings with one char per byte (ISO-8859-1), so that
 * nothing is lost between the command line and the guest's stack; they are decoded as UTF-8 only for display.
 */
public final class ByteStrings {
    private ByteStrings() {}

    public static String of(byte[] b) { return new String(b, StandardCharsets.ISO_8859_1); }

    public static String of(byte[] b, int off, int len) { return new String(b, off, len, StandardCharsets.ISO_8859_1); }

    public static byte[] bytes(String byteString) { return byteString.getBytes(StandardCharsets.ISO_8859_1); }

    /** A byte string from text (what a test or a Java caller means by a string). */
    public static String fromText(String text) { return of(text.getBytes(StandardCharsets.UTF_8)); }

    /** The text a byte string shows as (UTF-8, invalid sequences replaced). */
    public static String display(String byteString) { return new String(bytes(byteString), StandardCharsets.UTF_8); }

    /** A NUL-terminated copy in native memory. */
    public static MemorySegment c(Arena a, String byteString) {
        byte[] b = bytes(byteString);
        MemorySegment m = a.allocate(b.length + 1L);
        m.copyFrom(MemorySegment.ofArray(b));   // segment to segment: no type switch on the array's class
        m.set(ValueLayout.JAVA_BYTE, b.length, (byte) 0);
        return m;
    }
}
