package mydocker.ch04;

import static mydocker.syscall.OneLine.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mydocker.ch04.image.ImageConfig;
import mydocker.ch04.image.TarBuilder;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Mydocker;
import mydocker.syscall.Privileged;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Book 4.4 and Docker's image commands: commit, import, save, load, rmi, for real. */
@Privileged
class ImageCommandsIT {
    @RegisterExtension
    final Mydocker mydocker = Mydocker.of(Main.class);

    @TempDir
    Path work;

    private List<String> imageTable() {
        return mydocker.ok("images")
                .stdout()
                .lines()
                .skip(1)
                .map(l -> l.split(" +")[0] + ":" + l.split(" +")[1])
                .toList();
    }

    private long layerDirs() throws IOException {
        Path layers = mydocker.dataRoot().resolve("image/layers");
        if (!Files.isDirectory(layers)) {
            return 0;
        }
        try (Stream<Path> all = Files.list(layers)) {
            return all.count();
        }
    }

    @Test
    void commitKeepsWritesAndDeletionsAndTheImageStaysAsItWas() {
        String id = mydocker.ok("run", "busybox", "sh", "-c", "echo kept > /root/note; rm /bin/vi; hostname")
                .stdout()
                .strip();
        mydocker.ok("commit", id, "mine:v1");
        assertEquals(
                "kept\n",
                mydocker.ok("run", "--rm", "mine:v1", "cat", "/root/note").stdout());
        Result vi = mydocker.run("run", "--rm", "mine:v1", "ls", "/bin/vi");
        assertEquals(1, vi.exitCode(), "the deletion is a whiteout in the new layer: " + vi);
        assertEquals(
                "/bin/vi\n",
                mydocker.ok("run", "--rm", "busybox", "ls", "/bin/vi").stdout(),
                "busybox itself unchanged");
    }

    @Test
    void saveThenLoadKeepsTheIdAndWritesDockersFormat() throws Exception {
        mydocker.ok("run", "--rm", "busybox", "true");
        String before = mydocker.ok("images").stdout();
        Path archive = work.resolve("busybox.tar");
        mydocker.ok("save", "-o", archive.toString(), "busybox");

        Map<String, byte[]> files = readTar(archive);
        JsonNode manifest = new ObjectMapper().readTree(files.get("manifest.json"));
        assertEquals(1, manifest.size());
        JsonNode entry = manifest.get(0);
        assertEquals("busybox:latest", entry.get("RepoTags").get(0).asText());
        ImageConfig config = ImageConfig.parse(files.get(entry.get("Config").asText()));
        assertEquals(entry.get("Config").asText(), config.id().substring(7) + ".json", "the config's name is its ID");
        assertEquals(1, entry.get("Layers").size());
        assertEquals(
                config.diffIds().get(0),
                ImageConfig.sha256(files.get(entry.get("Layers").get(0).asText())),
                "each layer.tar hashes to its diff_id");

        mydocker.ok("rmi", "busybox");
        assertEquals(List.of(), imageTable());
        assertEquals(
                "Loaded image: busybox:latest\n",
                mydocker.ok("load", "-i", archive.toString()).stdout());
        assertEquals(
                before.lines().skip(1).map(l -> l.split(" +")[2]).toList(),
                mydocker.ok("images")
                        .stdout()
                        .lines()
                        .skip(1)
                        .map(l -> l.split(" +")[2])
                        .toList(),
                "same image ID");
        assertEquals("ok\n", mydocker.ok("run", "--rm", "busybox", "echo", "ok").stdout());
    }

    @Test
    void aHandBuiltTwoLayerArchiveWithAWhiteoutLoadsAndRuns() throws Exception {
        byte[] base = TarBuilder.busybox()
                .symlink("bin/cat", "busybox")
                .symlink("bin/ls", "busybox")
                .dir("etc", 0755)
                .file("etc/motd", "hello\n", 0644)
                .file("etc/secret", "gone\n", 0600)
                .build();
        byte[] top = new TarBuilder()
                .dir("etc", 0755)
                .file("etc/.wh.secret", "", 0644)
                .file("etc/motd", "hello from layer 2\n", 0644)
                .build();
        ImageConfig config = ImageConfig.create(
                List.of("cat", "/etc/motd"),
                List.of("PATH=/bin"),
                List.of(ImageConfig.sha256(base), ImageConfig.sha256(top)));
        Path archive = work.resolve("two-layers.tar");
        writeArchive(archive, config, "two:layers", List.of(base, top), false);

        assertEquals(
                "Loaded image: two:layers\n",
                mydocker.ok("load", "-i", archive.toString()).stdout());
        assertEquals(
                "hello from layer 2\n", mydocker.ok("run", "--rm", "two:layers").stdout());
        // hostname and hosts are the container's own, over the init layer's (ContainerLayout)
        assertEquals(
                "hostname\nhosts\nmotd\n",
                mydocker.ok("run", "--rm", "two:layers", "ls", "/etc").stdout(),
                "the whiteout hides etc/secret");
    }

    @Test
    void aManifestNamingAMissingLayerLoadsNothing() throws Exception {
        byte[] layer = new TarBuilder().file("f", "x", 0644).build();
        ImageConfig config = ImageConfig.create(List.of(), List.of(), List.of(ImageConfig.sha256(layer)));
        Path archive = work.resolve("broken.tar");
        writeArchive(archive, config, "broken:1", List.of(layer), true);
        Result r = mydocker.run("load", "-i", archive.toString());
        assertEquals(125, r.exitCode());
        assertTrue(
                r.stderr().startsWith("mydocker: the archive's manifest names layer '")
                        && r.stderr().lines().count() == 1,
                r::toString);
        assertTrue(r.stderr().contains("which is not in the archive"), r::toString);
        assertEquals(List.of(), imageTable());
        assertEquals(0, layerDirs());
    }

    @Test
    void aLayerThatDoesNotMatchItsDigestLoadsNothing() throws Exception {
        byte[] layer = new TarBuilder().file("f", "x", 0644).build();
        ImageConfig config = ImageConfig.create(List.of(), List.of(), List.of("sha256:" + "1".repeat(64)));
        Path archive = work.resolve("tampered.tar");
        writeArchive(archive, config, "tampered:1", List.of(layer), false);
        Result r = mydocker.run("load", "-i", archive.toString());
        assertEquals(125, r.exitCode());
        assertTrue(r.stderr().contains("the archive is corrupt"), r::toString);
        assertEquals(List.of(), imageTable());
        assertEquals(0, layerDirs(), "the layer it unpacked was removed again");
    }

    @Test
    void importMakesARunnableOneLayerImage() throws Exception {
        Path rootfs = work.resolve("rootfs.tar");
        Files.write(rootfs, TarBuilder.busybox().build());
        String id = mydocker.ok("import", rootfs.toString(), "tiny:1").stdout().strip();
        assertTrue(id.matches("sha256:[0-9a-f]{64}"), id);
        assertEquals(
                "tiny works\n",
                mydocker.ok("run", "--rm", "tiny:1", "/bin/sh", "-c", "echo tiny works")
                        .stdout(),
                "mount points the rootfs lacks are made");
    }

    @Test
    void importOfSomethingThatIsNotATarRegistersNothing() throws Exception {
        Path notTar = Files.writeString(work.resolve("notes.txt"), "just text\n".repeat(100));
        Result r = mydocker.run("import", notTar.toString(), "bad:1");
        assertEquals(125, r.exitCode());
        assertTrue(
                r.stderr().startsWith("mydocker: not a") && r.stderr().lines().count() == 1, r::toString);
        Path truncated = work.resolve("truncated.tar");
        byte[] whole = new TarBuilder().file("big", "x".repeat(20000), 0644).build();
        Files.write(truncated, Arrays.copyOf(whole, 3000));
        assertEquals(125, mydocker.run("import", truncated.toString(), "bad:2").exitCode());
        assertEquals(List.of(), imageTable());
        assertEquals(0, layerDirs());
        assertEquals(
                125,
                mydocker.run("import", work.resolve("missing.tar").toString(), "bad:3")
                        .exitCode());
        assertEquals(125, mydocker.run("import", notTar.toString(), "Bad Name").exitCode());
    }

    @Test
    void rmiRefusesAnImageInUse() {
        String id = mydocker.ok("run", "busybox", "hostname").stdout().strip();
        Result r = mydocker.run("rmi", "busybox");
        assertEquals(125, r.exitCode());
        assertEquals(
                "mydocker: conflict: unable to remove image busybox: container " + id
                        + " uses it (remove the container first)\n",
                r.stderr());
        assertEquals(List.of("busybox:latest"), imageTable());
    }

    @Test
    void badInputIsOneLineNamingWhatIsWrong() throws Exception {
        mydocker.ok("run", "--rm", "busybox", "true");
        assertOneLine(
                mydocker.run("save", "-o", "/nonexistdir-" + work.getFileName() + "/x.tar", "busybox"),
                "mydocker: cannot write /nonexistdir-" + work.getFileName() + "/x.tar: directory /nonexistdir-"
                        + work.getFileName() + " does not exist");
        assertOneLine(
                mydocker.run("load", "-i", "/dev/null"),
                "mydocker: /dev/null is a character device, not a regular file holding a docker-save archive");
        assertOneLine(
                mydocker.run("load", "-i", work.toString()),
                "mydocker: " + work + " is a directory, not a docker-save archive");
        assertOneLine(
                mydocker.run("import", work.toString(), "x:1"),
                "mydocker: " + work + " is a directory, not a tar archive");

        Path badJson = work.resolve("bad-json.tar");
        new SaveArchiveBuilder(badJson)
                .file("manifest.json", "[{\"Config\": ".getBytes())
                .close();
        Result r = mydocker.run("load", "-i", badJson.toString());
        assertEquals(125, r.exitCode());
        assertEquals(1, r.stderr().lines().count(), r::toString);
        assertTrue(
                r.stderr()
                        .startsWith("mydocker: the archive's manifest.json is not a docker-save manifest:"
                                + " it is not valid JSON: "),
                r::toString);
        assertFalse(r.stderr().contains("Source"), r::toString);

        byte[] layer = new TarBuilder().file("f", "x", 0644).build();
        Path badConfig = work.resolve("bad-config.tar");
        new SaveArchiveBuilder(badConfig)
                .entry("c.json", "x:1", List.of("l.tar"))
                .file("c.json", "{\"created\": 5, [".getBytes())
                .file("l.tar", layer)
                .withManifest();
        Result c = mydocker.run("load", "-i", badConfig.toString());
        assertEquals(1, c.stderr().lines().count(), c::toString);
        assertTrue(
                c.stderr().startsWith("mydocker: the archive's config 'c.json' is not an image config: "), c::toString);
        assertOneLine(
                mydocker.run("load", "-i", notATar().toString()),
                "mydocker: " + notATar() + ": not a readable tar archive:"
                        + " Corrupted TAR archive. (nothing was loaded)");
        assertEquals(List.of("busybox:latest"), imageTable());
        assertEquals(1, layerDirs());
    }

    private Path notATar() throws IOException {
        return Files.writeString(work.resolve("notes.txt"), "just text\n".repeat(100));
    }

    @Test
    void aHexLookingNameAndDockerHubsLongNamesRun() throws Exception {
        Path rootfs = work.resolve("rootfs.tar");
        Files.write(rootfs, TarBuilder.busybox().build());
        String id = mydocker.ok("import", rootfs.toString(), "0123456789ab")
                .stdout()
                .strip();
        assertEquals(
                "hex\n",
                mydocker.ok("run", "--rm", "0123456789ab", "/bin/sh", "-c", "echo hex")
                        .stdout(),
                "names resolve before ID prefixes");
        assertEquals(
                "at\n",
                mydocker.ok("run", "--rm", "0123456789ab@" + id, "/bin/sh", "-c", "echo at")
                        .stdout(),
                "by digest");

        Path archive = work.resolve("long-name.tar");
        new SaveArchiveBuilder(archive)
                .image(
                        "docker.io/library/tiny:1",
                        List.of(Files.readAllBytes(rootfs)),
                        List.of("/bin/sh", "-c", "echo tiny"))
                .withManifest();
        assertEquals(
                "Loaded image: tiny:1\n",
                mydocker.ok("load", "-i", archive.toString()).stdout());
        assertEquals("tiny\n", mydocker.ok("run", "--rm", "tiny:1").stdout());
        assertEquals(
                "tiny\n", mydocker.ok("run", "--rm", "docker.io/library/tiny:1").stdout());
        assertEquals(
                "tiny\n",
                mydocker.ok("run", "--rm", "index.docker.io/library/tiny:1").stdout());
        mydocker.ok("import", rootfs.toString(), "127.0.0.1:5000/tiny:2");
        assertEquals(
                "port\n",
                mydocker.ok("run", "--rm", "127.0.0.1:5000/tiny:2", "/bin/sh", "-c", "echo port")
                        .stdout());
        assertTrue(
                imageTable().containsAll(List.of("0123456789ab:latest", "tiny:1", "127.0.0.1:5000/tiny:2")),
                imageTable()::toString);
        Result hex = mydocker.run("import", rootfs.toString(), "0123456789abcdef".repeat(4));
        assertEquals(
                "mydocker: invalid repository name (" + "0123456789abcdef".repeat(4)
                        + "), cannot specify 64-byte hexadecimal strings\n",
                hex.stderr());
    }

    private static Map<String, byte[]> readTar(Path archive) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(archive))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                files.put(e.getName(), tar.readAllBytes());
            }
        }
        return files;
    }

    /** A docker-save archive as Docker writes one; {@code dropLastLayer} leaves a layer out of it. */
    private static void writeArchive(
            Path archive, ImageConfig config, String tag, List<byte[]> layers, boolean dropLastLayer)
            throws IOException {
        ObjectMapper json = new ObjectMapper();
        var manifest = json.createArrayNode();
        var entry = manifest.addObject();
        String configName = config.id().substring(7) + ".json";
        entry.put("Config", configName);
        entry.putArray("RepoTags").add(tag);
        var names = entry.putArray("Layers");
        List<String> layerNames = new ArrayList<>();
        for (byte[] layer : layers) {
            String name = ImageConfig.sha256(layer).substring(7) + "/layer.tar";
            names.add(name);
            layerNames.add(name);
        }
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(archive))) {
            put(tar, "manifest.json", json.writeValueAsBytes(manifest));
            put(tar, configName, config.bytes());
            for (int i = 0; i < layers.size() - (dropLastLayer ? 1 : 0); i++) {
                put(tar, layerNames.get(i), layers.get(i));
            }
        }
    }

    private static void put(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(bytes.length);
        tar.putArchiveEntry(e);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }
}
