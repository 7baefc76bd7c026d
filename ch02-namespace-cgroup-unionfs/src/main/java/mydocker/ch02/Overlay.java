package mydocker.ch02;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/** overlayfs's on-disk vocabulary, as the kernel's Documentation/filesystems/overlayfs.rst names it. */
public final class Overlay {
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;

    private Overlay() {}

    /** A whiteout: a character device with device number 0/0, hiding the lower file of that name. */
    public static boolean isWhiteout(Path path) {
        try {
            Map<String, Object> attrs = Files.readAttributes(path, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
            return ((int) attrs.get("mode") & S_IFMT) == S_IFCHR && (long) attrs.get("rdev") == 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
