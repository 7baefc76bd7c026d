package mydocker.ch04.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds layer tars for tests, hostile ones included, owned by whoever runs the test. */
public final class TarBuilder {
    public static final Instant MTIME = Instant.parse("2020-02-02T02:02:02Z");
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);
    private final int uid;
    private final int gid;

    public TarBuilder() {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        try {
            uid = (int) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            gid = (int) Files.getAttribute(Path.of("/proc/self"), "unix:gid");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A root of the host's busybox alone, {@code /bin/sh} a link to it; a test adds the applets it names. */
    public static TarBuilder busybox() {
        return new TarBuilder()
                .dir("bin", 0755)
                .copy("bin/busybox", Path.of("/bin/busybox"), 0755)
                .symlink("bin/sh", "busybox");
    }

    public TarBuilder dir(String name, int mode) {
        return add(new TarArchiveEntry(name.endsWith("/") ? name : name + "/"), mode, null);
    }

    public TarBuilder file(String name, String content, int mode) {
        return add(
                new TarArchiveEntry(name, true),
                mode,
                content.getBytes(StandardCharsets.UTF_8)); // as written: hostile names too
    }

    public TarBuilder symlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(target);
        return add(e, 0777, null);
    }

    public TarBuilder hardlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK);
        e.setLinkName(target);
        return add(e, 0644, null);
    }

    /** A regular file with the content of a file on the host, e.g. a static busybox for a tiny rootfs. */
    public TarBuilder copy(String name, Path hostFile, int mode) {
        try {
            TarArchiveEntry e = new TarArchiveEntry(name, true);
            byte[] content = Files.readAllBytes(hostFile);
            return add(e, mode, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TarBuilder charDevice(String name, int major, int minor) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_CHR);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        return add(e, 0660, null);
    }

    private TarBuilder add(TarArchiveEntry entry, int mode, byte[] content) {
        try {
            entry.setMode(mode);
            entry.setUserId(uid);
            entry.setGroupId(gid);
            entry.setModTime(Date.from(MTIME));
            if (content != null) {
                entry.setSize(content.length);
            }
            tar.putArchiveEntry(entry);
            if (content != null) {
                tar.write(content);
            }
            tar.closeArchiveEntry();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] build() {
        try {
            tar.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
