package dev.ring3.kernel.testing;

import java.util.List;

/**
 * The ways tests build guest programs: glibc or musl, static or static-pie. Debian's musl-gcc has no static-pie
 * support (its specs always name the dynamic loader), so MUSL_PIE is compiled with -fPIE and linked by hand with
 * ld -static -pie against musl's rcrt1.o and libc.a, which is what a static-pie musl toolchain does.
 */
public enum Toolchain {
    GLIBC("gcc", List.of("-static")),
    GLIBC_PIE("gcc", List.of("-static-pie")),
    MUSL("musl-gcc", List.of("-static")),
    MUSL_PIE("musl-gcc", List.of("-static-pie"));

    final String compiler;
    final List<String> flags;

    Toolchain(String compiler, List<String> flags) {
        this.compiler = compiler;
        this.flags = flags;
    }
}
