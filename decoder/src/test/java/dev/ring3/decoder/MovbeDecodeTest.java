package dev.ring3.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** MOVBE's operand size: 66 is an ordinary operand-size prefix there, not a mandatory one (SDM vol. 2, MOVBE). */
class MovbeDecodeTest {
    private static Insn decode(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int k = 0; k < b.length; k++) b[k] = (byte) bytes[k];
        return new Decoder().decode(CodeSource.of(b, 0x1000), 0x1000);
    }

    @Test
    void operandSizes() {
        Insn w = decode(0x66, 0x0f, 0x38, 0xf0, 0x06);   // movbe ax, word ptr [rsi]
        assertEquals(Op.MOVBE, w.op);
        assertEquals(2, w.osize);
        assertEquals(2, Operand.size(w.o0));
        assertEquals("movbe  ax,WORD PTR [rsi]", Printer.format(w));   // as objdump prints it
        Insn st = decode(0x66, 0x0f, 0x38, 0xf1, 0x06);  // movbe word ptr [rsi], ax
        assertEquals(2, st.osize);
        assertEquals(4, decode(0x0f, 0x38, 0xf0, 0x06).osize);
        assertEquals(8, decode(0x48, 0x0f, 0x38, 0xf1, 0x06).osize);
        Insn crc = decode(0x66, 0xf2, 0x0f, 0x38, 0xf1, 0xc1);   // crc32 eax, cx
        assertEquals("crc32", crc.mnemonic());
    }
}
