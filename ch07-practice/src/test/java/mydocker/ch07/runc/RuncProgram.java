package mydocker.ch07.runc;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mydocker.ch07.Runc;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.SelfExec;

/**
 * {@code mydocker-runc --root ROOT ...} as an engine runs it, with the test's
 * own state root. Its output goes to files, not pipes: after {@code create}
 * the container's init holds the same stdout and stderr (an engine hands the
 * runtime its container's stdio so), and a pipe would not end until the container does.
 */
final class RuncProgram {
    private static final long TIMEOUT_SECONDS = 60;
    private final Path root;
    private final Path output;
    private int runs;

    RuncProgram(Path root, Path output) {
        this.root = root;
        this.output = output;
    }

    /**
     * The runtime with its state root in {@code dir}, and a bundle at
     * {@code dir/bundle}: busybox and {@code applets} (relative links to it, so
     * they resolve inside the container) in its rootfs, and config.json as
     * {@code spec} writes it.
     */
    static RuncProgram withBusyboxBundle(Path dir, String... applets) throws IOException {
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        Path bin = Files.createDirectories(bundle.resolve("rootfs/bin"));
        Files.copy(Path.of("/bin/busybox"), bin.resolve("busybox"));
        for (String applet : applets) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
        RuncProgram runc = new RuncProgram(dir.resolve("root"), Files.createDirectories(dir.resolve("output")));
        runc.ok("spec", "--bundle", bundle.toString());
        return runc;
    }

    Path root() {
        return root;
    }

    /** {@code delete --force} of every container its root still holds: after a test, passed or failed. */
    void deleteAll() throws IOException {
        try (Stream<Path> left = Files.isDirectory(root) ? Files.list(root) : Stream.empty()) {
            for (Path container : left.toList()) {
                run("delete", "--force", container.getFileName().toString());
            }
        }
    }

    Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("--root", root.toString()));
        all.addAll(List.of(args));
        Path out = output.resolve("out-" + runs);
        Path err = output.resolve("err-" + runs++);
        try {
            Process p = new ProcessBuilder(SelfExec.command(Runc.class, all.toArray(String[]::new)))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("timed out: mydocker-runc " + String.join(" ", all));
            }
            return new Result(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Where the last command's stdout went: after a {@code create}, the container's too. */
    Path lastStdout() {
        return output.resolve("out-" + (runs - 1));
    }

    Result ok(String... args) {
        Result r = run(args);
        if (r.exitCode() != 0) {
            throw new AssertionError("mydocker-runc " + String.join(" ", args) + " failed:\n" + r);
        }
        return r;
    }
}
