package dev.ring3.kernel.sys;

import dev.ring3.jit.Cpu;
import dev.ring3.jit.SyscallLinker;
import dev.ring3.kernel.fs.EpollCalls;
import dev.ring3.kernel.fs.FileIo;
import dev.ring3.kernel.fs.FsCalls;
import dev.ring3.kernel.fs.HostObjectCalls;
import dev.ring3.kernel.fs.PollCalls;
import dev.ring3.kernel.fs.SelectCalls;
import dev.ring3.kernel.mm.MmCalls;
import dev.ring3.kernel.net.SocketCalls;
import dev.ring3.kernel.proc.ExecCalls;
import dev.ring3.kernel.proc.ForkCalls;
import dev.ring3.kernel.proc.FutexCalls;
import dev.ring3.kernel.proc.GroupCalls;
import dev.ring3.kernel.proc.GuestThread;
import dev.ring3.kernel.proc.IntervalTimer;
import dev.ring3.kernel.proc.PosixTimers;
import dev.ring3.kernel.proc.ProcCalls;
import dev.ring3.kernel.proc.SignalCalls;
import dev.ring3.kernel.proc.SignalFd;
import dev.ring3.kernel.proc.SignalQueueCalls;
import dev.ring3.kernel.time.TimeCalls;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Links a SYSCALL of constant number straight to its handler for the translator: the handler is the public static
 * method named as the system call in one of the area classes {@link Dispatch#x64_sys_call} dispatches to (the
 * switch and this lookup follow the same naming rule; DirectLinkerTest checks they agree). Found by reflection once
 * per number, at translation time, never on a hot path. With --strace on nothing is linked: the hook must see
 * every call.
 */
public final class DirectLinker implements SyscallLinker {
    static final Class<?>[] AREAS = {FileIo.class, FsCalls.class, MmCalls.class, ProcCalls.class, ExecCalls.class,
        FutexCalls.class, SignalCalls.class, TimeCalls.class, SocketCalls.class, ForkCalls.class,
        PollCalls.class, EpollCalls.class, SelectCalls.class, HostObjectCalls.class, IntervalTimer.class,
        SignalQueueCalls.class, PosixTimers.class, GroupCalls.class, SignalFd.class};
    private static final MethodType TYPE = MethodType.methodType(long.class, GuestThread.class, Cpu.class);
    private static final MethodHandle NONE = MethodHandles.constant(Object.class, null);

    private final ConcurrentHashMap<Long, MethodHandle> cache = new ConcurrentHashMap<>();

    @Override
    public MethodHandle handler(long nr) {
        MethodHandle h = cache.computeIfAbsent(nr, DirectLinker::find);
        return h == NONE ? null : h;
    }

    static MethodHandle find(long nr) {
        String name = SyscallTable.name(nr);
        if (name == null) return NONE;
        for (Class<?> area : AREAS) {
            try {
                return MethodHandles.publicLookup().findStatic(area, name, TYPE);
            } catch (NoSuchMethodException | IllegalAccessException e) {
                // not in this area
            }
        }
        return NONE;
    }
}
