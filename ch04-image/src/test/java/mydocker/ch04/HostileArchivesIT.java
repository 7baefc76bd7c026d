package mydocker.ch04;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import mydocker.ch04.image.ImageConfig;
import mydocker.ch04.image.StoreChecksum;
import mydocker.ch04.image.TarBuilder;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Mydocker;
import mydocker.syscall.Privileged;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tars and archives made to hurt the store or the host, through the real
 * CLI: whiteouts that name {@code ..}, archive members that are links to
 * host files, archives that are half good. Each must leave the store as it
 * was, and the images already there must still run.
 */
@Privileged
class HostileArchivesIT {
    @RegisterExtension
    final Mydocker mydocker = Mydocker.of(Main.class);

    @TempDir
    Path work;

    /** A store with something in it: busybox, and a stopped container with a write in its upper dir. */
    @BeforeEach
    void fillTheStore() {
        mydocker.ok("run", "busybox", "sh", "-c", "echo kept > /root/note");
    }

    /** Everything in the store: images, layers, names, containers and their upper dirs. */
    private String storeChecksum() throws IOException {
        return StoreChecksum.outside(mydocker.dataRoot(), mydocker.dataRoot().resolve("image/.lock"));
    }

    private static final List<TarBuilder> HOSTILE_LAYERS = List.of(
            new TarBuilder().file(".wh...", "", 0644),
            new TarBuilder().dir("a", 0755).file("a/.wh...", "", 0644),
            new TarBuilder().dir("a/b", 0755).file("a/b/.wh...", "", 0644),
            new TarBuilder().dir("a", 0755).file("a/x", "x", 0644).file("a/.wh.", "", 0644),
            new TarBuilder().file(".wh..", "", 0644),
            new TarBuilder().dir("a", 0755).file("a/.wh..", "", 0644),
            new TarBuilder().symlink("up", "..").file("up/.wh.layers", "", 0644),
            new TarBuilder().symlink("up", "../../..").file("up/.wh...", "", 0644));

    @Test
    void hostileWhiteoutsChangeNothingOutsideTheLayerWhetherImportedOrLoaded() throws Exception {
        String before = storeChecksum();
        int n = 0;
        for (TarBuilder hostile : HOSTILE_LAYERS) {
            byte[] layer = hostile.build();
            Path tar = Files.write(work.resolve("hostile-" + ++n + ".tar"), layer);
            Result imported = mydocker.run("import", tar.toString(), "hostile:" + n);
            assertEquals(125, imported.exitCode(), imported::toString);
            assertEquals(1, imported.stderr().lines().count(), imported::toString);
            assertEquals(before, storeChecksum(), "import of hostile layer " + n + " changed the store");

            Path archive = work.resolve("hostile-" + n + "-archive.tar");
            new SaveArchiveBuilder(archive)
                    .image("hostile:" + n, List.of(layer), List.of("sh"))
                    .withManifest();
            assertEquals(125, mydocker.run("load", "-i", archive.toString()).exitCode());
            assertEquals(before, storeChecksum(), "load of hostile layer " + n + " changed the store");
        }
        // The archive itself is not unpacked as a layer any more, but try its members too.
        Path archive = work.resolve("hostile-members.tar");
        new SaveArchiveBuilder(archive)
                .file(".wh...", new byte[0])
                .file("a/.wh..", new byte[0])
                .withManifest();
        assertEquals(125, mydocker.run("load", "-i", archive.toString()).exitCode());
        assertEquals(before, storeChecksum());
        mydocker.ok("run", "--rm", "busybox", "true");
        assertEquals("ok\n", mydocker.ok("run", "--rm", "busybox", "echo", "ok").stdout(), "the image still runs");
    }

    @Test
    void archiveMembersThatAreLinksToHostFilesAreRefused() throws Exception {
        String before = storeChecksum();
        byte[] layer = tinyRootfs();
        ImageConfig config =
                ImageConfig.create(List.of("sh"), List.of("PATH=/bin"), List.of(ImageConfig.sha256(layer)));
        Path hostConfig = Files.write(work.resolve("host-config.json"), config.bytes());
        Path hostLayer = Files.write(work.resolve("host-layer.tar"), layer);
        String configName = config.id().substring(7) + ".json";
        String layerName = ImageConfig.sha256(layer).substring(7) + "/layer.tar";

        Path manifestLink = work.resolve("manifest-link.tar");
        new SaveArchiveBuilder(manifestLink)
                .symlink("manifest.json", "/etc/passwd")
                .close();
        refused(manifestLink, "manifest 'manifest.json', which is a symlink (to '/etc/passwd') in the archive");

        Path configLink = work.resolve("config-link.tar");
        new SaveArchiveBuilder(configLink)
                .entry(configName, "stolen:1", List.of(layerName))
                .symlink(configName, hostConfig.toString())
                .file(layerName, layer)
                .withManifest();
        refused(configLink, "config '" + configName + "', which is a symlink");

        Path layerLink = work.resolve("layer-link.tar");
        new SaveArchiveBuilder(layerLink)
                .entry(configName, "stolen:1", List.of(layerName))
                .file(configName, config.bytes())
                .symlink(layerName, hostLayer.toString())
                .withManifest();
        refused(layerLink, "layer '" + layerName + "', which is a symlink");

        Path hardLink = work.resolve("hard-link.tar");
        new SaveArchiveBuilder(hardLink)
                .entry(configName, "stolen:1", List.of(layerName))
                .file(configName, config.bytes())
                .hardlink(layerName, hostLayer.toString())
                .withManifest();
        refused(hardLink, "layer '" + layerName + "', which is a hard link");

        assertEquals(before, storeChecksum());
        assertEquals(List.of("busybox"), images());
    }

    @Test
    void docker25SymlinksTheManifestDoesNotNameDoNotStopALoad() throws Exception {
        byte[] layer = tinyRootfs();
        Path archive = work.resolve("docker25.tar");
        String blob = "blobs/sha256/" + ImageConfig.sha256(layer).substring(7);
        new SaveArchiveBuilder(archive)
                .image("tiny:25", List.of(layer), List.of("sh"))
                .symlink("0123/layer.tar", "../" + blob)
                .file(blob, layer)
                .withManifest();
        assertEquals(
                "Loaded image: tiny:25\n",
                mydocker.ok("load", "-i", archive.toString()).stdout());
        assertEquals("ok\n", mydocker.ok("run", "--rm", "tiny:25", "echo", "ok").stdout());
    }

    @Test
    void anArchiveWithSeveralImagesLoadsAllOrNone() throws Exception {
        String before = storeChecksum();
        byte[] good = tinyRootfs();
        byte[] other = new TarBuilder().file("f", "x", 0644).build();
        Path archive = work.resolve("half-good.tar");
        var builder = new SaveArchiveBuilder(archive).image("good:1", List.of(good), List.of("sh"));
        ImageConfig lying = ImageConfig.create(List.of("sh"), List.of(), List.of("sha256:" + "1".repeat(64)));
        builder.file(lying.id().substring(7) + ".json", lying.bytes())
                .file("bad/layer.tar", other)
                .entry(lying.id().substring(7) + ".json", "bad:1", List.of("bad/layer.tar"))
                .withManifest();
        Result r = mydocker.run("load", "-i", archive.toString());
        assertEquals(125, r.exitCode());
        assertEquals("", r.stdout(), "nothing said loaded");
        assertTrue(
                r.stderr().contains("the archive is corrupt")
                        && r.stderr().lines().count() == 1,
                r::toString);
        assertEquals(before, storeChecksum(), "good:1's layer went with the load");
        assertEquals(List.of("busybox"), images());

        Path empty = work.resolve("zero-layers.tar");
        new SaveArchiveBuilder(empty).image("empty:1", List.of(), List.of("sh")).withManifest();
        Result zero = mydocker.run("load", "-i", empty.toString());
        assertEquals(
                "mydocker: image empty:1 has no layers: there is nothing to make its root filesystem of"
                        + " (nothing was loaded)\n",
                zero.stderr());
        assertEquals(before, storeChecksum());

        Path both = work.resolve("both-good.tar");
        new SaveArchiveBuilder(both)
                .image("good:1", List.of(good), List.of("sh"))
                .image("good:2", List.of(good, other), List.of("sh"))
                .withManifest();
        assertEquals(
                "Loaded image: good:1\nLoaded image: good:2\n",
                mydocker.ok("load", "-i", both.toString()).stdout());
        assertEquals("ok\n", mydocker.ok("run", "--rm", "good:2", "echo", "ok").stdout());
    }

    private void refused(Path archive, String says) throws IOException {
        Result r = mydocker.run("load", "-i", archive.toString());
        assertEquals(125, r.exitCode(), r::toString);
        assertEquals(1, r.stderr().lines().count(), r::toString);
        assertTrue(r.stderr().contains(says), r::toString);
        assertFalse(r.stderr().contains("root:"), "a host file's content in the message: " + r);
        try (Stream<Path> layers = Files.list(mydocker.dataRoot().resolve("image/layers"))) {
            assertEquals(1, layers.count(), "busybox's layer only");
        }
    }

    private List<String> images() {
        return mydocker.ok("images")
                .stdout()
                .lines()
                .skip(1)
                .map(l -> l.split(" +")[0])
                .toList();
    }

    static byte[] tinyRootfs() {
        return TarBuilder.busybox()
                .symlink("bin/echo", "busybox")
                .symlink("bin/true", "busybox")
                .build();
    }
}
