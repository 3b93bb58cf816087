package dev.ring3.jit;

import java.lang.invoke.MethodHandle;

/**
 * How translated code finds a system call's handler when the call number is a constant at the SYSCALL site: the
 * kernel answers with a direct method handle to a public static {@code long handler(Thread, Cpu)} method (the
 * thread being {@link Cpu#thread}), and the translator emits an invokestatic of it, skipping the dispatch switch.
 * Null means "go through {@link SyscallGate}" (unknown number, or tracing is on and must see every call).
 */
public interface SyscallLinker {
    MethodHandle handler(long nr);

    SyscallLinker NONE = nr -> null;
}
