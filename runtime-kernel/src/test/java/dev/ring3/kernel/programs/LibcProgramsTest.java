package dev.ring3.kernel.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ring3.kernel.testing.GuestPrograms;
import dev.ring3.kernel.testing.Result;
import dev.ring3.kernel.testing.Runs;
import dev.ring3.kernel.testing.Toolchain;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acceptance: small static C programs (integer arithmetic, string functions, printf of integers, strings and
 * doubles, an n-body simulation with sqrt, conversions and libm, malloc/free and qsort, anonymous memory given back
 * with munmap and madvise reading as zero) give output identical to the native run, with glibc and with musl.
 * Also self-modifying code (smc.c: code written into RWX memory, run hot, rewritten underneath; and written,
 * mprotect'ed executable, run, and rewritten), which must take effect in every tier; and execve (exec.c: errors,
 * then the program itself and a "#!" script run by it, each with hot code of its own), and futex on one thread
 * (futex.c: values that differ, timeouts, wakes of nobody, bad words and arguments, requeue and wake-op), and
 * getsockname/getpeername on descriptors that are not sockets (sockname.c), and sendfile, utimensat/futimens and
 * getgroups with their errors (filetimes.c), and FIFOs, owners and sync (nodes.c), and the SSE exception flags
 * hot loops raise, read with STMXCSR and fetestexcept (fenv.c: each flag from values in memory, none but PE from
 * ordinary values, flags cleared inside a hot loop, NaN payloads), and new processes (forkpipe.c: fork and vfork,
 * exit codes and deaths by signal seen by wait, hot loops in children reporting through pipes, copied memory, a
 * shared file offset, a grandchild, vfork then exec, and the errors of pipe2 and wait4), and signals delivered to
 * handlers (signals.c: raise and kill, masks, SA_NODEFER, SA_RESETHAND, the alternate stack, registers and SSE
 * state kept across a clobbering handler, SIGCHLD with sigsuspend, pause woken by a child, SIGPIPE; and poll), and
 * threads (threads.c: pthreads running hot loops at once, thread-local storage, mutexes, condition variables and a
 * timed wait, signals to one thread and to the process, a thread's exit and fatal signal ending the process, the
 * main thread's pthread_exit), and epoll and eventfd (epoll.c: readiness, the caller's data, errors, timeouts, a
 * wait another thread ends), and select and pselect6 (select.c), and sockets (sockets.c: a UNIX pair, sendmsg
 * and recvmsg, TCP and UDP on the loopback, options, SIGPIPE, errors), and process groups and sessions
 * (pgroups.c: setpgid and setsid with their errors, kill and wait by group), and descriptors passed over a
 * UNIX socket (passfd.c: SCM_RIGHTS between processes, MSG_CMSG_CLOEXEC, a full table, EBADF), and signalfd
 * (sigfd.c: reads, poll and epoll readiness, a blocking read, a new mask, a timer's signal, a child, errors), and
 * the signal masks of ppoll, pselect and epoll_pwait (pmask.c).
 */
class LibcProgramsTest {
    static List<Arguments> cases() {
        List<Arguments> out = new java.util.ArrayList<>();
        for (String p : List.of("intmath", "strings", "printf", "nbody", "alloc", "smc", "mapzero", "exec", "futex", "sockname", "filetimes", "nodes",
                "fenv", "forkpipe", "mmapshared", "timersfiles", "sigwait", "posixtimers", "pgroups", "passfd",
                "sigfd", "pmask",
                "signals", "threads", "epoll", "select", "sockets")) {
            for (Toolchain tc : List.of(Toolchain.GLIBC, Toolchain.MUSL)) out.add(Arguments.of(p, tc));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void sameAsNative(String program, Toolchain tc) throws IOException {
        Path exe = GuestPrograms.c(program, source(program), tc);
        Result expected = Runs.nativeRun(exe, List.of(), List.of("LANG=C"), null);
        Result actual = Runs.inProcess(Runs.config(false), exe, List.of(), List.of("LANG=C"), null);
        assertEquals(expected.out(), actual.out(), "stdout of " + program + "\n" + actual);
        assertEquals(expected.err(), actual.err(), "stderr of " + program);
        assertEquals(expected.status(), actual.status(), "status of " + program + "\n" + actual);
    }

    static String source(String name) throws IOException {
        try (InputStream in = LibcProgramsTest.class.getResourceAsStream("/programs/" + name + ".c")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
