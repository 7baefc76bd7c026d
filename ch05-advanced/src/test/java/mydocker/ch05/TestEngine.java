package mydocker.ch05;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import mydocker.syscall.HostProcesses;
import mydocker.syscall.Mydocker;
import mydocker.syscall.TestCgroups;

/**
 * A chapter's program (5 and on) as the privileged tests run it, and what
 * chapter 5 keeps on the host: container directories, start locks, shims,
 * cgroups. Chapter 6's tests use it too (this module's test-jar).
 */
public class TestEngine extends Mydocker {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

    public TestEngine(Class<?> main, Path dataRoot, Path execRoot) {
        super(main, dataRoot, execRoot);
    }

    /** The IDs of every container directory there is, whole or half-made ({@code .new-<id>}, {@code .rm-<id>}). */
    public Set<String> containerIds() {
        Set<String> ids = new TreeSet<>();
        for (String name : list(dataRoot().resolve("containers"))) {
            Matcher id = ID.matcher(name);
            if (id.find()) {
                ids.add(id.group());
            }
        }
        return ids;
    }

    /**
     * What the engine left of the containers {@code ids} and in its own
     * directories, one line each: any entry under containers/ but its
     * {@code .lock}, any start or run lock, a shim copy's temp file, a cgroup
     * of one of them or under the test JVM's cgroup parent, a process of one
     * of them, a shim still watching one, a mount under the data root. Empty
     * when all is clean.
     */
    public List<String> leftovers(Collection<String> ids) {
        List<String> left = new ArrayList<>();
        list(dataRoot().resolve("containers")).stream()
                .filter(n -> !n.equals(".lock"))
                .forEach(n -> left.add("containers/" + n));
        for (String locks : List.of("container-locks", "locks")) {
            list(execRoot().resolve(locks)).forEach(n -> left.add(locks + "/" + n));
        }
        list(execRoot().resolve("bin")).stream()
                .filter(n -> n.startsWith(".shim-"))
                .forEach(n -> left.add("bin/" + n));
        Set<Path> groups = new TreeSet<>(TestCgroups.left());
        ids.forEach(id -> groups.addAll(TestCgroups.named(id)));
        groups.forEach(g -> left.add("cgroup " + g));
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(p -> {
                String cgroup = read(p.resolve("cgroup"));
                String cmdline = read(p.resolve("cmdline")).replace('\0', ' ');
                // A container's processes are in its cgroup; a shim names the container's directory.
                if (ids.stream().anyMatch(cgroup::contains)
                        || cmdline.contains(dataRoot().resolve("containers") + "/")) {
                    left.add("process " + p.getFileName() + " " + cmdline.strip());
                }
            });
        } catch (IOException e) {
            left.add("cannot list /proc: " + e);
        }
        // Mounted below the data root (a rootfs, a volume), not on it (DiskFullIT's small disk is the root):
        // ours only, as the machine may have overlays of its own (the v2 guest's root is one).
        read(Path.of("/proc/self/mountinfo"))
                .lines()
                .filter(m -> m.split(" ")[4].startsWith(dataRoot() + "/"))
                .forEach(m -> left.add("mount " + m));
        return left;
    }

    /**
     * How each test of containers ends: {@code rm -f} of every container,
     * then what is left of them, of {@code made} (those a failed start has
     * already removed) and in the engine's directories. Empty when all is clean.
     */
    public List<String> removeAllAndListLeftovers(Collection<String> made) {
        Set<String> ids = new TreeSet<>(made);
        ids.addAll(containerIds());
        removeAllContainers();
        ids.addAll(containerIds());
        return leftovers(ids);
    }

    /** The shims watching container {@code id}: a shim's first argument is its container's directory. */
    public List<Long> shimsOf(String id) {
        return HostProcesses.withArgument(
                dataRoot().resolve("containers").resolve(id).toString());
    }

    /** {@code rm -f} of every container, running or not. */
    public void removeAllContainers() {
        List<String> ids = ok("ps", "-a", "-q").stdout().lines().toList();
        if (!ids.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("rm", "-f"));
            args.addAll(ids);
            ok(args.toArray(String[]::new));
        }
    }

    private static List<String> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
