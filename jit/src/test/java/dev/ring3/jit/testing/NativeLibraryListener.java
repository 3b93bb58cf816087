package dev.ring3.jit.testing;

import dev.ring3.jit.NativeSyscall;
import dev.ring3.jit.SyscallLibrary;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Gives the test JVM the native library {@code ./ring3} runs with ({@link NativeSyscall}: host system calls, the
 * host's MXCSR for {@link dev.ring3.jit.sse.HostMxcsr}) before any test loads a class that reads it, so that the
 * tiers are tested as they run in the launcher. Registered with the JUnit Platform launcher through
 * {@code META-INF/services} (runtime-kernel's tests have their own, for the guest programs run in-process).
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
