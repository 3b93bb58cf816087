package dev.ring3.jit.x87;

import static dev.ring3.jit.x87.X87Values.*;

import dev.ring3.jit.testing.DiffBatch;
import dev.ring3.jit.testing.State;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conversions against the host: FST/FSTP to m32 and m64 and FIST/FISTP/FISTTP to m16, m32 and m64 and FBSTP, from
 * 80-bit edge and random values under the four rounding modes; FLD m32/m64, FILD and FBLD from memory images.
 */
class ConvertDiffTest {
    @TempDir Path dir;

    /** Values around the integer and binary-format limits, where the stores overflow or round. */
    static List<long[]> storeValues() {
        List<long[]> v = values(1500, 40, 41);
        long[][] more = {
            {0xFFFF_0000_0000_0000L, 0x400D}, {0xFFFF_8000_0000_0000L, 0x400D}, {0xFFFF_4000_0000_0000L, 0xC00D},
            {0x8000_0000_0000_0000L, 0xC00E}, {0x8000_8000_0000_0000L, 0xC00E}, {0x8000_0000_0000_0000L, 0x400E},
            {0xFFFF_FFFF_0000_0000L, 0x401D}, {0xFFFF_FFFF_8000_0000L, 0x401D}, {0x8000_0000_0000_0000L, 0xC01E},
            {0x8000_0000_4000_0000L, 0xC01E}, {0x8000_0000_8000_0000L, 0xC01E}, {0x8000_0000_0000_0000L, 0x401E},
            {0xFFFF_FFFF_FFFF_FFFFL, 0x403D}, {0x8000_0000_0000_0000L, 0xC03E}, {0x8000_0000_0000_0001L, 0xC03E},
            {0x8000_0000_0000_0000L, 0x3FFE}, {0xC000_0000_0000_0000L, 0x3FFF}, {0xA000_0000_0000_0000L, 0x4000},
            {0xE000_0000_0000_0000L, 0xC000}, {0x8000_0000_0000_0001L, 0x3FFE}, {0xFFFF_FFFF_FFFF_FFFFL, 0x3FFD},
            {0xDE0B_6B3A_763F_FFFFL, 0x403A}, {0xDE0B_6B3A_7640_0000L, 0x403A}, {0xDE0B_6B3A_763F_FFF8L, 0xC03A},
            {0x8AC7_2304_89E7_FFFFL, 0x403C}, {0xFFFF_FFFF_FFFF_F800L, 0x43FE}, {0xFFFF_FFFF_FFFF_FC00L, 0x43FE},
            {0xFFFF_FF80_0000_0000L, 0x407E}, {0xFFFF_FF7F_FFFF_FFFFL, 0xC07E}, {0x8000_0000_0000_0000L, 0x3C00},
            {0xC000_0000_0000_0000L, 0x3BCD}, {0x8000_0000_0000_0001L, 0x3BCC}, {0x8000_0000_0000_0000L, 0x3BCB},
            {0xFFFF_FFFF_FFFF_FFFFL, 0x3C00}, {0xFFFF_FFFF_FFFF_F800L, 0x3C00}, {0xFFFF_FFFF_FFFF_FC00L, 0x3C00},
            {0x8000_0000_0000_0000L, 0x3F80}, {0xC000_0000_0000_0000L, 0x3F6A}, {0xFFFF_FF80_0000_0000L, 0x3F80},
        };
        v.addAll(List.of(more));
        return v;
    }

    @Test
    void stores() throws Exception {
        String[] stores = {"fst dword ptr [rbx+%d]", "fst qword ptr [rbx+%d]", "fist word ptr [rbx+%d]",
            "fist dword ptr [rbx+%d]", "fistp qword ptr [rbx+%d]\nfld tbyte ptr " + A,
            "fisttp word ptr [rbx+%d]\nfld tbyte ptr " + A, "fisttp dword ptr [rbx+%d]\nfld tbyte ptr " + A,
            "fisttp qword ptr [rbx+%d]\nfld tbyte ptr " + A, "fbstp tbyte ptr [rbx+%d]\nfld tbyte ptr " + A,
            "fstp dword ptr [rbx+%d]\nfld tbyte ptr " + A, "fistp word ptr [rbx+%d]\nfld tbyte ptr " + A};
        StringBuilder body = new StringBuilder("fld tbyte ptr " + A + "\n");
        for (int k = 0; k < stores.length; k++) {
            body.append("fnclex\n").append(String.format(stores[k], 16 * k)).append('\n');
            body.append("fnstsw word ptr [rbx+").append(16 * k + 12).append("]\n");
        }
        DiffBatch b = new DiffBatch(dir);
        b.add(perControlWord(roundingModes(), body.toString(), 16 * stores.length), singles(storeValues()), 0);
        // a store from an empty register: stack underflow, the indefinite in each format
        StringBuilder empty = new StringBuilder();
        for (int k = 0; k < stores.length; k++) {
            empty.append("fninit\n").append(String.format(stores[k], 16 * k).replace("\nfld tbyte ptr " + A, ""));
            empty.append("\nfnstsw word ptr [rbx+").append(16 * k + 12).append("]\n");
        }
        b.add(perControlWord(new int[] {0x37F}, empty.toString(), 0), new State(), 0);
        X87Diff.verify(b);
    }

    @Test
    void loads() throws Exception {
        List<Long> images = ArithFormsDiffTest.doubles(150, 42);
        SplittableRandom r = new SplittableRandom(43);
        List<State> states = new ArrayList<>();
        for (long v : images) {
            // the BCD image: random digits (and sometimes invalid nibbles), sign byte 0 or 0x80
            long bcd = r.nextInt(4) == 0 ? r.nextLong() : randomDigits(r);
            int hi = (r.nextInt(10) * 16 + r.nextInt(10)) | (r.nextBoolean() ? 0x8000 : 0) | (r.nextInt(8) == 0 ? 0x7F00 : 0);
            states.add(state(new long[] {v, 0}, new long[] {bcd, hi}));
        }
        String body = """
                fld dword ptr [0x20000000]
                fnstsw word ptr [rbx+10]
                fstp tbyte ptr [rbx]
                fld qword ptr [0x20000000]
                fnstsw word ptr [rbx+26]
                fstp tbyte ptr [rbx+16]
                fild word ptr [0x20000000]
                fstp tbyte ptr [rbx+32]
                fild dword ptr [0x20000000]
                fstp tbyte ptr [rbx+48]
                fild qword ptr [0x20000000]
                fstp tbyte ptr [rbx+64]
                fbld tbyte ptr [0x20000010]
                fnstsw word ptr [rbx+90]
                fstp tbyte ptr [rbx+80]
                """;
        DiffBatch b = new DiffBatch(dir);
        b.add(perControlWord(new int[] {0x37F, 0xF7F}, body, 96), states, 0);
        X87Diff.verify(b);
    }

    private static long randomDigits(SplittableRandom r) {
        long v = 0;
        for (int k = 0; k < 16; k++) v |= (long) r.nextInt(10) << (4 * k);
        return v;
    }
}
