package mydocker.syscall;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The cgroup parent of this test JVM's containers and demos, given to every
 * program {@link ChapterProgram} starts as {@code MYDOCKER_CGROUP_PARENT}:
 * tests check only the groups they made, so another mydocker on the machine
 * (a reader's container, another test run) cannot fail them, and they cannot
 * touch its groups. Removed at the end of the JVM once empty.
 */
public final class TestCgroups {
    public static final String ENV = "MYDOCKER_CGROUP_PARENT";
    public static final String PARENT =
            "mydocker-test-" + ProcessHandle.current().pid();
    private static final Path ROOT = Path.of("/sys/fs/cgroup");

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestCgroups::removeParent));
    }

    private TestCgroups() {}

    /** Groups left under this JVM's parent, in any hierarchy (v1: one per controller; v2: one). */
    public static List<Path> left() {
        return groups(g -> g.getParent().getFileName() != null
                && g.getParent().getFileName().toString().equals(PARENT));
    }

    /** The groups named {@code name} (a container's ID), under any parent, in any hierarchy. */
    public static List<Path> named(String name) {
        return groups(g -> g.getFileName().toString().equals(name));
    }

    /**
     * Walks parent/name deep in each hierarchy (v1's /sys/fs/cgroup/CONTROLLER,
     * v2's /sys/fs/cgroup). Other programs' groups come and go meanwhile (a
     * container's reaper, another test run): a directory that vanishes under
     * the walk is walked again, never an error.
     */
    private static List<Path> groups(Predicate<Path> wanted) {
        for (int tries = 1; ; tries++) {
            try (Stream<Path> all = Files.walk(ROOT, 4)) {
                return all.filter(p -> p.getParent() != null && Files.isDirectory(p))
                        .filter(wanted)
                        .toList();
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof NoSuchFileException) || tries == 10) {
                    throw e;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The group of container or demo {@code name}: in v1's {@code controller} hierarchy, or v2's one. */
    public static Path group(String controller, String name) {
        // A v2 host's /sys/fs/cgroup is the cgroup2 root; a v1 (or hybrid) host's is a tmpfs of hierarchies.
        boolean v2 = Files.exists(ROOT.resolve("cgroup.controllers"));
        return (v2 ? ROOT : ROOT.resolve(controller)).resolve(PARENT).resolve(name);
    }

    /** rmdir of the parent in each hierarchy; a parent with a group left in it stays (the leak check sees it). */
    private static void removeParent() {
        try (Stream<Path> hierarchies = Files.list(ROOT)) {
            for (Path dir : Stream.concat(hierarchies, Stream.of(ROOT))
                    .map(h -> h.resolve(PARENT))
                    .toList()) {
                try {
                    Files.deleteIfExists(dir);
                } catch (IOException e) {
                    // not empty: left for the leak check to report
                }
            }
        } catch (IOException e) {
            // no cgroup filesystem: nothing was made
        }
    }
}
