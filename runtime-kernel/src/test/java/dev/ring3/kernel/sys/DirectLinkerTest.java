package dev.ring3.kernel.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The translator's direct links and the dispatch switch agree: every "case NAME -> Area.method(t, c)" line of
 * x64_sys_call whose method is named as the system call is what DirectLinker links that number to, and numbers
 * the switch routes elsewhere are not linked by name to something else.
 */
class DirectLinkerTest {
    @Test
    void linksWhatTheSwitchCalls() throws Exception {
        String src = Files.readString(Path.of("src/main/java/dev/ring3/kernel/sys/Dispatch.java"));
        Matcher m = Pattern.compile("case ([A-Z0-9_, ]+) -> (\\w+)\\.(\\w+)\\(t, c\\);").matcher(src);
        DirectLinker linker = new DirectLinker();
        int linked = 0, cases = 0;
        while (m.find()) {
            for (String c : m.group(1).split(",\\s*")) {
                int nr = SyscallTable.number(c.toLowerCase());
                assertTrue(nr >= 0, c);
                cases++;
                var h = linker.handler(nr);
                if (m.group(3).equals(c.toLowerCase())) {
                    assertNotNull(h, "no direct link for " + c);
                    var info = MethodHandles.lookup().revealDirect(h);
                    assertEquals(m.group(2), info.getDeclaringClass().getSimpleName(), c);
                    assertEquals(m.group(3), info.getName(), c);
                    linked++;
                } else {
                    assertNull(h, c + " is dispatched to " + m.group(3) + " but linked by name");
                }
            }
        }
        assertTrue(cases > 90 && linked > 80, cases + " cases, " + linked + " linked");
        assertNull(linker.handler(100000));
        assertNull(linker.handler(SyscallTable.number("io_uring_setup")));
    }
}
