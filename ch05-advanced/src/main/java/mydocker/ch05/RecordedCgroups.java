package mydocker.ch05;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mydocker.syscall.Syscall;
import mydocker.syscall.SyscallException;

/**
 * {@code containers/<id>/cgroups}: the container's cgroup directories, one a
 * line, written before its command runs. The shim removes them when the
 * container ends; `rm` does, if the shim could not (killed), and `rm -f` of a
 * container whose state.json is broken finds its processes there.
 *
 * <p>The file is read as untrusted: a line counts only if it is a cgroup
 * directory of this very container (under /sys/fs/cgroup, named by its ID),
 * so a garbled file can never make `rm` remove or kill anything else.
 */
final class RecordedCgroups {
    static final String FILE = "cgroups";
    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

    private RecordedCgroups() {}

    static void write(Path dir, List<Path> groups) throws IOException {
        Files.write(dir.resolve(FILE), groups.stream().map(Path::toString).toList());
    }

    /** The container's groups as recorded; none if the file is missing. */
    static List<Path> of(Path dir, String id) throws IOException {
        List<Path> groups = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(dir.resolve(FILE));
        } catch (IOException e) {
            return groups; // missing, or garbled beyond reading (not text)
        }
        for (String line : lines) {
            if (line.startsWith("/")) {
                Path group = Path.of(line).normalize();
                if (group.startsWith(CGROUP_ROOT)
                        && group.getFileName().toString().equals(id)) {
                    groups.add(group);
                }
            }
        }
        return groups;
    }

    /** SIGKILL to every process in the groups: what is left of a container nothing else can stop. */
    static void killAll(List<Path> groups) {
        for (Path group : groups) {
            for (int pid : pids(group)) {
                try {
                    Syscall.kill(pid, Syscall.SIGKILL);
                } catch (SyscallException e) {
                    // it has just exited
                }
            }
        }
    }

    /**
     * Removes the groups, and the default parent when it is empty (as the shim does);
     * their last processes may still be exiting, so a busy group is tried again
     * for up to two seconds.
     */
    static void remove(List<Path> groups) throws IOException, InterruptedException {
        for (Path group : groups) {
            for (int tries = 0; ; tries++) {
                try {
                    Files.deleteIfExists(group);
                    break;
                } catch (FileSystemException e) {
                    if (!Files.exists(group)) {
                        break; // the shim removed it meanwhile
                    }
                    if (tries == 100) {
                        throw new IOException(
                                "cannot remove cgroup " + group + ": " + e.getReason() + " (processes still in it: "
                                        + pids(group) + ")",
                                e);
                    }
                    Thread.sleep(20);
                }
            }
            if (isDefaultParent(group.getParent())) {
                try {
                    Files.deleteIfExists(group.getParent());
                } catch (FileSystemException e) {
                    // other containers' groups are in it (a cgroup directory says EBUSY, not ENOTEMPTY)
                }
            }
        }
    }

    /**
     * The default parent, {@code mydocker/} right under a hierarchy's root, as
     * the shim decides it: a parent named with --cgroup-parent may be someone
     * else's, never ours to remove. A hierarchy's root is a group (it has
     * cgroup.procs) whose own parent directory is not one.
     */
    private static boolean isDefaultParent(Path parent) {
        Path root = parent.getParent();
        return parent.getFileName().toString().equals("mydocker")
                && root != null
                && root.getParent() != null
                && Files.exists(root.resolve("cgroup.procs"))
                && !Files.exists(root.getParent().resolve("cgroup.procs"));
    }

    /** None once the group is gone or going (the shim may be removing it: ENOENT, ENODEV). */
    private static List<Integer> pids(Path group) {
        try {
            return Files.readAllLines(group.resolve("cgroup.procs")).stream()
                    .filter(l -> !l.isBlank())
                    .map(l -> Integer.parseInt(l.strip()))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
