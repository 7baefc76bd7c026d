package mydocker.ch02.cgroups;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reading and writing cgroupfs files, with errors that say which file and
 * value; public for the subsystems a later chapter brings ({@link Subsystem}).
 */
public final class CgroupFile {
    private CgroupFile() {}

    public static void write(Path file, String value) {
        try {
            Files.writeString(file, value);
        } catch (IOException e) {
            throw new IllegalStateException("cgroup: cannot write \"" + value + "\" to " + file + ": " + reason(e), e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cgroup: cannot read " + file + ": " + reason(e), e);
        }
    }

    /** The value of {@code key} in a flat keyed file such as memory.events ({@code oom_kill 3}). */
    public static Optional<Long> keyed(Path file, String key) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return read(file)
                .lines()
                .map(l -> l.split(" "))
                .filter(kv -> kv.length == 2 && kv[0].equals(key))
                .map(kv -> Long.parseLong(kv[1]))
                .findFirst();
    }

    static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cgroup: cannot create " + dir + ": " + reason(e), e);
        }
    }

    /** The processes in the group ({@code cgroup.procs}); none once it is gone or going (ENOENT, ENODEV). */
    static List<Integer> pids(Path group) {
        try {
            return Files.readAllLines(group.resolve("cgroup.procs")).stream()
                    .filter(l -> !l.isBlank())
                    .map(l -> Integer.parseInt(l.strip()))
                    .toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (FileSystemException e) {
            if ("No such device".equals(e.getReason())) {
                return List.of(); // being removed right now
            }
            throw new UncheckedIOException(
                    "cgroup: cannot read " + group.resolve("cgroup.procs") + ": " + reason(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cgroup: cannot read " + group.resolve("cgroup.procs") + ": " + reason(e), e);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file (is the controller enabled?)";
        }
        return e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : e.toString();
    }
}
