package dev.ring3.jit;

import java.nio.charset.StandardCharsets;

/**
 * What CPUID reports: an honest baseline x86-64 CPU that has exactly what ring3 implements. The vendor string is
 * ring3's own, so libraries take their generic paths. Features: FPU TSC CX8 CMOV CLFSH MMX FXSR SSE SSE2 (leaf 1),
 * ERMS and FSRM (leaf 7: REP MOVSB/STOSB are single bulk operations here, the fastest way to copy), LAHF/SAHF in
 * 64-bit mode, SYSCALL, NX, RDTSCP, long mode (leaf 0x80000001), an invariant TSC. Nothing from x86-64-v2 on:
 * no SSE3, SSSE3, SSE4, POPCNT, CX16, AVX, XSAVE/OSXSAVE.
 */
public final class CpuId {
    /** "RING3 x86-64", 12 bytes, as EBX EDX ECX. */
    static final String VENDOR = "RING3 x86-64";
    static final String BRAND = "ring3 x86-64 emulator";
    /** RDTSCP's processor id (IA32_TSC_AUX); Linux puts the CPU number there. */
    public static final long TSC_AUX = 0;

    // leaf 1 EDX bits
    static final int FPU = 1, TSC = 1 << 4, CX8 = 1 << 8, CMOV = 1 << 15, CLFSH = 1 << 19, MMX = 1 << 23,
            FXSR = 1 << 24, SSE = 1 << 25, SSE2 = 1 << 26;
    static final int LEAF1_EDX = FPU | TSC | CX8 | CMOV | CLFSH | MMX | FXSR | SSE | SSE2;
    static final int LEAF1_ECX = 0;
    // leaf 7 subleaf 0: EBX bit 9 ERMS; EDX bit 4 FSRM
    static final int LEAF7_EBX = 1 << 9, LEAF7_EDX = 1 << 4;
    // leaf 0x80000001: ECX bit 0 LAHF/SAHF; EDX bits 11 SYSCALL, 20 NX, 27 RDTSCP, 29 LM
    static final int EXT1_ECX = 1, EXT1_EDX = (1 << 11) | (1 << 20) | (1 << 27) | (1 << 29);

    private static final long TSC_ORIGIN = System.nanoTime();

    private CpuId() {}

    /** AT_HWCAP for x86-64: CPUID leaf 1 EDX. */
    public static long hwcap() { return LEAF1_EDX & 0xFFFF_FFFFL; }

    /** The time-stamp counter: nanoseconds since ring3 started. */
    public static long tsc() { return System.nanoTime() - TSC_ORIGIN; }

    public static void run(Cpu c) {
        int leaf = (int) c.r[Cpu.RAX];
        int sub = (int) c.r[Cpu.RCX];
        int[] r = leaf(leaf, sub);
        c.r[Cpu.RAX] = r[0] & 0xFFFF_FFFFL;
        c.r[Cpu.RBX] = r[1] & 0xFFFF_FFFFL;
        c.r[Cpu.RCX] = r[2] & 0xFFFF_FFFFL;
        c.r[Cpu.RDX] = r[3] & 0xFFFF_FFFFL;
    }

    /** EAX EBX ECX EDX for a leaf and subleaf. */
    static int[] leaf(int leaf, int sub) {
        return switch (leaf) {
            case 0 -> new int[] {7, word(VENDOR, 0), word(VENDOR, 8), word(VENDOR, 4)};
            // family 6, model 0, stepping 0; CLFLUSH line 8 * 8 = 64 bytes; one logical processor
            case 1 -> new int[] {0x600, (8 << 8) | (1 << 16), LEAF1_ECX, LEAF1_EDX};
            case 7 -> sub == 0 ? new int[] {0, LEAF7_EBX, 0, LEAF7_EDX} : new int[4];
            case 0x8000_0000 -> new int[] {0x8000_0008, 0, 0, 0};
            case 0x8000_0001 -> new int[] {0, 0, EXT1_ECX, EXT1_EDX};
            case 0x8000_0002, 0x8000_0003, 0x8000_0004 -> brand(leaf - 0x8000_0002);
            case 0x8000_0007 -> new int[] {0, 0, 0, 1 << 8};       // invariant TSC
            case 0x8000_0008 -> new int[] {0x3030, 0, 0, 0};        // 48-bit physical and virtual addresses
            default -> new int[4];
        };
    }

    private static int[] brand(int part) {
        byte[] b = new byte[48];
        byte[] s = BRAND.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(s, 0, b, 0, s.length);
        int[] r = new int[4];
        for (int k = 0; k < 4; k++) r[k] = word(b, part * 16 + k * 4);
        return r;
    }

    private static int word(String s, int off) { return word(s.getBytes(StandardCharsets.US_ASCII), off); }

    private static int word(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }
}
