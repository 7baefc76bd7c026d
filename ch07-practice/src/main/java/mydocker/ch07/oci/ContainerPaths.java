package mydocker.ch07.oci;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import mydocker.ch04.RootfsPath;

/**
 * A list of paths as the container names them ({@code linux.maskedPaths},
 * {@code linux.readonlyPaths}), checked once when config.json is read: each
 * absolute, without NUL or {@code ..}, as runc refuses a relative one. They
 * are used after pivot_root, where "/" is the container's root, and found
 * there as {@link RootfsPath} finds a mount's destination: every symlink on
 * the way is read and resolved against that root by this code, never followed
 * by the kernel. An untrusted image's {@code /proc -> /proc/1/root/etc} (a
 * magic link to the host's root when the pid namespace is shared) or a link
 * to {@code ../../etc} then lands inside the root, not on the host's files.
 */
public record ContainerPaths(List<String> paths) {
    private static final Path ROOT = Path.of("/");

    public ContainerPaths {
        paths = List.copyOf(paths);
    }

    static ContainerPaths of(List<String> paths, String field) {
        if (paths == null) {
            return new ContainerPaths(List.of());
        }
        LinkedHashSet<String> checked = new LinkedHashSet<>();
        for (String path : paths) {
            checked.add(check(path, field));
        }
        return new ContainerPaths(List.copyOf(checked));
    }

    /** {@code path}, or why it is refused: config.json's field named. */
    static String check(String path, String field) {
        String problem = path == null || !path.startsWith("/")
                ? "is not an absolute path"
                : path.indexOf('\0') >= 0
                        ? "holds a NUL byte"
                        : List.of(path.split("/")).contains("..") ? "holds '..'" : null;
        if (problem != null) {
            throw new IllegalArgumentException("config.json: " + field + ": '"
                    + (path == null ? null : path.replace("\0", "\\0")) + "' " + problem
                    + " (give the absolute path as the container sees it, e.g. /proc/kcore)");
        }
        return path;
    }

    /**
     * Each path under the container's root, after pivot_root, found one at a
     * time as {@code action} takes the one before it: masking a directory
     * hides what was below it (runc's test masks /masked-dir and then
     * /masked-dir/masked-subdir), so what is then gone is left out, as runc
     * skips a path where nothing is.
     */
    void forEachExisting(Consumer<Path> action) {
        for (String path : paths) {
            Path at = RootfsPath.resolve(ROOT, path);
            if (Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
                action.accept(at);
            }
        }
    }
}
