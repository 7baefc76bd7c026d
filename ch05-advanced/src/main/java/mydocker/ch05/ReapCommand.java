package mydocker.ch05;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import mydocker.ch02.cgroups.CgroupManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * What the shim runs once a detached container has ended and its exit is
 * recorded: removes the container's cgroup and gives back what the chapter
 * holds for it ({@link Engine#release}: chapter 6's address), as containerd's
 * shim runs {@code runc delete}. So the cgroup code stays in one place, chapter 2's
 * {@link CgroupManager}, and the shim stays a small C program that only
 * waits (BOOK-NOTES, chapter 5: the reaper).
 *
 * <p>Only if it gets the container's start lock at once: whoever holds it
 * owns the group now, a `start` that makes it again or an `rm` that removes
 * it (and waits for the shim, so the reaper must not wait for it).
 */
@Command(name = ReapCommand.NAME, hidden = true)
public final class ReapCommand implements Callable<Integer> {
    public static final String NAME = "__reap";

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    private final Engine engine;

    public ReapCommand(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Integer call() throws IOException {
        String container;
        try {
            container = Containers.find(id).id();
        } catch (IllegalArgumentException removed) {
            return 0; // `rm` was first, and removed the group too
        }
        Path dir = Containers.dir(container);
        try (FileChannel lock = Containers.tryStartLock(container)) {
            if (lock != null
                    && Files.isDirectory(dir)
                    && !ContainerState.of(dir).running()) {
                RecordedCgroups.open(dir, container).ifPresent(CgroupManager::destroy);
                engine.release(dir);
            }
        }
        return 0;
    }
}
