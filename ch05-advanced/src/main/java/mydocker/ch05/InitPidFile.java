package mydocker.ch05;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import mydocker.ch03.Container;
import mydocker.ch03.HostStep;
import mydocker.ch04.image.AtomicFile;

/**
 * {@code init.pid}: the detached container's first process, whom the shim
 * (mydocker-shim.c) waits for. Written before the user's command runs, so a
 * container that fills the disk at once still has it.
 */
final class InitPidFile implements HostStep {
    private final Path dir;

    InitPidFile(Path dir) {
        this.dir = dir;
    }

    @Override
    public void afterStart(Container container, int pid) {
        try {
            AtomicFile.write(dir.resolve(ContainerState.INIT_PID), (pid + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot record container " + container.id().substring(0, 12) + "'s pid in " + dir + ": "
                            + e.getMessage(),
                    e);
        }
    }
}
