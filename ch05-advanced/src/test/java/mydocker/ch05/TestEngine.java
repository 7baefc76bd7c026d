package mydocker.ch05;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import mydocker.syscall.ChapterProgram;
import mydocker.syscall.ChapterProgram.Result;

/**
 * A chapter's program (5 and on) as the privileged tests run it: with the
 * test's own data and exec roots, and a way to leave no container behind.
 * Chapter 6's tests use it too (this module's test-jar).
 */
public record TestEngine(Class<?> main, Path dataRoot, Path execRoot) {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

    public Map<String, String> env() {
        return Map.of("MYDOCKER_ROOT", dataRoot.toString(), "MYDOCKER_EXEC_ROOT", execRoot.toString());
    }

    public Result run(String... args) {
        return ChapterProgram.run(main, env(), args);
    }

    /** Like {@link #run}, and it must succeed. */
    public Result ok(String... args) {
        return ChapterProgram.ok(main, env(), args);
    }

    public Process start(String... args) {
        return ChapterProgram.start(main, env(), args);
    }

    /** The IDs of every container directory there is, whole or half-made ({@code .new-<id>}, {@code .rm-<id>}). */
    public Set<String> containerIds() {
        Set<String> ids = new TreeSet<>();
        for (String name : list(dataRoot.resolve("containers"))) {
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
     * or a process of one of them, a shim still watching one. Empty when all
     * is clean.
     */
    public List<String> leftovers(Collection<String> ids) {
        List<String> left = new ArrayList<>();
        list(dataRoot.resolve("containers")).stream()
                .filter(n -> !n.equals(".lock"))
                .forEach(n -> left.add("containers/" + n));
        for (String locks : List.of("container-locks", "locks")) {
            list(execRoot.resolve(locks)).forEach(n -> left.add(locks + "/" + n));
        }
        list(execRoot.resolve("bin")).stream()
                .filter(n -> n.startsWith(".shim-"))
                .forEach(n -> left.add("bin/" + n));
        for (String id : ids) {
            try (Stream<Path> groups = Files.walk(Path.of("/sys/fs/cgroup"), 4)) {
                groups.filter(g -> g.getFileName().toString().equals(id)).forEach(g -> left.add("cgroup " + g));
            } catch (IOException | UncheckedIOException e) {
                left.add("cannot walk /sys/fs/cgroup: " + e);
            }
        }
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(p -> {
                String cgroup = read(p.resolve("cgroup"));
                String cmdline = read(p.resolve("cmdline")).replace('\0', ' ');
                // A container's processes are in its cgroup; a shim names the container's directory.
                if (ids.stream().anyMatch(cgroup::contains) || cmdline.contains(dataRoot.resolve("containers") + "/")) {
                    left.add("process " + p.getFileName() + " " + cmdline.strip());
                }
            });
        } catch (IOException e) {
            left.add("cannot list /proc: " + e);
        }
        return left;
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

    /** {@code rm -f} of every container, running or not: what each test's clean-up begins with. */
    public void removeAllContainers() {
        List<String> ids = ok("ps", "-a", "-q").stdout().lines().toList();
        if (!ids.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("rm", "-f"));
            args.addAll(ids);
            ok(args.toArray(String[]::new));
        }
    }

    /** Polls {@code condition} for up to ten seconds; a test fails if it never holds. */
    public static void waitUntil(BooleanSupplier condition) {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!condition.getAsBoolean()) {
            throw new AssertionError("timed out waiting");
        }
    }
}
