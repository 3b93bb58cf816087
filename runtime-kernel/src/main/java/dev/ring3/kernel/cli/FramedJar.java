package dev.ring3.kernel.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the Java 5 class files of a jar (ASM's own: version 49, no stack map frames) as Java 8 class files with
 * frames computed, in place. The JVM's AOT cache cannot hold classes older than version 50 (they need the old
 * verifier), so without this every run of ring3 loaded, verified and linked ASM's classes at its first translation:
 * a static glibc program that does nothing took 300 instead of 270 ms (hash 16-24 ms longer), interleaved runs.
 * The launcher runs it on the ASM jar in {@code target/lib} after each build, before recording the AOT cache; the
 * jar in the Maven repository (the tests' class path) is left as published. Running it again changes nothing.
 *
 * <pre>java -cp ... dev.ring3.kernel.cli.FramedJar JAR...</pre>
 */
public final class FramedJar {
    private FramedJar() {}

    /** The class file version written, Java 8's (the AOT cache holds nothing older than 50). */
    static final int MIN_VERSION = Opcodes.V1_8;

    public static void main(String[] args) {
        int status = 0;
        for (String a : args) {
            try {
                upgrade(Path.of(a));
            } catch (IOException | RuntimeException e) {
                System.err.println("ring3: cannot upgrade the class files of " + a + ": " + e);
                status = 1;
            }
        }
        System.exit(status);
    }

    /** Rewrites {@code jar} if it holds class files older than {@link #MIN_VERSION}; returns how many it rewrote. */
    static int upgrade(Path jar) throws IOException {
        if (!needsUpgrade(jar)) return 0;
        Path tmp = Files.createTempFile(jar.toAbsolutePath().getParent(), ".framed", ".jar");
        int n = 0;
        try (InputStream in = Files.newInputStream(jar); ZipInputStream zin = new ZipInputStream(in);
             OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zout = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = zin.getNextEntry()) != null; ) {
                byte[] b = zin.readAllBytes();
                if (isClass(e) && version(b) < MIN_VERSION) {
                    b = framed(b);
                    n++;
                }
                zout.putNextEntry(new ZipEntry(e.getName()));
                zout.write(b);
                zout.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        try {
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(jar));   // (a temp file is 0600)
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return n;
    }

    private static boolean needsUpgrade(Path jar) throws IOException {
        try (InputStream in = Files.newInputStream(jar); ZipInputStream zin = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zin.getNextEntry()) != null; ) {
                if (isClass(e) && version(zin.readNBytes(8)) < MIN_VERSION) return true;
            }
        }
        return false;
    }

    private static boolean isClass(ZipEntry e) {
        return e.getName().endsWith(".class") && !e.getName().endsWith("module-info.class");
    }

    /** The major version of a class file (big-endian u2 at offset 6), or MIN_VERSION if it is not one. */
    static int version(byte[] b) {
        if (b.length < 8 || (b[0] & 0xff) != 0xca || (b[1] & 0xff) != 0xfe) return MIN_VERSION;
        return (b[6] & 0xff) << 8 | (b[7] & 0xff);
    }

    /** The class at {@link #MIN_VERSION} with its stack map frames computed (the rest unchanged). */
    static byte[] framed(byte[] b) {
        ClassReader cr = new ClassReader(b);
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
        cr.accept(new ClassVisitor(Opcodes.ASM9, cw) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                super.visit(MIN_VERSION, access, name, signature, superName, interfaces);
            }
        }, ClassReader.SKIP_FRAMES);
        return cw.toByteArray();
    }
}
