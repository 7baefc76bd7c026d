package mydocker.ch05;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import mydocker.ch02.cgroups.CgroupManager;
import mydocker.ch04.CorruptFileException;

/**
 * {@code containers/<id>/cgroups}: the container's cgroup directories, one a
 * line, written before its command runs, for `exec` to join, the reaper and
 * `rm` to remove, and `rm -f` of a container whose state.json is broken to
 * find its processes. Chapter 2's {@link CgroupManager#open(List, String)}
 * reads them as untrusted: a record that names anything but this container's
 * own groups under a cgroup mount is corrupt, and nothing is touched.
 */
final class RecordedCgroups {
    static final String FILE = "cgroups";

    private RecordedCgroups() {}

    static void write(Path dir, List<Path> groups) throws IOException {
        Files.write(dir.resolve(FILE), groups.stream().map(Path::toString).toList());
    }

    /** The container's group as recorded; empty if there is no record (it never got that far). */
    static Optional<CgroupManager> open(Path dir, String id) throws IOException {
        Path file = dir.resolve(FILE);
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CorruptFileException(file, "not text");
        }
        try {
            List<Path> groups =
                    lines.stream().filter(l -> !l.isBlank()).map(Path::of).toList();
            return Optional.of(CgroupManager.open(groups, id));
        } catch (IllegalArgumentException e) { // InvalidPathException too: a NUL in a line
            throw new CorruptFileException(file, e.getMessage());
        }
    }
}
