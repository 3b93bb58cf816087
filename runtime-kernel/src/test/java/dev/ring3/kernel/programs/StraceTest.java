package dev.ring3.kernel.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ring3.kernel.testing.GuestPrograms;
import dev.ring3.kernel.testing.Result;
import dev.ring3.kernel.testing.Runs;
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
}
