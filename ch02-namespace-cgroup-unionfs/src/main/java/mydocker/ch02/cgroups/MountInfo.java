package mydocker.ch02.cgroups;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One line of /proc/self/mountinfo (proc(5)): where a filesystem is mounted,
 * its type and its super options. For cgroup v1 the super options name the
 * controllers of the hierarchy ({@code rw,memory}), which is how the book
 * finds {@code /sys/fs/cgroup/memory} (3.3, FindCgroupMountpoint).
 */
public record MountInfo(String mountPoint, String fsType, Set<String> superOptions) {

    public static List<MountInfo> ofThisProcess() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/self/mountinfo")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<MountInfo> parse(List<String> lines) {
        return lines.stream().filter(l -> !l.isBlank()).map(MountInfo::parse).toList();
    }

    /**
     * {@code 36 31 0:32 / /sys/fs/cgroup/memory rw,relatime shared:9 - cgroup cgroup rw,memory}:
     * the fifth field is the mount point; after the optional fields and "-"
     * come the type, the source and the super options.
     */
    static MountInfo parse(String line) {
        String[] fields = line.split(" ");
        int dash = Arrays.asList(fields).indexOf("-");
        if (fields.length < 5 || dash < 0 || dash + 3 >= fields.length) {
            throw new IllegalArgumentException("not a mountinfo line: " + line);
        }
        Set<String> options = Arrays.stream(fields[dash + 3].split(",")).collect(Collectors.toUnmodifiableSet());
        return new MountInfo(unescape(fields[4]), fields[dash + 1], options);
    }

    /** The kernel writes space, tab, newline and backslash in paths as octal escapes. */
    static String unescape(String path) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\'
                    && i + 3 < path.length()
                    && path.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(path.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
