package mydocker.ch04.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A layer as a tar stream, the form docker save and the OCI spec use. Its
 * sha256 is the layer's "diff ID", the name under which it is stored
 * unpacked. Entries are written in sorted order, so the same directory always
 * gives the same tar and the same ID. Overlay whiteouts are written as
 * Docker's {@code .wh.} files ({@link Whiteouts}).
 */
public final class LayerTar {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private LayerTar() {}

    /** A marker entry (a whiteout), empty, owned and timed like {@code like}. */
    private static TarArchiveEntry emptyFile(String name, Path like) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(0644);
        entry.setModTime(Files.getLastModifiedTime(like, NOFOLLOW));
        return entry;
    }

    /** One entry with the file's type, mode (setuid bits included), owner and mtime. */
    private static TarArchiveEntry entry(String name, Path path) throws IOException {
        Map<String, Object> attrs = Files.readAttributes(path, "unix:mode,uid,gid,lastModifiedTime", NOFOLLOW);
        TarArchiveEntry entry;
        if (Files.isSymbolicLink(path)) {
            entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
            entry.setLinkName(Files.readSymbolicLink(path).toString());
        } else if (Files.isDirectory(path, NOFOLLOW)) {
            entry = new TarArchiveEntry(name + "/");
        } else if (Files.isRegularFile(path, NOFOLLOW)) {
            entry = new TarArchiveEntry(name);
            entry.setSize(Files.size(path));
        } else {
            throw new IOException("cannot put " + path + " in a layer: not a file, directory or symlink");
        }
        entry.setMode((int) attrs.get("mode") & 07777);
        entry.setUserId((int) attrs.get("uid"));
        entry.setGroupId((int) attrs.get("gid"));
        entry.setModTime((FileTime) attrs.get("lastModifiedTime"));
        return entry;
    }

    /** {@code sha256:<hex>} of the tar of {@code dir}, computed without writing the tar anywhere. */
    public static String digest(Path dir) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
                write(dir, sink);
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the tar of everything under {@code dir} (not {@code dir} itself) to {@code out}. */
    public static void write(Path dir, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.filter(p -> !p.equals(dir)).sorted().toList();
        }
        for (Path path : paths) {
            String name = dir.relativize(path).toString();
            if (Whiteouts.isWhiteout(path)) {
                Path file = Path.of(name);
                name = (file.getParent() == null ? "" : file.getParent() + "/") + Whiteouts.PREFIX + file.getFileName();
                tar.putArchiveEntry(emptyFile(name, path));
                tar.closeArchiveEntry();
                continue;
            }
            TarArchiveEntry entry = entry(name, path);
            tar.putArchiveEntry(entry);
            if (Files.isRegularFile(path, NOFOLLOW)) {
                Files.copy(path, tar);
            }
            tar.closeArchiveEntry();
            if (Files.isDirectory(path, NOFOLLOW) && Whiteouts.isOpaque(path)) {
                tar.putArchiveEntry(emptyFile(name + "/" + Whiteouts.OPAQUE, path));
                tar.closeArchiveEntry();
            }
        }
        tar.finish();
    }
}
