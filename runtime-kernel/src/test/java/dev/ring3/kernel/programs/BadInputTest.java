package dev.ring3.kernel.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ring3.kernel.testing.GuestPrograms;
import dev.ring3.kernel.testing.Result;
import dev.ring3.kernel.testing.Runs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input never takes ring3 down: files that cannot run get one clear line and a shell's exit code (127 missing,
 * 126 not runnable); guest faults get a diagnostic naming the instruction and the status of death by that signal;
 * no Java stack trace ever reaches the user.
 */
class BadInputTest {
    @TempDir Path dir;

    private static Result ring3(Path exe) { return Runs.ring3(List.of(), exe, List.of(), List.of(), null); }

    private static void oneCleanLine(Result r, String... mustContain) {
        String err = r.err();
        assertFalse(err.contains("Exception") || err.contains("\tat ") || err.contains("    at "), "stack trace leaked:\n" + r);
        assertEquals(1, err.lines().count(), "expected one line on stderr:\n" + r);
        for (String s : mustContain) assertTrue(err.contains(s), "stderr lacks '" + s + "':\n" + r);
        assertEquals("", r.out(), "nothing on stdout:\n" + r);
    }

    @Test
    void missingFile() {
        Result r = ring3(dir.resolve("nope"));
        assertEquals(127, r.status());
        oneCleanLine(r, "nope", "No such file or directory");
    }

    @Test
    void directory() {
        Result r = ring3(dir);
        assertEquals(126, r.status());
        oneCleanLine(r, "Is a directory");
    }

    @Test
    void notExecutable() throws Exception {
        Path f = Files.copy(ExampleHiTest.HI, dir.resolve("hi"));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        Result r = ring3(f);
        assertEquals(126, r.status());
        oneCleanLine(r, "Permission denied");
    }

    @Test
    void textFile() throws Exception {
        Path f = executable("text", "just some words\n".getBytes());
        Result r = ring3(f);
        assertEquals(126, r.status());
        oneCleanLine(r, "not an ELF executable");
    }

    @Test
    void emptyFile() throws Exception {
        Result r = ring3(executable("empty", new byte[0]));
        assertEquals(126, r.status());
        oneCleanLine(r, "not an ELF executable");
    }

    @Test
    void wrongMachine() throws Exception {
        byte[] b = Files.readAllBytes(ExampleHiTest.HI);
        b[18] = (byte) 183;   // e_machine = EM_AARCH64
        b[19] = 0;
        Result r = ring3(executable("arm", b));
        assertEquals(126, r.status());
        oneCleanLine(r, "AArch64", "not x86-64");
    }

    @Test
    void thirtyTwoBit() throws Exception {
        byte[] b = Files.readAllBytes(ExampleHiTest.HI);
        b[4] = 1;             // ELFCLASS32
        Result r = ring3(executable("elf32", b));
        assertEquals(126, r.status());
        oneCleanLine(r, "32-bit");
    }

    @Test
    void truncated() throws Exception {
        byte[] b = Files.readAllBytes(ExampleHiTest.HI);
        Result r = ring3(executable("short", java.util.Arrays.copyOf(b, 40)));
        assertEquals(126, r.status());
        oneCleanLine(r, "truncated");
    }

    @Test
    void programHeadersOutsideFile() throws Exception {
        byte[] b = Files.readAllBytes(ExampleHiTest.HI);
        b[32] = (byte) 0xf0;  // e_phoff far past the end
        b[33] = (byte) 0xff;
        Result r = ring3(executable("badph", b));
        assertEquals(126, r.status());
        oneCleanLine(r, "malformed ELF");
    }

    @Test
    void dynamicallyLinked() {
        Path exe = GuestPrograms.dynamic("dyn", "int main(void) { return 0; }\n");
        Result r = ring3(exe);
        assertEquals(126, r.status());
        oneCleanLine(r, "dynamically linked", "ld-linux");
    }

    private Path executable(String name, byte[] content) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        return f;
    }

    // ---- guest faults ---------------------------------------------------------------------------------------------

    @Test
    void undefinedInstructionIsSigill() {
        Path exe = GuestPrograms.asm("ud2", ".globl _start\n_start:\n  nop\n  ud2\n");
        Result r = ring3(exe);
        assertEquals(132, r.status(), r.toString());
        assertEquals(132, Runs.nativeRun(exe, List.of(), List.of(), null).status() + 0, "native dies the same way");
        oneCleanLine(r, "SIGILL", "rip 0x401001", "ud2", "[0f 0b]");
    }

    /** ring3's diagnostics go to its own copy of stderr, taken at start: a guest that closed fd 2 still gets them. */
    @Test
    void diagnosticAfterTheGuestClosedStderr() {
        Path exe = GuestPrograms.asm("close2", ".globl _start\n_start:\n  mov $3, %eax\n  mov $2, %edi\n  syscall\n"
                + "  ud2\n");
        Result r = ring3(exe);
        assertEquals(132, r.status(), r.toString());
        oneCleanLine(r, "SIGILL", "ud2");
    }

    @Test
    void avxInstructionIsSigillWithItsName() {
        Path exe = GuestPrograms.asm("avx", ".globl _start\n_start:\n  vpxor %ymm0, %ymm0, %ymm0\n");
        Result r = ring3(exe);
        assertEquals(132, r.status(), r.toString());
        oneCleanLine(r, "SIGILL", "vpxor", "[c5 fd ef c0]");
    }

    @Test
    void nullDereferenceIsSigsegv() {
        Path exe = GuestPrograms.asm("null", ".globl _start\n_start:\n  xor %eax, %eax\n  movq (%rax), %rbx\n");
        Result r = ring3(exe);
        assertEquals(139, r.status(), r.toString());
        assertEquals(139, Runs.nativeRun(exe, List.of(), List.of(), null).status());
        oneCleanLine(r, "SIGSEGV", "address 0x0");
    }

    @Test
    void kernelAddressIsSigsegv() {
        Path exe = GuestPrograms.asm("kaddr", ".globl _start\n_start:\n  movabs $0xffffffff81000000, %rax\n  movl $1, (%rax)\n");
        Result r = ring3(exe);
        assertEquals(139, r.status(), r.toString());
        oneCleanLine(r, "SIGSEGV", "address 0xffffffff81000000");
    }

    @Test
    void jumpToNowhereIsSigsegv() {
        Path exe = GuestPrograms.asm("wild", ".globl _start\n_start:\n  mov $0x1234, %eax\n  jmp *%rax\n");
        Result r = ring3(exe);
        assertEquals(139, r.status(), r.toString());
        oneCleanLine(r, "SIGSEGV", "rip 0x1234");
    }

    /**
     * A store to a page of a shared file mapping past the file's end: SIGBUS on Linux; under ring3 the host's SIGBUS
     * in the JVM's access comes back as the guest's (the pages are the host's shared mapping of the file).
     */
    @Test
    void sharedMappingPastTheFileEndIsSigbus(@TempDir Path dir) {
        String file = dir.resolve("short").toString();
        Path exe = GuestPrograms.c("sharedbus", "#include <fcntl.h>\n#include <sys/mman.h>\n#include <unistd.h>\n"
                + "int main(void) {\n  int fd = open(\"" + file + "\", O_RDWR | O_CREAT | O_TRUNC, 0600);\n"
                + "  ftruncate(fd, 4096);\n"
                + "  volatile char *m = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);\n"
                + "  m[0] = 1;\n  m[4096] = 1;\n  return 3;\n}\n", dev.ring3.kernel.testing.Toolchain.GLIBC);
        assertEquals(135, Runs.nativeRun(exe, List.of(), List.of(), null).status(), "native dies of SIGBUS");
        Result r = ring3(exe);
        assertEquals(135, r.status(), r.toString());
        oneCleanLine(r, "SIGBUS", "past the end of the file");
    }

    @Test
    void divideByZeroIsSigfpe() {
        Path exe = GuestPrograms.asm("div0", ".globl _start\n_start:\n  xor %ecx, %ecx\n  mov $7, %eax\n  cltd\n  idiv %ecx\n");
        Result r = ring3(exe);
        assertEquals(136, r.status(), r.toString());
        assertEquals(136, Runs.nativeRun(exe, List.of(), List.of(), null).status());
        oneCleanLine(r, "SIGFPE", "idiv");
    }

    @Test
    void breakpointIsSigtrap() {
        Path exe = GuestPrograms.asm("int3", ".globl _start\n_start:\n  int3\n");
        Result r = ring3(exe);
        assertEquals(133, r.status(), r.toString());
        assertEquals(133, Runs.nativeRun(exe, List.of(), List.of(), null).status());
        oneCleanLine(r, "SIGTRAP");
    }

    @Test
    void privilegedInstructionIsSigsegv() {
        Path exe = GuestPrograms.asm("hlt", ".globl _start\n_start:\n  hlt\n");
        Result r = ring3(exe);
        assertEquals(139, r.status(), r.toString());
        assertEquals(139, Runs.nativeRun(exe, List.of(), List.of(), null).status());
        oneCleanLine(r, "SIGSEGV", "hlt");
    }

    // ---- system calls ---------------------------------------------------------------------------------------------

    @Test
    void unknownSyscallIsEnosysLoggedOnce() {
        // syscall 1000 twice, then exit(-rax) = exit(38)
        Path exe = GuestPrograms.asm("enosys", """
                .globl _start
                _start:
                  mov $1000, %eax
                  syscall
                  mov $1000, %eax
                  syscall
                  mov $440, %eax      # not in ring3's table either (process_madvise)
                  syscall
                  neg %rax
                  mov %rax, %rdi
                  mov $60, %eax
                  syscall
                """);
        Result r = ring3(exe);
        assertEquals(38, r.status(), r.toString());
        assertEquals("ring3: unsupported syscall 1000\nring3: unsupported syscall 440 (process_madvise)\n", r.err());
    }

    @Test
    void badPointerIsEfault() {
        // write(1, 0x1000, 4) must fail with EFAULT: exit(-rax) = 14, as natively
        Path exe = GuestPrograms.asm("efault", """
                .globl _start
                _start:
                  mov $1, %eax
                  mov $1, %edi
                  mov $0x1000, %esi
                  mov $4, %edx
                  syscall
                  neg %rax
                  mov %rax, %rdi
                  mov $60, %eax
                  syscall
                """);
        assertEquals(14, Runs.nativeRun(exe, List.of(), List.of(), null).status());
        Result r = ring3(exe);
        assertEquals(14, r.status(), r.toString());
        assertEquals("", r.err());
    }
}
