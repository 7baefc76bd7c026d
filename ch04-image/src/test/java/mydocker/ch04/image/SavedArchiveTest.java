package mydocker.ch04.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A docker-save archive's members are entries of the archive only: links are never made, never followed. */
class SavedArchiveTest {
    @TempDir
    Path root;

    private SavedArchive read(byte[] tar, Scratch scratch) throws IOException {
        return SavedArchive.read(new ByteArrayInputStream(tar), scratch);
    }

    @Test
    void membersThatAreLinksAreRefusedByNameAndType() throws IOException {
        byte[] tar = new TarBuilder()
                .file("./manifest.json", "[]", 0644)
                .symlink("c.json", "/etc/shadow")
                .hardlink("l/layer.tar", "/etc/shadow")
                .dir("d", 0755)
                .build();
        try (Scratch scratch = ImageStore.at(root).scratch()) {
            SavedArchive archive = read(tar, scratch);
            assertArrayEquals(
                    "[]".getBytes(), archive.json("manifest.json", "manifest"), "./ and / spell the same member");
            assertEquals(
                    "the archive's manifest names config 'c.json', which is a symlink (to '/etc/shadow') in the"
                            + " archive, not a regular file (nothing was loaded)",
                    assertThrows(IllegalArgumentException.class, () -> archive.member("c.json", "config"))
                            .getMessage());
            assertEquals(
                    "the archive's manifest names layer 'l//layer.tar', which is a hard link (to '/etc/shadow') in"
                            + " the archive, not a regular file (nothing was loaded)",
                    assertThrows(IllegalArgumentException.class, () -> archive.member("l//layer.tar", "layer"))
                            .getMessage());
            assertThrows(IllegalArgumentException.class, () -> archive.member("d", "layer"));
            assertThrows(IllegalArgumentException.class, () -> archive.member("../manifest.json", "layer"));
            assertThrows(IllegalArgumentException.class, () -> archive.member("missing", "layer"));
            try (Stream<Path> all = Files.walk(root)) {
                assertEquals(0, all.filter(p -> Files.isSymbolicLink(p)).count(), "no link was made on disk");
            }
        }
    }

    @Test
    void aLaterMemberReplacesAnEarlierOneOfTheSameName() throws IOException {
        byte[] tar = new TarBuilder()
                .file("manifest.json", "[]", 0644)
                .symlink("manifest.json", "/etc/passwd")
                .build();
        try (Scratch scratch = ImageStore.at(root).scratch()) {
            SavedArchive archive = read(tar, scratch);
            assertThrows(IllegalArgumentException.class, () -> archive.member("manifest.json", "manifest"));
        }
    }

    @Test
    void aTypeCommonsCompressCallsAFileIsNotOne() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry fifo = new TarArchiveEntry("manifest.json", TarConstants.LF_FIFO);
            out.putArchiveEntry(fifo);
            out.closeArchiveEntry();
        }
        try (Scratch scratch = ImageStore.at(root).scratch()) {
            SavedArchive archive = read(bytes.toByteArray(), scratch);
            assertThrows(IllegalArgumentException.class, () -> archive.member("manifest.json", "manifest"));
            assertEquals(false, Files.exists(root.resolve("manifest.json"), LinkOption.NOFOLLOW_LINKS));
        }
    }
}
