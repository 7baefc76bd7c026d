package mydocker.ch04.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** One string for everything under a directory (names, types, link targets, contents), to compare before and after. */
public final class StoreChecksum {
    private StoreChecksum() {}

    /**
     * Everything under {@code root} except what is under {@code skip}, which
     * may change, and empty directories, which the store makes on first need
     * ({@code layer-tars/}, {@code tmp/}) and are no change to anything.
     */
    public static String outside(Path root, Path skip) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return ImageConfig.sha256(all.filter(p -> !p.startsWith(skip) && !isEmptyDirectory(p))
                    .sorted()
                    .map(p -> root.relativize(p) + " " + describe(p))
                    .collect(Collectors.joining("\n"))
                    .getBytes());
        }
    }

    private static boolean isEmptyDirectory(Path p) {
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> children = Files.list(p)) {
            return children.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(Path p) {
        try {
            if (Files.isSymbolicLink(p)) {
                return "-> " + Files.readSymbolicLink(p);
            }
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                return "dir";
            }
            return ImageConfig.sha256(Files.readAllBytes(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
