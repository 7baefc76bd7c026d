package mydocker.syscall;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a chapter's program as the reader does, in its own JVM started through
 * {@link SelfExec} (the same command line the chapters use to re-exec
 * themselves), and returns its exit code and output.
 */
public final class ChapterProgram {
    /** How long a test waits for a program, or for anything a program does, before it gives up. */
    static final long TIMEOUT_SECONDS = 120;

    private ChapterProgram() {}

    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    public static Result run(Class<?> main, String... args) {
        return run(main, Map.of(), args);
    }

    /** With {@code env} added to the environment (e.g. a test's own MYDOCKER_ROOT). */
    public static Result run(Class<?> main, Map<String, String> env, String... args) {
        return finish(start(main, env, args), args);
    }

    /** Like {@link #run}, and the program must succeed: a failure fails the test, showing its output. */
    public static Result ok(Class<?> main, Map<String, String> env, String... args) {
        Result r = run(main, env, args);
        if (r.exitCode() != 0) {
            throw new AssertionError("mydocker " + String.join(" ", args) + " failed:\n" + r);
        }
        return r;
    }

    /** Starts the program and returns at once, for tests that act on it while it runs. */
    public static Process start(Class<?> main, Map<String, String> env, String... args) {
        try {
            ProcessBuilder builder = new ProcessBuilder(SelfExec.command(main, args))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            // Every program a test starts makes its cgroups under the test JVM's own parent.
            builder.environment().put(TestCgroups.ENV, TestCgroups.PARENT);
            builder.environment().putAll(env);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Like {@link #start}, on a terminal of its own: util-linux's
     * {@code script} runs it on a new pseudo-terminal (its stdin, stdout and
     * stderr), as a user at a terminal would.
     */
    public static Process startOnTerminal(Class<?> main, Map<String, String> env, String... args) {
        StringBuilder command = new StringBuilder();
        for (String word : SelfExec.command(main, args)) {
            command.append(" '").append(word.replace("'", "'\\''")).append('\'');
        }
        try {
            ProcessBuilder builder = new ProcessBuilder(
                            "script", "-qec", command.toString().strip(), "/dev/null")
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(env);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for a started program and collects its output. */
    public static Result finish(Process process, String... args) {
        return finish(process, TIMEOUT_SECONDS, args);
    }

    /** The same, for a program that may take longer (the launcher, which may build the project first). */
    public static Result finish(Process process, long timeoutSeconds, String... args) {
        try {
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("timed out after " + timeoutSeconds + "s: " + String.join(" ", args));
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
