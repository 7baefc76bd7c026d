package mydocker.ch04.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mydocker.syscall.Syscall;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a layer tar into an empty directory. The tar is untrusted input: a
 * rootfs made by anyone. Nothing may be written outside the directory, so
 * <ul>
 *   <li>names that are absolute or climb with {@code ..} are refused;</li>
 *   <li>nothing is ever written <em>through</em> a symlink: every directory on
 *       an entry's way must be a real directory, so "a -> /etc" followed by
 *       "a/passwd" is refused, and so is a directory swapped for a symlink by
 *       a later duplicate entry;</li>
 *   <li>hard links may only point at regular files already unpacked here;</li>
 *   <li>device nodes and fifos are skipped with a warning (a container gets
 *       its devices from {@code MountDev}, never from an image).</li>
 * </ul>
 * Owners, modes (setuid, setgid and sticky included) and mtimes are kept.
 * Docker whiteouts become overlay whiteouts ({@link Whiteouts}); a whiteout
 * must name one ordinary file of its directory, and AUFS metadata
 * ({@code .wh..wh.*}) is skipped, as Docker does. Whatever a tar names,
 * nothing is ever removed except strictly inside the target directory
 * ({@link Trees#deleteBelow}). The caller
 * unpacks into a fresh directory and deletes it on any failure.
 */
public final class LayerUnpacker {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    /** The sha256 of the tar as read (its diff ID), and what was skipped. */
    public record Result(String diffId, List<String> warnings) {}

    private LayerUnpacker() {}

    public static Result unpack(InputStream in, Path target) throws IOException {
        MessageDigest sha = sha256();
        DigestInputStream digesting = new DigestInputStream(in, sha);
        TarArchiveInputStream tar = new TarArchiveInputStream(digesting);
        List<String> warnings = new ArrayList<>();
        Map<Path, FileTime> directoryTimes = new LinkedHashMap<>();
        int entries = 0;
        try {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                entries++;
                unpack(tar, entry, target, warnings, directoryTimes);
            }
        } catch (UnsafeLayerException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("not a readable tar archive: " + firstLine(e) + " (nothing was imported)", e);
        }
        if (entries == 0) {
            throw new IOException("not a tar archive: no entries found (nothing was imported)");
        }
        digesting.transferTo(OutputStream.nullOutputStream()); // the end-of-archive padding belongs to the digest
        // Directory times last: writing into a directory changes its mtime.
        List<Path> dirs = new ArrayList<>(directoryTimes.keySet());
        for (int i = dirs.size() - 1; i >= 0; i--) {
            Files.getFileAttributeView(dirs.get(i), BasicFileAttributeView.class, NOFOLLOW)
                    .setTimes(directoryTimes.get(dirs.get(i)), null, null);
        }
        return new Result("sha256:" + HexFormat.of().formatHex(sha.digest()), warnings);
    }

    private static void unpack(
            InputStream data,
            TarArchiveEntry entry,
            Path root,
            List<String> warnings,
            Map<Path, FileTime> directoryTimes)
            throws IOException {
        String name = safeName(entry.getName());
        if (name.isEmpty()) {
            return; // "./": the root itself
        }
        Path path = root.resolve(name);
        for (String component : name.split("/")) {
            if (Whiteouts.isMetadata(component)) {
                warnings.add("skipped AUFS metadata " + name);
                return;
            }
        }
        Path parent = path.getParent();
        String base = path.getFileName().toString();
        if (base.startsWith(Whiteouts.PREFIX) && !base.equals(Whiteouts.OPAQUE)) {
            Whiteouts.hiddenName(entry.getName(), base); // refused before anything is made for it
        }
        ensureRealDirectories(root, parent, entry.getName());
        if (base.equals(Whiteouts.OPAQUE)) {
            Whiteouts.makeOpaque(parent);
            return;
        }
        if (base.startsWith(Whiteouts.PREFIX)) {
            Path hidden = parent.resolve(Whiteouts.hiddenName(entry.getName(), base));
            removeBelow(root, hidden, entry.getName());
            Whiteouts.hide(hidden);
            return;
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
            warnings.add("skipped device node " + name);
            return;
        }
        boolean existingDirectory = Files.isDirectory(path, NOFOLLOW);
        if (Files.exists(path, NOFOLLOW) && !(existingDirectory && entry.isDirectory())) {
            removeBelow(root, path, entry.getName()); // a later entry replaces an earlier one, as tar does
        }
        if (entry.isDirectory()) {
            Files.createDirectories(path);
            directoryTimes.put(path, FileTime.from(entry.getLastModifiedTime().toInstant()));
        } else if (entry.isSymbolicLink()) {
            Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
            Path existing = root.resolve(safeName(entry.getLinkName()));
            ensureRealDirectories(root, existing.getParent(), entry.getName());
            if (!Files.isRegularFile(existing, NOFOLLOW)) {
                throw new UnsafeLayerException(
                        entry.getName(),
                        "hard link to '" + entry.getLinkName() + "', which is not a regular file of this layer");
            }
            Files.createLink(path, existing);
            return; // a hard link shares its target's owner, mode and times
        } else if (entry.isFile()) {
            Files.copy(data, path);
        } else {
            warnings.add("skipped entry " + name + " of type " + (char) entry.getLinkFlag());
            return;
        }
        keepOwnerModeAndTime(path, entry);
    }

    /** Owner before mode (chown clears setuid bits), mode by chmod (Java cannot set setuid or sticky). */
    private static void keepOwnerModeAndTime(Path path, TarArchiveEntry entry) throws IOException {
        Files.setAttribute(path, "unix:uid", (int) entry.getLongUserId(), NOFOLLOW);
        Files.setAttribute(path, "unix:gid", (int) entry.getLongGroupId(), NOFOLLOW);
        if (!entry.isSymbolicLink()) {
            Syscall.chmod(path.toString(), entry.getMode() & 07777);
        }
        Files.getFileAttributeView(path, BasicFileAttributeView.class, NOFOLLOW)
                .setTimes(FileTime.from(entry.getLastModifiedTime().toInstant()), null, null);
    }

    /** {@code ./a//b/} → {@code a/b}; absolute names and {@code ..} are refused. */
    static String safeName(String name) throws UnsafeLayerException {
        if (name.startsWith("/")) {
            throw new UnsafeLayerException(name, "absolute path");
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw new UnsafeLayerException(name, "'..' would leave the layer");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    /** Every removal goes through the confined delete: strictly below the layer's root, never through a symlink. */
    private static void removeBelow(Path root, Path path, String entry) throws IOException {
        try {
            Trees.deleteBelow(root, path);
        } catch (Trees.NotBelowException e) {
            throw new UnsafeLayerException(entry, e.getMessage());
        }
    }

    /** Every directory from the root down to {@code dir} must be a real one; missing ones are made. */
    private static void ensureRealDirectories(Path root, Path dir, String entry) throws IOException {
        Path walked = root;
        for (Path part : root.relativize(dir)) {
            walked = walked.resolve(part);
            if (Files.isSymbolicLink(walked)) {
                throw new UnsafeLayerException(
                        entry, "'" + root.relativize(walked) + "' is a symlink; nothing is written through one");
            }
            if (!Files.exists(walked, NOFOLLOW)) {
                Files.createDirectory(walked);
            } else if (!Files.isDirectory(walked, NOFOLLOW)) {
                throw new UnsafeLayerException(entry, "'" + root.relativize(walked) + "' is not a directory");
            }
        }
    }

    /** commons-compress's messages are for developers: one line of one, never a stack of them. */
    private static String firstLine(Exception e) {
        return e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().lines().findFirst().orElse("");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
