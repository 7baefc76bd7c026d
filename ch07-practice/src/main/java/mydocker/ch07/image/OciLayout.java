package mydocker.ch07.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import mydocker.ch04.image.SavedArchive;
import mydocker.ch04.image.Scratch;

/**
 * An OCI image layout (OCI image spec, "Image Layout"), read: the file
 * {@code oci-layout} ({@code {"imageLayoutVersion": "1.0.0"}}), {@code
 * index.json} (an image index, one entry per image) and the blobs, each at
 * {@code blobs/sha256/<hex of its digest>}. Tarred, it is an oci-archive
 * ({@code podman save --format oci-archive}); as a directory, what {@code
 * skopeo copy ... oci:DIR} writes.
 *
 * <p>A blob is found by its descriptor's digest only, never by a name the
 * layout gives (a checked digest is 64 hex digits: no {@code ..}, no
 * {@code /}), and it is used only once its size and its sha256 are the
 * descriptor's. From a directory, each file is first copied into the
 * command's scratch area (never through a symlink), and the copy is checked
 * and used: what is checked is what is loaded, whatever happens to the
 * directory meanwhile.
 */
public final class OciLayout {
    public static final String INDEX = "index.json";
    public static final String MARKER = "oci-layout";
    /** An image config: small JSON (docker save allows 16 MiB, as here); anything bigger is not one. */
    static final long CONFIG_MAX = 16 << 20;

    private static final String BLOBS = "blobs/" + Digest.ALGORITHM + "/";

    /** The layout's files: an archive's members, or a directory's files copied into the scratch area. */
    private interface Source {
        /** The regular file {@code name}, at most {@code max} + 1 bytes of it, or null if the layout has none. */
        Path get(String name, long max) throws IOException;
    }

    private final Source files;
    private final String where;

    private OciLayout(Source files, String where) {
        this.files = files;
        this.where = where;
    }

    /** The layout in an oci-archive, its members already in the scratch area. */
    public static OciLayout of(SavedArchive archive) throws IOException {
        OciLayout layout =
                new OciLayout((name, max) -> archive.has(name) ? archive.member(name, "file") : null, "archive");
        layout.checkMarker();
        return layout;
    }

    /** The layout in directory {@code dir}, its files read into {@code scratch} as they are used. */
    public static OciLayout of(Path dir, Scratch scratch) throws IOException {
        OciLayout layout = new OciLayout((name, max) -> copy(dir, name, max, scratch), "layout");
        layout.checkMarker();
        return layout;
    }

    /** Whether {@code dir} is a layout at all, asked before anything is made: it has an {@code oci-layout} file. */
    public static boolean isLayout(Path dir) {
        return Files.isRegularFile(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS);
    }

    /** {@code oci-layout}: the spec's version 1.0.0, the only one there is. */
    private void checkMarker() throws IOException {
        Path marker = files.get(MARKER, 4096);
        if (marker == null) {
            throw invalid("it has no " + MARKER + " file");
        }
        JsonNode version;
        try {
            version =
                    JsonFields.object(read(marker, 4096, MARKER), 4096, MARKER).path("imageLayoutVersion");
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        if (!version.isTextual() || !version.textValue().equals("1.0.0")) {
            throw invalid(MARKER + " says imageLayoutVersion " + JsonFields.show(version) + ", not 1.0.0");
        }
    }

    /** {@code index.json}: the layout's images. */
    public ImageIndex index() throws IOException {
        Path index = files.get(INDEX, Manifest.MAX_BYTES);
        if (index == null) {
            throw invalid("it has no " + INDEX);
        }
        byte[] bytes = read(index, Manifest.MAX_BYTES, INDEX);
        try {
            return ImageIndex.parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(INDEX + ": " + e.getMessage() + " (nothing was loaded)", e);
        }
    }

    /** A small JSON blob's bytes (a manifest, an index, a config), checked against its descriptor. */
    public byte[] json(Descriptor descriptor, String what, long max) throws IOException {
        return Files.readAllBytes(blob(descriptor, what, max));
    }

    /**
     * The blob {@code descriptor} points at, once its size and digest are the
     * descriptor's; {@code what} names it in errors ("layer 2 of busybox").
     */
    public Path blob(Descriptor descriptor, String what, long max) throws IOException {
        String name = what + " (" + descriptor.digest() + ")";
        if (descriptor.size() > max) {
            throw new IllegalArgumentException("the " + where + "'s " + name + " is " + descriptor.size()
                    + " bytes by its descriptor: too big to be one (nothing was loaded)");
        }
        Path blob = files.get(BLOBS + descriptor.digest().hex(), descriptor.size());
        if (blob == null) {
            throw new IllegalArgumentException("the " + where + " has no blob for " + name + " (nothing was loaded)");
        }
        long size = Files.size(blob);
        if (size != descriptor.size()) {
            throw new IllegalArgumentException("the " + where + "'s " + name + " is "
                    + (size > descriptor.size() ? "more than " : "") + size + " bytes, its descriptor says "
                    + descriptor.size() + ": the " + where + " is corrupt (nothing was loaded)");
        }
        Digest actual = digest(blob);
        if (!actual.equals(descriptor.digest())) {
            throw new IllegalArgumentException("the " + where + "'s " + name + " has digest " + actual
                    + ", not its descriptor's: the " + where + " is corrupt (nothing was loaded)");
        }
        return blob;
    }

    private static Digest digest(Path file) throws IOException {
        MessageDigest sha = Digest.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return Digest.fromHash(sha.digest());
    }

    private static byte[] read(Path file, long max, String what) throws IOException {
        if (Files.size(file) > max) {
            throw new IllegalArgumentException(
                    what + " is more than " + max + " bytes: too big to be one (nothing was loaded)");
        }
        return Files.readAllBytes(file);
    }

    /**
     * {@code dir/name} copied into the scratch area, at most {@code max} + 1
     * bytes (enough to tell a size lie): every directory on the way and the
     * file itself must be real (no symlinks), so a layout cannot make load
     * read a file outside it.
     */
    private static Path copy(Path dir, String name, long max, Scratch scratch) throws IOException {
        Path file = dir;
        String[] parts = name.split("/");
        for (int i = 0; i < parts.length; i++) {
            file = file.resolve(parts[i]);
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return null;
            }
            boolean last = i == parts.length - 1;
            if (last ? !attrs.isRegularFile() : !attrs.isDirectory()) {
                throw new IllegalArgumentException(dir.relativize(file) + " in layout " + dir + " is a "
                        + (attrs.isSymbolicLink() ? "symlink" : attrs.isDirectory() ? "directory" : "special file")
                        + ", not a " + (last ? "regular file" : "directory") + " (nothing was loaded)");
            }
        }
        Path copy = scratch.newFile("blob");
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
                OutputStream out = Files.newOutputStream(copy, StandardOpenOption.CREATE_NEW)) {
            byte[] buffer = new byte[1 << 16];
            long left = max + 1;
            for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; left -= n) {
                out.write(buffer, 0, n);
            }
        } catch (FileSystemException e) {
            throw new IOException("cannot read " + file + ": " + e.getReason(), e);
        }
        return copy;
    }

    private IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("not an OCI image layout: " + why + " (nothing was loaded)");
    }
}
