package mydocker.ch07.oci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import mydocker.ch03.InitStep;
import mydocker.syscall.Syscall;

/**
 * {@code process.cwd}: where the process starts. After pivot_root, so the path
 * is the container's own; made if missing, as runc does.
 */
final class WorkingDirectory implements InitStep {
    private final String cwd;

    WorkingDirectory(String cwd) {
        this.cwd = cwd;
    }

    @Override
    public void run() {
        try {
            Files.createDirectories(Path.of(cwd));
        } catch (IOException e) {
            throw new UncheckedIOException("process.cwd " + cwd + ": " + e.getMessage(), e);
        }
        Syscall.chdir(cwd);
    }
}
