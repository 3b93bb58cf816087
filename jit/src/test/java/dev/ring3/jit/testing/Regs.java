package dev.ring3.jit.testing;

/** Register names and flag formatting for test messages. */
public final class Regs {
    public static final String[] NAMES = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};

    private Regs() {}

    public static int index(String name) {
        for (int k = 0; k < 16; k++) if (NAMES[k].equals(name)) return k;
        throw new IllegalArgumentException("no register " + name);
    }

    public static String flags(long f) {
        StringBuilder sb = new StringBuilder();
        if ((f & 0x001) != 0) sb.append("CF ");
        if ((f & 0x004) != 0) sb.append("PF ");
        if ((f & 0x010) != 0) sb.append("AF ");
        if ((f & 0x040) != 0) sb.append("ZF ");
        if ((f & 0x080) != 0) sb.append("SF ");
        if ((f & 0x400) != 0) sb.append("DF ");
        if ((f & 0x800) != 0) sb.append("OF ");
        return "[" + sb.toString().trim() + "]";
    }
}
