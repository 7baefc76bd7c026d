package mydocker.ch03;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import mydocker.ch02.cgroups.CgroupManager;
import mydocker.ch02.cgroups.CgroupParent;

/**
 * A lock file per running container, {@code <exec root>/locks/<id>}, held by
 * the CLI for as long as the container runs. The kernel drops the lock when
 * the CLI dies, even by SIGKILL (and init's parent-death signal kills the
 * container then). So a lock file nobody holds marks a container whose CLI
 * was killed: the next {@code run} removes what it left, its cgroup — found
 * under the cgroup parent the lock file records.
 */
public final class ContainerLock implements HostStep {
    private final CgroupParent cgroupParent;
    /** A lock file not yet under its container's name ({@link #beforeStart}). */
    private static final String FRESH = ".new-";

    private FileChannel channel;
    private Path fresh;
    private Path file;

    public ContainerLock(CgroupParent cgroupParent) {
        this.cgroupParent = cgroupParent;
    }

    @Override
    public void beforeStart(Container container) {
        Path locks = Storage.execRoot().resolve("locks");
        try {
            Files.createDirectories(locks);
            removeLeftovers(locks);
            // Locked before it has its name: another run's sweep, which takes a lock file nobody
            // holds for a killed CLI's, must never find this one between its creation and its lock
            // (it did, with four runs at once). The link shares the locked file; it fails if the
            // name is taken, as CREATE_NEW would.
            fresh = locks.resolve(FRESH + container.id());
            channel = FileChannel.open(fresh, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            channel.lock();
            channel.write(ByteBuffer.wrap(cgroupParent.path().getBytes(StandardCharsets.UTF_8)));
            file = locks.resolve(container.id());
            Files.createLink(file, fresh);
            Files.delete(fresh);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the container's lock in " + locks + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void cleanUp(Container container) {
        try {
            if (channel != null) {
                channel.close();
            }
            if (file != null) {
                Files.deleteIfExists(file);
            }
            if (fresh != null) {
                Files.deleteIfExists(fresh);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What containers whose CLI was killed left, their cgroups: for any command
     * that cleans up (chapter 5's `rm` too), not only the next `run`.
     */
    public static void removeLeftovers() {
        Path locks = Storage.execRoot().resolve("locks");
        try {
            if (Files.isDirectory(locks)) {
                removeLeftovers(locks);
            }
        } catch (IOException e) {
            System.err.println("mydocker: warning: cannot look for leftovers in " + locks + ": " + e.getMessage());
        }
    }

    /**
     * Never fails the run that found them: at worst the next run tries again.
     * The dead container's last processes may still be leaving its group (its
     * parent-death signal has just been sent): {@link CgroupManager#destroy} waits for them.
     */
    private static void removeLeftoversOf(Path lockFile) throws IOException {
        String id = lockFile.getFileName().toString();
        try {
            CgroupManager.open(recordedParent(lockFile), id).destroy();
            Files.delete(lockFile);
            System.err.println("mydocker: removed the leftovers of container " + id + " (its CLI was killed)");
        } catch (RuntimeException e) {
            System.err.println("mydocker: warning: leftovers of container " + id + " remain: " + e.getMessage());
        }
    }

    /** The parent the lock file records; empty if the CLI was killed before it wrote it (and before it made a group). */
    private static CgroupParent recordedParent(Path lockFile) {
        try {
            String recorded = Files.readString(lockFile).strip();
            return recorded.isEmpty() ? CgroupParent.fromEnvironment() : CgroupParent.parse(recorded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void removeLeftovers(Path locks) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(locks)) {
            files = list.toList();
        }
        for (Path lockFile : files) {
            try (FileChannel other = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
                FileLock lock = other.tryLock();
                if (lock != null && lockFile.getFileName().toString().startsWith(FRESH)) {
                    Files.delete(lockFile); // its CLI was killed before it made anything
                } else if (lock != null) {
                    removeLeftoversOf(lockFile);
                }
            } catch (NoSuchFileException | OverlappingFileLockException e) {
                // another run removed it, or holds it
            }
        }
    }
}
