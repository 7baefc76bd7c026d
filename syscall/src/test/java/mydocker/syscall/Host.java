package mydocker.syscall;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Test helper: what a command run on the host prints, the way a reader checks the host from a shell. */
public final class Host {
    private Host() {}

    /**
     * The output (stdout and stderr, in order) of {@code command}, which must
     * succeed: a check that reads a failed command's output (iptables
     * missing, a device that is not there) would pass for the wrong reason.
     */
    public static String run(String... command) {
        Process p;
        try {
            p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChapterProgram.Result r = ChapterProgram.finish(p, command);
        if (r.exitCode() != 0) {
            throw new AssertionError(String.join(" ", List.of(command)) + " failed:\n" + r);
        }
        return r.stdout();
    }
}
