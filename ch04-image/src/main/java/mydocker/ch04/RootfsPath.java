package mydocker.ch04;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A path inside the container's root filesystem, found before pivot_root as
 * the container will see it after. Init mounts volumes and /etc files while
 * its root is still the host's: a symlink in the image such as
 * {@code data -> /root} would, followed by the kernel, make {@code -v /x:/data/sub}
 * create {@code /root/sub} on the host. So every symlink on the way is read
 * and resolved against the container's root (as chroot would, and as runc's
 * securejoin does), {@code ..} never climbs above it, and missing
 * directories are made one at a time, never through a link. The image is
 * still: no process of the container runs yet to swap a link under us.
 */
public final class RootfsPath {
    /** Linux's own limit on symlinks followed in one lookup (ELOOP after 40). */
    private static final int MAX_LINKS = 40;

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private RootfsPath() {}

    /** {@code inContainer} (absolute, as the container names it) as a path under {@code root} with no symlink on its way. */
    public static Path resolve(Path root, String inContainer) {
        Deque<String> todo = new ArrayDeque<>(List.of(inContainer.split("/")));
        Path current = root;
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pollFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                current = current.equals(root) ? root : current.getParent();
                continue;
            }
            Path next = current.resolve(part);
            if (!Files.isSymbolicLink(next)) {
                current = next;
                continue;
            }
            if (++links > MAX_LINKS) {
                throw new IllegalStateException(inContainer + ": too many levels of symbolic links in the image");
            }
            String target = readLink(next);
            List<String> parts = List.of(target.split("/"));
            for (int i = parts.size() - 1; i >= 0; i--) {
                todo.addFirst(parts.get(i));
            }
            if (target.startsWith("/")) {
                current = root;
            }
        }
        return current;
    }

    /** Like {@link #resolve}, then makes the directories that are missing; the result is a real directory. */
    public static Path makeDirectories(Path root, String inContainer) {
        Path dir = resolve(root, inContainer);
        Path walked = root;
        for (Path part : root.relativize(dir)) {
            walked = walked.resolve(part);
            try {
                if (!Files.exists(walked, NOFOLLOW)) {
                    Files.createDirectory(walked);
                } else if (!Files.isDirectory(walked, NOFOLLOW)) {
                    throw new IllegalStateException(
                            inContainer + ": /" + root.relativize(walked) + " is not a directory in the image");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot create " + inContainer + " in the container: " + e.getMessage(), e);
            }
        }
        return dir;
    }

    /** The container's own view of {@code path} under {@code root}: {@code /a/b}. */
    public static String inContainer(Path root, Path path) {
        return "/" + root.relativize(path);
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the image's symlink " + link + ": " + e.getMessage(), e);
        }
    }
}
