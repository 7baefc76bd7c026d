package mydocker.ch05;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import mydocker.ch03.Container;
import mydocker.ch03.HostStep;

/** Records the container's pid and its start time as soon as init exists, for `ps`, `stop` and `exec`. */
final class StateFile implements HostStep {
    private final Path dir;

    StateFile(Path dir) {
        this.dir = dir;
    }

    @Override
    public void afterStart(Container container, int pid) {
        try {
            ContainerState.started(dir, pid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
