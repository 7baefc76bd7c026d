package mydocker.ch04.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A docker-save archive, read once from its stream. The archive is untrusted
 * as much as its layers are, and its members are only ever entries of the
 * archive: the regular files are copied into the scratch area under names
 * made here ({@code member-1}, {@code member-2}, ...), keyed by their
 * normalized member names; symlinks and hard links are noted by type and
 * never made on disk, so a member such as {@code manifest.json ->
 * /etc/shadow} can never make {@code load} read a host file. A member the
 * manifest names must be a regular file. (Docker 25+ archives also hold
 * {@code <id>/layer.tar -> ../blobs/sha256/...} symlinks; they only matter if
 * a manifest names them, and then they are refused.)
 */
public final class SavedArchive {
    /** Manifests and configs are small: anything bigger is not one. */
    private static final long JSON_MAX = 16 << 20;

    private final Map<String, Path> files = new HashMap<>();
    private final Map<String, String> others = new HashMap<>();

    private SavedArchive() {}

    public static SavedArchive read(InputStream in, Scratch scratch) throws IOException {
        SavedArchive archive = new SavedArchive();
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        int members = 0;
        try {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; members++) {
                String name = normalized(entry.getName());
                archive.files.remove(name);
                archive.others.remove(name);
                if (isRegularFile(entry)) {
                    archive.files.put(name, copy(tar, scratch.newFile("member")));
                } else {
                    archive.others.put(name, type(entry));
                }
            }
        } catch (StoreWriteException e) {
            throw new IOException(
                    "cannot write to the store while reading the archive: " + e.getMessage() + " (nothing was loaded)",
                    e);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("not a readable tar archive: " + firstLine(e) + " (nothing was loaded)", e);
        }
        if (members == 0) {
            throw new IOException("not a tar archive: it has no members (nothing was loaded)");
        }
        return archive;
    }

    /** The member's bytes into {@code file}; failing reads are the archive's fault, failing writes the store's. */
    private static Path copy(InputStream member, Path file) throws IOException {
        byte[] buffer = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            for (int n; (n = member.read(buffer)) > 0; ) {
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    throw new StoreWriteException(e);
                }
            }
        }
        return file;
    }

    private static final class StoreWriteException extends IOException {
        StoreWriteException(IOException cause) {
            super(firstLine(cause), cause);
        }
    }

    /**
     * The regular-file member {@code name} (as the manifest names it), or a
     * refusal naming it and what it is instead.
     */
    public Path member(String name, String what) {
        String key = normalized(name);
        Path file = key.isEmpty() || key.startsWith("../") || key.equals("..") ? null : files.get(key);
        if (file != null) {
            return file;
        }
        String type = others.get(key);
        throw new IllegalArgumentException("the archive's manifest names " + what + " '" + name + "', which "
                + (type == null ? "is not in the archive" : "is a " + type + " in the archive, not a regular file")
                + " (nothing was loaded)");
    }

    /** Whether the archive has a regular file {@code name}: how a reader tells one archive format from another. */
    public boolean has(String name) {
        return files.containsKey(normalized(name));
    }

    /** A small JSON member's bytes. */
    public byte[] json(String name, String what) throws IOException {
        Path file = member(name, what);
        if (Files.size(file) > JSON_MAX) {
            throw new IllegalArgumentException("the archive's " + what + " '" + name + "' is " + Files.size(file)
                    + " bytes: too big to be one (nothing was loaded)");
        }
        return Files.readAllBytes(file);
    }

    /** {@code ./a//b/} → {@code a/b}, {@code a/../b} → {@code b}: how tar, and so a manifest, may spell one member. */
    private static String normalized(String name) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : name.split("/")) {
            if (part.equals("..") && !parts.isEmpty() && !parts.peekLast().equals("..")) {
                parts.removeLast();
            } else if (!part.isEmpty() && !part.equals(".")) {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    /**
     * By its type flag alone: commons-compress's {@code isFile()} also says
     * true for symlinks and other types it does not know.
     */
    private static boolean isRegularFile(TarArchiveEntry entry) {
        byte flag = entry.getLinkFlag();
        return flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG;
    }

    private static String type(TarArchiveEntry entry) {
        if (entry.isSymbolicLink()) {
            return "symlink (to '" + entry.getLinkName() + "')";
        }
        if (entry.isLink()) {
            return "hard link (to '" + entry.getLinkName() + "')";
        }
        if (entry.isDirectory()) {
            return "directory";
        }
        return "special file (tar type '" + (char) entry.getLinkFlag() + "')";
    }

    private static String firstLine(Exception e) {
        return e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().lines().findFirst().orElse("");
    }
}
