package mydocker.ch04.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * A file a command reads an archive from ({@code import FILE}, {@code load
 * -i FILE}), checked before anything is made: it must exist and be a
 * regular file or a pipe ({@code /dev/stdin}, {@code -}); a directory or a
 * device is refused on one line naming it, never as Java's bare path.
 */
public record InputFile(Path path, long size) {
    /** Standard input, for {@code import -}. */
    public static final InputFile STDIN = new InputFile(null, -1);

    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;

    public static InputFile of(Path path, String what) throws IOException {
        PosixFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, PosixFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("open " + path + ": no such file");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("open " + path + ": permission denied");
        }
        if (attrs.isDirectory()) {
            throw new IllegalArgumentException(path + " is a directory, not a " + what);
        }
        if (attrs.isRegularFile()) {
            if (attrs.size() == 0) {
                throw new IllegalArgumentException(path + " is empty, not a " + what);
            }
            return new InputFile(path, attrs.size());
        }
        int type = (int) Files.getAttribute(path, "unix:mode") & S_IFMT;
        if (type != S_IFIFO) {
            throw new IllegalArgumentException(path + " is "
                    + (type == S_IFCHR ? "a character device" : type == S_IFBLK ? "a block device" : "a socket")
                    + ", not a regular file holding a " + what);
        }
        return new InputFile(path, -1);
    }

    public InputStream open() throws IOException {
        return path == null ? System.in : Files.newInputStream(path);
    }
}
