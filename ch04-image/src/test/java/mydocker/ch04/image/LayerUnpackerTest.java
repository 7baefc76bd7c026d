package mydocker.ch04.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The malicious-tar corpus: each tar tries to write outside the layer
 * directory; each must be refused with a message naming the entry, and
 * nothing may appear outside. Then the ordinary entries keep their modes,
 * links and times.
 */
class LayerUnpackerTest {
    @TempDir
    Path tmp;

    Path layer;
    Path outside;
    String absoluteTarget;

    @BeforeEach
    void layOut() throws IOException {
        layer = Files.createDirectory(tmp.resolve("layer"));
        outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "secret");
        absoluteTarget = "/tmp/mydocker-evil-" + UUID.randomUUID();
    }

    @AfterEach
    void nothingAppearedOutside() throws IOException {
        try (Stream<Path> files = Files.list(outside)) {
            assertEquals(List.of(outside.resolve("secret")), files.toList(), "outside/ changed");
        }
        assertEquals("secret", Files.readString(outside.resolve("secret")));
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(2, files.count(), "something appeared beside the layer");
        }
        assertFalse(Files.exists(Path.of(absoluteTarget), LinkOption.NOFOLLOW_LINKS));
    }

    private LayerUnpacker.Result unpack(byte[] tar) throws IOException {
        return LayerUnpacker.unpack(new ByteArrayInputStream(tar), layer);
    }

    private void refused(byte[] tar, String entry, String why) {
        UnsafeLayerException e = assertThrows(UnsafeLayerException.class, () -> unpack(tar));
        assertEquals("refused entry '" + entry + "' of the tar: " + why + " (nothing was imported)", e.getMessage());
    }

    @Test
    void dotDotPath() {
        refused(
                new TarBuilder().file("../outside/evil", "x", 0644).build(),
                "../outside/evil",
                "'..' would leave the layer");
    }

    @Test
    void dotDotInTheMiddle() {
        refused(
                new TarBuilder()
                        .dir("a", 0755)
                        .file("a/../../outside/evil", "x", 0644)
                        .build(),
                "a/../../outside/evil",
                "'..' would leave the layer");
    }

    @Test
    void absolutePath() {
        refused(new TarBuilder().file(absoluteTarget, "x", 0644).build(), absoluteTarget, "absolute path");
    }

    @Test
    void writeThroughASymlinkToOutside() {
        refused(
                new TarBuilder()
                        .symlink("link", outside.toString())
                        .file("link/evil", "x", 0644)
                        .build(),
                "link/evil",
                "'link' is a symlink; nothing is written through one");
    }

    @Test
    void writeThroughARelativeSymlinkThatClimbs() {
        refused(
                new TarBuilder()
                        .symlink("up", "../../..")
                        .file("up/evil", "x", 0644)
                        .build(),
                "up/evil",
                "'up' is a symlink; nothing is written through one");
    }

    @Test
    void duplicateEntrySwapsADirectoryForASymlink() {
        refused(
                new TarBuilder()
                        .dir("d", 0755)
                        .file("d/ok", "fine", 0644)
                        .symlink("d", outside.toString())
                        .file("d/evil", "x", 0644)
                        .build(),
                "d/evil",
                "'d' is a symlink; nothing is written through one");
    }

    @Test
    void hardLinkThatClimbs() {
        refused(
                new TarBuilder().hardlink("h", "../outside/secret").build(),
                "../outside/secret",
                "'..' would leave the layer");
    }

    @Test
    void hardLinkToAnAbsolutePath() {
        refused(
                new TarBuilder()
                        .hardlink("h", outside.resolve("secret").toString())
                        .build(),
                outside.resolve("secret").toString(),
                "absolute path");
    }

    @Test
    void hardLinkThroughASymlink() {
        refused(
                new TarBuilder()
                        .symlink("link", outside.toString())
                        .hardlink("h", "link/secret")
                        .build(),
                "h",
                "'link' is a symlink; nothing is written through one");
    }

    @Test
    void hardLinkToSomethingThatIsNotThere() {
        refused(
                new TarBuilder().hardlink("h", "missing").build(),
                "h",
                "hard link to 'missing', which is not a regular file of this layer");
    }

    @Test
    void deviceNodesAreSkippedWithAWarning() throws IOException {
        LayerUnpacker.Result r = unpack(new TarBuilder()
                .dir("dev", 0755)
                .charDevice("dev/sda", 8, 0)
                .file("ok", "ok", 0644)
                .build());
        assertEquals(List.of("skipped device node dev/sda"), r.warnings());
        assertFalse(Files.exists(layer.resolve("dev/sda"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(layer.resolve("ok")));
    }

    @Test
    void aTruncatedTarIsRefused() {
        byte[] whole = new TarBuilder().file("big", "x".repeat(5000), 0644).build();
        IOException e = assertThrows(IOException.class, () -> unpack(Arrays.copyOf(whole, 1200)));
        assertTrue(e.getMessage().startsWith("not a readable tar archive:"), e.getMessage());
    }

    @Test
    void somethingThatIsNotATarIsRefused() {
        IOException e = assertThrows(
                IOException.class,
                () -> unpack("this is a text file, not a tar\n".repeat(40).getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("not a"), e.getMessage());
    }

    @Test
    void anEmptyInputIsRefused() {
        IOException e = assertThrows(IOException.class, () -> unpack(new byte[0]));
        assertEquals("not a tar archive: no entries found (nothing was imported)", e.getMessage());
    }

    @Test
    void ordinaryEntriesKeepModesLinksAndTimes() throws IOException {
        byte[] tar = new TarBuilder()
                .dir("./bin", 0755)
                .file("./bin/tool", "#!/bin/sh\n", 04755)
                .symlink("bin/sh", "/bin/tool")
                .hardlink("bin/tool2", "bin/tool")
                .dir("tmp", 01777)
                .file("etc/conf", "a=1\n", 0600)
                .build();
        LayerUnpacker.Result r = unpack(tar);
        assertEquals(ImageConfig.sha256(tar), r.diffId(), "the digest is of the bytes read");
        assertEquals("4755", mode("bin/tool"));
        assertEquals("1777", mode("tmp"));
        assertEquals("600", mode("etc/conf"));
        assertEquals(Path.of("/bin/tool"), Files.readSymbolicLink(layer.resolve("bin/sh")));
        assertEquals(
                Files.getAttribute(layer.resolve("bin/tool"), "unix:ino"),
                Files.getAttribute(layer.resolve("bin/tool2"), "unix:ino"));
        assertEquals(
                TarBuilder.MTIME,
                Files.getLastModifiedTime(layer.resolve("bin/tool")).toInstant());
        assertEquals(
                TarBuilder.MTIME,
                Files.getLastModifiedTime(layer.resolve("bin")).toInstant(),
                "directory time set last");
    }

    private String mode(String path) throws IOException {
        return Integer.toOctalString(
                (int) Files.getAttribute(layer.resolve(path), "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777);
    }
}
