package dev.ring3.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The launcher's rewrite of ASM's Java 5 class files (for the AOT cache): old classes come out at version 52 with
 * frames the JVM's type-checking verifier accepts (loading them runs it; without frames it throws VerifyError), newer
 * classes and resources come out byte for byte, and a second run changes nothing.
 */
class FramedJarTest {
    @TempDir Path dir;

    @Test
    void oldClassesGetFramesOthersStay() throws Exception {
        byte[] old = maxClass("t/Max", Opcodes.V1_5), modern = maxClass("t/Modern", Opcodes.V17);
        byte[] text = "not a class".getBytes();
        Path jar = dir.resolve("x.jar");
        write(jar, Map.of("t/Max.class", old, "t/Modern.class", modern, "META-INF/notes.txt", text));

        assertEquals(1, FramedJar.upgrade(jar));
        Map<String, byte[]> out = read(jar);
        assertEquals(52, FramedJar.version(out.get("t/Max.class")));
        assertArrayEquals(modern, out.get("t/Modern.class"));
        assertArrayEquals(text, out.get("META-INF/notes.txt"));
        try (URLClassLoader l = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Class<?> c = Class.forName("t.Max", true, l);
            var max = c.getMethod("max", int.class, int.class);
            assertEquals(7, max.invoke(null, 3, 7));
            assertEquals(9, max.invoke(null, 9, 2));
        }

        byte[] once = Files.readAllBytes(jar);
        assertEquals(0, FramedJar.upgrade(jar));
        assertArrayEquals(once, Files.readAllBytes(jar));
    }

    /** ASM's own jar, as the launcher rewrites it: every class loads and passes verification. */
    @Test
    void asmItself() throws Exception {
        Path asm = Path.of(ClassWriter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = dir.resolve("asm.jar");
        Files.copy(asm, jar);
        assertTrue(FramedJar.upgrade(jar) > 20);
        List<String> names = new ArrayList<>();
        for (var e : read(jar).entrySet()) {
            if (!e.getKey().endsWith(".class") || e.getKey().endsWith("module-info.class")) continue;
            assertTrue(FramedJar.version(e.getValue()) >= 52, e.getKey());
            names.add(e.getKey().replace('/', '.').replace(".class", ""));
        }
        try (URLClassLoader l = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            for (String n : names) Class.forName(n, true, l);   // links, so verifies
        }
    }

    /** A class with {@code static int max(int, int)}: a branch, so at version 50+ it needs a stack map frame. */
    private static byte[] maxClass(String name, int version) {
        ClassWriter cw = new ClassWriter(version >= Opcodes.V1_7 ? ClassWriter.COMPUTE_FRAMES : ClassWriter.COMPUTE_MAXS);
        cw.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "max", "(II)I", null, null);
        mv.visitCode();
        Label second = new Label();
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitVarInsn(Opcodes.ILOAD, 1);
        mv.visitJumpInsn(Opcodes.IF_ICMPLT, second);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitLabel(second);
        mv.visitVarInsn(Opcodes.ILOAD, 1);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static void write(Path jar, Map<String, byte[]> entries) throws IOException {
        try (OutputStream o = Files.newOutputStream(jar); ZipOutputStream z = new ZipOutputStream(o)) {
            for (var e : new java.util.TreeMap<>(entries).entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
    }

    private static Map<String, byte[]> read(Path jar) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (InputStream i = Files.newInputStream(jar); ZipInputStream z = new ZipInputStream(i)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) m.put(e.getName(), z.readAllBytes());
        }
        return m;
    }
}
