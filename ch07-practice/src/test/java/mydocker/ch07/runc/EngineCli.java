package mydocker.ch07.runc;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mydocker.ch04.image.Trees;
import mydocker.ch07.Main;
import mydocker.syscall.ChapterProgram;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Host;

/**
 * An engine's own command line (ctr, docker, podman) as the engine tests run
 * it, with the flags that point it at the test's daemon or roots: stdin
 * /dev/null, output and exit code collected. Also what those tests share
 * around it: busybox saved by this chapter, and leaving the host as found.
 */
final class EngineCli {
    /** The runtime the engines are given, by absolute path, as engines call it. */
    static final Path RUNTIME = Path.of("").toAbsolutePath().getParent().resolve("mydocker-runc");

    private static final long TERMINAL_TIMEOUT_SECONDS = 120;
    private final List<String> prefix;

    EngineCli(List<String> prefix) {
        this.prefix = List.copyOf(prefix);
    }

    Result run(String... args) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(all)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            String out = new String(p.getInputStream().readAllBytes());
            String err = new String(p.getErrorStream().readAllBytes());
            p.waitFor();
            return new Result(p.exitValue(), out, err);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * The command run in a terminal, as a user at a keyboard runs
     * {@code docker run -it}: util-linux's {@code script} gives it a pty, and
     * {@code typed} is typed into it. Stdin stays open until the command ends
     * (an end of file would be a Ctrl-D to the container). What the terminal
     * showed comes back as stdout, with script's exit code, the command's.
     */
    Result inTerminal(String typed, String... args) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(List.of(args));
        String commandLine =
                String.join(" ", all.stream().map(a -> "'" + a + "'").toList());
        try {
            Process p = new ProcessBuilder("script", "-qfec", commandLine, "/dev/null").start();
            p.getOutputStream().write(typed.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().flush();
            CompletableFuture<byte[]> shown = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            if (!p.waitFor(TERMINAL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("timed out in a terminal: " + commandLine + "\n"
                        + new String(shown.getNow(new byte[0]), StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            return new Result(
                    p.exitValue(),
                    new String(shown.get(), StandardCharsets.UTF_8),
                    new String(err.get(), StandardCharsets.UTF_8));
        } catch (IOException | ExecutionException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Like {@link #run}, and it must succeed: a failure fails the test, showing its output. */
    Result ok(String... args) {
        Result r = run(args);
        if (r.exitCode() != 0) {
            throw new AssertionError(String.join(" ", prefix) + " " + String.join(" ", args) + " failed:\n" + r);
        }
        return r;
    }

    /** busybox as chapter 4's `save` writes it (docker-save format), in {@code dir}; every engine loads it. */
    static Path savedBusybox(Path dir) {
        Path image = dir.resolve("busybox.tar");
        ChapterProgram.ok(
                Main.class,
                Map.of(
                        "MYDOCKER_ROOT", dir.resolve("md-root").toString(),
                        "MYDOCKER_EXEC_ROOT", dir.resolve("md-exec").toString()),
                "save",
                "-o",
                image.toString(),
                "busybox");
        return image;
    }

    /** Of {@code paths}, those that do not exist yet: what an engine will make, for the test to remove. */
    static List<Path> missing(List<Path> paths) {
        return paths.stream().filter(p -> !Files.exists(p)).toList();
    }

    /** Unmounts whatever the engine left mounted under {@code dir} (deepest first), and removes {@code made}. */
    static void leaveHostAsFound(Path dir, List<Path> made) throws IOException {
        Host.run("sh", "-c", "grep -o ' " + dir + "[^ ]*' /proc/self/mountinfo | sort -r | xargs -r -n1 umount -l");
        for (Path p : made) {
            Trees.delete(p);
        }
    }
}
