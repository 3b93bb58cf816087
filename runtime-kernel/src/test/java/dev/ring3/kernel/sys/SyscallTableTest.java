package dev.ring3.kernel.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The committed syscall table is exactly the host's asm/unistd_64.h (regenerate with tools/gen-syscall-table.sh). */
class SyscallTableTest {
    @Test
    void matchesHostHeader() throws Exception {
        Path h = Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h");
        if (!Files.exists(h)) h = Path.of("/usr/include/asm/unistd_64.h");
        Pattern p = Pattern.compile("^#define __NR_([a-z0-9_]+) ([0-9]+)$");
        int count = 0, max = 0;
        for (String line : Files.readAllLines(h)) {
            Matcher m = p.matcher(line);
            if (!m.matches()) continue;
            int nr = Integer.parseInt(m.group(2));
            assertEquals(m.group(1), SyscallTable.name(nr), "name of syscall " + nr);
            assertEquals(nr, SyscallTable.number(m.group(1)));
            count++;
            max = Math.max(max, nr);
        }
        assertTrue(count > 350, "header has " + count + " syscalls");
        assertEquals(max, SyscallTable.MAX);
        assertNull(SyscallTable.name(-1));
        assertNull(SyscallTable.name(100000));
        assertEquals(0, SyscallTable.READ);
        assertEquals(231, SyscallTable.EXIT_GROUP);
    }
}
