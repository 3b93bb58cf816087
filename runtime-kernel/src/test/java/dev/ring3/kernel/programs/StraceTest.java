package dev.ring3.kernel.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ring3.kernel.testing.GuestPrograms;
import dev.ring3.kernel.testing.Result;
import dev.ring3.kernel.testing.Runs;
import dev.ring3.kernel.testing.Toolchain;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --strace prints each call as strace does: name, decoded arguments, result or errno name. */
class StraceTest {
    @Test
    void hi() {
        Result r = Runs.ring3(List.of("--strace"), ExampleHiTest.HI, List.of(), List.of(), null);
        assertEquals("Hi!\n", r.out());
        assertEquals("write(1, \"Hi!\\n\", 4) = 4\nexit(0) = ?\n", r.err());
        assertEquals(0, r.status());
    }

    @Test
    void errorsAndStrings() {
        Path exe = GuestPrograms.asm("strace-open", """
                .globl _start
                _start:
                  mov $257, %eax            # openat(AT_FDCWD, "/no/such/file", O_RDONLY|O_CLOEXEC)
                  mov $-100, %rdi
                  lea path(%rip), %rsi
                  mov $0x80000, %edx
                  syscall
                  mov $12, %eax             # brk(NULL)
                  xor %edi, %edi
                  syscall
                  mov $231, %eax            # exit_group(3)
                  mov $3, %edi
                  syscall
                path: .asciz "/no/such/file"
                """);
        Result r = Runs.ring3(List.of("--strace"), exe, List.of(), List.of(), null);
        assertEquals(3, r.status());
        List<String> lines = r.err().lines().toList();
        assertEquals("openat(AT_FDCWD, \"/no/such/file\", O_RDONLY|O_CLOEXEC) = -1 ENOENT", lines.get(0));
        assertEquals(true, lines.get(1).matches("brk\\(NULL\\) = 0x[0-9a-f]+"), lines.get(1));
        assertEquals("exit_group(3) = ?", lines.get(2));
        assertEquals(3, lines.size());
    }

    @Test
    void nullPathsAsNull() {
        Path exe = GuestPrograms.asm("strace-null", """
                .globl _start
                _start:
                  mov $80, %eax             # chdir(NULL)
                  xor %edi, %edi
                  syscall
                  mov $231, %eax            # exit_group(0)
                  xor %edi, %edi
                  syscall
                """);
        Result r = Runs.ring3(List.of("--strace"), exe, List.of(), List.of(), null);
        assertEquals("chdir(NULL) = -1 EFAULT\nexit_group(0) = ?\n", r.err());
    }

    /** A child's calls begin with its pid, as strace -f prints them; fork's clone, pipe2 and wait4 decoded. */
    @Test
    void forkedChildrenByPid() {
        Path sh = Path.of("/bin/busybox");
        assumeTrue(java.nio.file.Files.isExecutable(sh), "busybox-static is not installed");
        Result r = Runs.ring3(List.of("--strace"), sh, List.of("sh", "-c", "echo $(echo hi)"), List.of(), null);
        assertEquals("hi\n", r.out());
        List<String> lines = r.err().lines().toList();
        String clone = lines.stream().filter(l -> l.startsWith("clone(")).findFirst().orElse("");
        assertEquals(true, clone.matches("clone\\(0x1200011, NULL, NULL, 0x[0-9a-f]+, 0x0\\) = \\d+"), clone);
        String child = clone.substring(clone.lastIndexOf(' ') + 1);
        assertEquals(true, lines.contains("[pid " + child + "] write(1, \"hi\\n\", 3) = 3"), r.err());
        assertEquals(true, lines.contains("[pid " + child + "] exit_group(0) = ?"), r.err());
        assertEquals(true, lines.stream().anyMatch(l -> l.matches("pipe2\\(0x[0-9a-f]+, 0x0\\) = 0")), r.err());
        assertEquals(true, lines.stream().anyMatch(l -> l.matches("wait4\\(-1, 0x[0-9a-f]+, 0x0, NULL\\) = " + child)),
                r.err());
    }

    /** A thread's calls carry its tid, as strace -f prints them: the one clone3 returned (epoll.c's writer). */
    @Test
    void threadsByTid() throws java.io.IOException {
        Path exe = GuestPrograms.c("epoll", LibcProgramsTest.source("epoll"), Toolchain.GLIBC);
        Result r = Runs.ring3(List.of("--strace"), exe, List.of(), List.of(), null);
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.err().lines().toList();
        String clone = lines.stream().filter(l -> l.startsWith("clone3(")).findFirst().orElse("");
        assertEquals(true, clone.matches("clone3\\(0x[0-9a-f]+, 88\\) = \\d+"), clone);
        String tid = clone.substring(clone.lastIndexOf(' ') + 1);
        assertEquals(true, lines.stream().anyMatch(l -> l.matches("\\[pid " + tid + "\\] write\\(\\d+, \"z\", 1\\) = 1")),
                r.err());
        assertEquals(true, lines.stream().anyMatch(l -> l.startsWith("epoll_wait(")), r.err());
    }

    /**
     * futex lines as the real strace prints them for the same binary run natively (futex.c: every operation form,
     * timeouts, bad arguments), but for what ring3 leaves out or cannot share: errno descriptions, strace's column
     * alignment, the realtime deadline and stack addresses.
     */
    @Test
    void futexAsTheRealStraceShowsIt() throws Exception {
        assumeTrue(new java.io.File("/usr/bin/strace").canExecute(), "strace is not installed");
        Path exe = GuestPrograms.c("futex", LibcProgramsTest.source("futex"), Toolchain.GLIBC);
        Path log = java.nio.file.Files.createTempFile("ring3-strace", ".txt");
        Process p = new ProcessBuilder("strace", "-e", "trace=futex", "-o", log.toString(), exe.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.PIPE).start();
        String straceErr = new String(p.getErrorStream().readAllBytes());
        int status = p.waitFor();
        // a machine that forbids ptrace (some container sandboxes) has no oracle to compare with
        assumeTrue(!straceErr.contains("ptrace"), "strace cannot trace here: " + straceErr);
        assertEquals(0, status, straceErr);
        List<String> expected = normalize(java.nio.file.Files.readAllLines(log));
        java.nio.file.Files.delete(log);
        Result r = Runs.ring3(List.of("--strace"), exe, List.of(), List.of(), null);
        assertEquals(0, r.status(), r.toString());
        List<String> actual = normalize(r.err().lines().filter(l -> l.startsWith("futex(")).toList());
        assertEquals(20, expected.size(), String.join("\n", expected));
        assertEquals(expected, actual);
    }

    private static List<String> normalize(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("futex("))
                .map(l -> l.replaceAll(" \\([A-Z][^()]*\\)$", "").replaceAll("\\s+= ", " = ")
                        .replaceAll("0x7ff[0-9a-f]+", "STACK")
                        .replaceAll("(FUTEX_CLOCK_REALTIME, [0-9]+, )\\{tv_sec=[0-9]+, tv_nsec=[0-9]+\\}", "$1DEADLINE"))
                .toList();
    }
}
