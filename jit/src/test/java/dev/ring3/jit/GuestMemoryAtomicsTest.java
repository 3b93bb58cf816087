package dev.ring3.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Byte and word compare-and-exchange (LOCK-prefixed 8- and 16-bit operations) on guest memory. */
class GuestMemoryAtomicsTest {
    private static final long A = 0x20000;

    @Test
    void narrowCompareAndExchangeTouchesOnlyItsBytes() {
        GuestMemory m = GuestMemory.reserve(0x40000);
        try {
            for (int off = 0; off < 8; off++) {
                for (int size : new int[] {1, 2}) {
                    m.write64(A, 0x8877_6655_4433_2211L);
                    m.write64(A + 8, 0xffee_ddcc_bbaa_9988L);
                    long before = m.read(A + off, size);
                    long lo = m.read64(A), hi = m.read64(A + 8);
                    // failing exchange: returns the value, changes nothing
                    assertEquals(before, m.cmpxchg(A + off, size, before ^ 1, 0x5a5a));
                    assertEquals(lo, m.read64(A));
                    assertEquals(hi, m.read64(A + 8));
                    // succeeding exchange: only the operand's bytes change
                    assertEquals(before, m.cmpxchg(A + off, size, before | ~0xffffL, 0xa5a5));
                    assertEquals(0xa5a5 & GuestMemory.mask(size), m.read(A + off, size));
                    long changed = GuestMemory.mask(size) << (8 * off);
                    long[] expect = {lo, hi};
                    if (off < 8) expect[0] = (lo & ~changed) | ((0xa5a5L & GuestMemory.mask(size)) << (8 * off));
                    if (off == 7 && size == 2) expect[1] = (hi & ~0xffL) | 0xa5;
                    assertEquals(expect[0], m.read64(A), "offset " + off + " size " + size);
                    assertEquals(expect[1], m.read64(A + 8), "offset " + off + " size " + size);
                }
            }
        } finally {
            m.release();
        }
    }

    @Test
    void adjacentByteIncrementsFromTwoThreadsAreNotLost() throws Exception {
        GuestMemory m = GuestMemory.reserve(0x40000);
        try {
            int n = 200_000;
            Thread[] t = new Thread[4];
            for (int k = 0; k < t.length; k++) {
                long addr = A + k;   // four bytes of one 32-bit word
                t[k] = new Thread(() -> {
                    for (int j = 0; j < n; j++) m.fetchAdd(addr, 1, 1);
                });
                t[k].start();
            }
            for (Thread x : t) x.join();
            for (int k = 0; k < t.length; k++) assertEquals(n & 0xff, m.read8(A + k), "byte " + k);
            Thread w0 = new Thread(() -> { for (int j = 0; j < n; j++) m.fetchAdd(A + 8, 2, 1); });
            Thread w1 = new Thread(() -> { for (int j = 0; j < n; j++) m.fetchAdd(A + 10, 2, 3); });
            w0.start(); w1.start(); w0.join(); w1.join();
            assertEquals(n & 0xffff, m.read16(A + 8));
            assertEquals((3 * n) & 0xffff, m.read16(A + 10));
        } finally {
            m.release();
        }
    }
}
