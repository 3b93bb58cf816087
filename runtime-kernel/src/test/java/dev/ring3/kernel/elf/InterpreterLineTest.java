package dev.ring3.kernel.elf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * "#!" lines read as Linux's binfmt_script.c reads them (the cases follow its code: where the line ends, how blanks
 * and NULs split the name from its one argument, when a line without a newline counts as cut). The whole path, from
 * a script through its interpreter to the program's argv, is checked against the host kernel in ExecTest.
 */
class InterpreterLineTest {
    private static String[] line(String text) { return ProgramImage.interpreterLine(text.getBytes(StandardCharsets.ISO_8859_1)); }

    @Test
    void nameAlone() {
        assertArrayEquals(new String[] {"/bin/sh", null}, line("#!/bin/sh\necho hi\n"));
        assertArrayEquals(new String[] {"/bin/sh", null}, line("#!/bin/sh"));
        assertArrayEquals(new String[] {"/bin/sh", null}, line("#!  \t/bin/sh \t \n"));
    }

    @Test
    void oneArgumentHoweverManyWords() {
        assertArrayEquals(new String[] {"/bin/sh", "-e"}, line("#! /bin/sh -e \n"));
        assertArrayEquals(new String[] {"/usr/bin/env", "python3 -u  x"}, line("#!/usr/bin/env\tpython3 -u  x\t\n"));
        assertArrayEquals(new String[] {"/bin/x", "a"}, line("#!/bin/x a\0b\n"));
        assertArrayEquals(new String[] {"/bin/x", ""}, line("#!/bin/x \0b\n"));
        assertArrayEquals(new String[] {"/bin/x", null}, line("#!/bin/x\0 b\n"));
    }

    @Test
    void noName() {
        assertNull(line("#!\n/bin/sh\n"));
        assertNull(line("#!   \t \n"));
        assertNull(line("#!" + " ".repeat(300)));
    }

    @Test
    void lineLongerThanTheBuffer() {
        // no newline in the first 256 bytes: the name must end before byte 255, the argument is cut there
        String arg = "a".repeat(300);
        assertArrayEquals(new String[] {"/bin/x", "a".repeat(255 - 9)}, line("#!/bin/x " + arg + "\n"));
        assertNull(line("#!/" + "n".repeat(300) + " arg\n"));
        String name = "/" + "n".repeat(251);   // ends at byte 253, a blank at 254: whole
        assertArrayEquals(new String[] {name, null}, line("#!" + name + " " + arg));
    }
}
