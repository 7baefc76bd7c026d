package mydocker.ch04.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Whole directory trees: remove one, measure one. Symlinks are never followed. */
public final class Trees {
    private Trees() {}

    /**
     * Deletes {@code target}, which must be strictly below {@code root} once
     * normalized, reached through real directories only: never {@code root}
     * itself, never anything beside or above it, never through a symlink (a
     * symlink on the way would take the delete wherever it points). What the
     * layer unpacker removes goes through here, whatever a tar calls it.
     */
    public static void deleteBelow(Path root, Path target) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        Path path = target.toAbsolutePath().normalize();
        if (!path.startsWith(base) || path.equals(base)) {
            throw new NotBelowException("refused to delete " + target + ": it is not inside " + root);
        }
        Path walked = base;
        Path below = base.relativize(path);
        for (int i = 0; i < below.getNameCount() - 1; i++) {
            walked = walked.resolve(below.getName(i));
            if (Files.isSymbolicLink(walked)) {
                throw new NotBelowException("refused to delete " + target + ": " + walked + " is a symlink");
            }
            if (!Files.isDirectory(walked, LinkOption.NOFOLLOW_LINKS)) {
                return; // then nothing is there to delete
            }
        }
        delete(path);
    }

    public static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            Files.deleteIfExists(p);
        }
    }

    public static long size(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            return 0;
                        }
                    })
                    .sum();
        }
    }

    /** A delete that would have reached outside the directory it was confined to. */
    public static final class NotBelowException extends IOException {
        NotBelowException(String message) {
            super(message);
        }
    }
}
