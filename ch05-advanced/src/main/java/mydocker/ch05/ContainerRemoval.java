package mydocker.ch05;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import mydocker.ch02.cgroups.CgroupManager;
import mydocker.ch04.CorruptFileException;
import mydocker.ch04.image.Trees;

/**
 * Takes a container off the host (book 5.6), in the reverse order of its
 * making: its processes, what a later chapter gave it, its cgroups, its
 * directory, its start lock. Used by `rm`, and by `run -d` when the start
 * failed, so a failed start leaves exactly what an `rm` would.
 *
 * <p>Every step can be done again, and the directory leaves sight in one
 * rename before its files go: an `rm` killed at any moment leaves either a
 * container that the next `rm` removes, or scratch that the next command
 * sweeps ({@link Containers#removeLeftovers}). Only what each file says is
 * trusted, each checked as it is read: a container with a broken config.json
 * or state.json is removed all the same.
 */
public final class ContainerRemoval {
    private ContainerRemoval() {}

    /** @param engine what the chapter gives back when a container goes ({@link Engine#release}) */
    public static void remove(Containers.Found container, boolean force, Engine engine)
            throws IOException, InterruptedException {
        String id = container.id();
        try (FileChannel lock = Containers.startLock(id)) {
            Path dir = Containers.dir(id);
            if (!Files.isDirectory(dir)) {
                return; // another rm was first
            }
            Optional<CgroupManager> cgroup = cgroupOf(container, dir, force);
            if (force) {
                stop(id, dir);
                cgroup.ifPresent(CgroupManager::kill); // any process left, whatever state.json says
            } else {
                refuseIfRunning(id, dir);
            }
            waitForShim(id, dir);
            engine.release(dir);
            // Also when the reaper has done it or is doing it: a group already gone is fine.
            cgroup.ifPresent(CgroupManager::destroy);
            Path hidden = Containers.hide(id);
            Containers.forgetStartLock(id);
            Trees.delete(hidden);
        }
        Containers.removeLeftovers();
    }

    /**
     * The group its record names. A corrupt record is refused by `rm` (it names
     * the file, as for the other state files); `rm -f` says so and opens the
     * group by the parent config.json names instead, which touches nothing
     * but this container's own group.
     */
    private static Optional<CgroupManager> cgroupOf(Containers.Found container, Path dir, boolean force)
            throws IOException {
        try {
            return RecordedCgroups.open(dir, container.id());
        } catch (CorruptFileException e) {
            if (!force) {
                throw new IllegalStateException(Containers.problem(container.id(), e));
            }
            if (container.config() == null) {
                System.err.println(
                        "mydocker: warning: container " + container.id().substring(0, 12) + ": " + e.getMessage()
                                + ", and config.json too: its cgroup, if it has one, is left");
                return Optional.empty();
            }
            System.err.println("mydocker: warning: container " + container.id().substring(0, 12) + ": " + e.getMessage()
                    + ": its cgroup is found by its parent instead");
            return Optional.of(CgroupManager.open(container.config().cgroupParent(), container.id()));
        }
    }

    /**
     * A stopped container's shim lives on while its reaper runs; the reaper
     * leaves the group to us (we hold the start lock), and the shim's lock
     * (mydocker-shim.c) is dropped by the kernel when it exits. Bounded: a
     * container nothing could stop (no state, no cgroup record) keeps its shim.
     */
    private static void waitForShim(String id, Path dir) throws IOException, InterruptedException {
        Path lockFile = dir.resolve(DetachedStart.SHIM_LOCK);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel shim = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            for (int tries = 0; shim.tryLock() == null; tries++) {
                if (tries == 200) {
                    System.err.println("mydocker: warning: the shim of container " + id.substring(0, 12)
                            + " is still running after 10 s: it holds " + lockFile);
                    return;
                }
                Thread.sleep(50);
            }
        }
    }

    /** As `stop -t 0` when state.json can be read; otherwise the kill of the cgroups' processes does it. */
    private static void stop(String id, Path dir) throws IOException, InterruptedException {
        ContainerState state;
        try {
            state = ContainerState.of(dir);
        } catch (CorruptFileException e) {
            return;
        }
        if (state.running()) {
            StopCommand.stop(id, 0);
        }
    }

    private static void refuseIfRunning(String id, Path dir) throws IOException {
        ContainerState state;
        try {
            state = ContainerState.of(dir);
        } catch (CorruptFileException e) {
            throw new IllegalStateException(Containers.problem(id, e));
        }
        if (state.running()) {
            throw new IllegalStateException("You cannot remove a running container " + id
                    + ". Stop the container before attempting removal or force remove (rm -f)");
        }
    }
}
