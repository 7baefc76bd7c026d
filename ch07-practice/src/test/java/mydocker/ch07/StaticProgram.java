package mydocker.ch07;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small C program for a test to run inside busybox's root: linked
 * statically, since that root has no libc (gcc and libc6-dev come from
 * scripts/install-deps.sh, as for chapter 4's chroot escape).
 */
final class StaticProgram {
    private StaticProgram() {}

    /** {@code dir/name}, compiled from {@code source}. */
    static Path compile(Path dir, String name, String source) throws IOException, InterruptedException {
        Path c = dir.resolve(name + ".c");
        Files.writeString(c, source);
        Path program = dir.resolve(name);
        Process gcc = new ProcessBuilder("gcc", "-static", "-O2", "-o", program.toString(), c.toString())
                .inheritIO()
                .start();
        assertTrue(gcc.waitFor(120, TimeUnit.SECONDS) && gcc.exitValue() == 0, "gcc " + c);
        return program;
    }
}
