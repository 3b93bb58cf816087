package dev.ring3.kernel.testing;

import dev.ring3.jit.NativeSyscall;
import dev.ring3.jit.SyscallLibrary;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Gives the test JVM the native library {@code ./ring3} runs with before any test loads a class that reads it:
 * guest programs run in-process ({@link Runs#inProcess}) make their host system calls and keep their SSE flags
 * ({@link dev.ring3.jit.sse.HostMxcsr}) as they do under the launcher, and the ring3 processes {@link Runs} starts
 * get the same file. Registered with the JUnit Platform launcher through {@code META-INF/services}.
 */
public final class NativeLibraryListener implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty(NativeSyscall.PROPERTY) != null) return;
        try {
            System.setProperty(NativeSyscall.PROPERTY, SyscallLibrary.writeTemporary().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
