package dev.ring3.jit;

/**
 * Where a SYSCALL instruction goes: the kernel implements this. The call reads the number and arguments from the
 * registers (RAX; RDI RSI RDX R10 R8 R9) and leaves the result in RAX; RCX and R11 are set as the hardware does
 * (return address and RFLAGS) by the caller. Exits and signals that end the thread propagate as unchecked
 * exceptions of the kernel's own, which no tier catches.
 */
public interface SyscallGate {
    void syscall(Cpu cpu);

    /**
     * Called by the tiers between blocks once {@link Cpu#interrupted} is set (a pending signal): throws the kernel's
     * exit, or returns to go on at {@code cpu.rip}, which a signal's delivery changes.
     */
    default void interrupted(Cpu cpu) {}
}
