package dev.ring3.jit.x87;

import dev.ring3.jit.testing.DiffBatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opentest4j.AssertionFailedError;

/** Runs a {@link DiffBatch} and shortens its failure report: long snippets are cut to their first x87 line. */
final class X87Diff {
    private static final Pattern SNIPPET = Pattern.compile("`([^`]*)`", Pattern.DOTALL);

    private X87Diff() {}

    static int verify(DiffBatch b) throws Exception {
        try {
            return b.verify();
        } catch (AssertionFailedError e) {
            Matcher m = SNIPPET.matcher(e.getMessage());
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String asm = m.group(1);
                String shortened = asm.length() < 200 ? asm : summary(asm);
                m.appendReplacement(sb, Matcher.quoteReplacement("`" + shortened + "`"));
            }
            m.appendTail(sb);
            throw new AssertionFailedError(sb.toString());
        }
    }

    /** The distinctive lines of a generated snippet: those that are not the shared set-up. */
    private static String summary(String asm) {
        StringBuilder s = new StringBuilder();
        for (String line : asm.split("\n")) {
            String l = line.trim();
            if (l.startsWith("mov ") || l.startsWith("fninit") || l.startsWith("fldcw word ptr [0x20000040")
                    || l.startsWith("fld tbyte ptr [0x200000") || l.startsWith("fnstsw word ptr [rbx")
                    || l.startsWith("fstp tbyte ptr [rbx") || l.isEmpty() || l.startsWith("xor ecx")
                    || l.startsWith("add rbx") || l.startsWith("inc ecx") || l.startsWith("cmp ecx")
                    || l.startsWith("jne 1b") || l.equals("1:")) continue;
            if (s.length() > 0) s.append(" | ");
            s.append(l);
            if (s.length() > 160) return s.append(" ...").toString();
        }
        return s.toString();
    }
}
