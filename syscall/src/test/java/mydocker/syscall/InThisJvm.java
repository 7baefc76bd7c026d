package mydocker.syscall;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;
import mydocker.syscall.ChapterProgram.Result;

/**
 * Test helper: runs a chapter's command line in this JVM (picocli's parsing
 * and the bad-input path, which need no root and no second JVM) and returns
 * its exit code and what it printed, as {@link ChapterProgram} does for a JVM of its own.
 */
public final class InThisJvm {
    private InThisJvm() {}

    public static synchronized Result run(IntSupplier program) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            int exit = program.getAsInt();
            return new Result(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
