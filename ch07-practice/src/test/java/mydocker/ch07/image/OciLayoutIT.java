package mydocker.ch07.image;

import static java.nio.charset.StandardCharsets.UTF_8;
import static mydocker.syscall.OneLine.assertOneLineStartingWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mydocker.ch04.image.ImageConfig;
import mydocker.ch07.Main;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Mydocker;
import mydocker.syscall.Privileged;
import mydocker.syscall.RemovesSkopeoCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code load} of OCI image layouts, hand-made: what loads (a tar and a
 * directory, gzip, zstd and plain layers, a multi-platform index), and the
 * attacks, each refused on one line with nothing left in the store: no image,
 * no layer, no scratch area; and the round trips with skopeo, podman and
 * umoci, the tools that write and read layouts (each run in a mount namespace
 * of its own with a tmpfs on /var/lib: skopeo as root keeps a blob cache in
 * /var/lib/containers, which is the host's, not the test's).
 */
@Privileged
@ExtendWith(RemovesSkopeoCache.class)
class OciLayoutIT {
    @RegisterExtension
    final Mydocker mydocker = Mydocker.of(Main.class);

    @TempDir
    Path work;

    private final byte[] hello;
    private final byte[] world;

    OciLayoutIT() throws IOException {
        hello = LayoutBuilder.layerTar("hello", "hello\n");
        world = LayoutBuilder.layerTar("world", "world\n");
    }

    @Test
    void aLayoutLoadsFromATarAndFromADirectoryWithGzipZstdAndPlainLayers() throws Exception {
        byte[] plain = LayoutBuilder.layerTar("plain", "plain\n");
        LayoutBuilder layout = new LayoutBuilder();
        Descriptor gz = layout.image(MediaType.Compression.GZIP, hello);
        Descriptor zst = layout.image(MediaType.Compression.ZSTD, hello, world);
        Descriptor tar = layout.image(MediaType.Compression.NONE, plain);
        layout.index(
                LayoutBuilder.named(gz, "docker.io/library/gz:v1"),
                LayoutBuilder.named(zst, "localhost/zst:v2"),
                LayoutBuilder.named(tar, "latest"));
        Result r = mydocker.ok("load", "-i", layout.tar(work.resolve("oci.tar")).toString());
        String plainId =
                ImageConfig.parse(layout.files.get(configPath(layout, tar))).id();
        assertEquals(
                "Loaded image: gz:v1\nLoaded image: localhost/zst:v2\nLoaded image ID: " + plainId + "\n", r.stdout());
        assertEquals(
                List.of("<none>:<none>", "gz:v1", "localhost/zst:v2"),
                images().stream().sorted().toList());
        assertEquals(3, count("image/layers"), "hello, world and plain: hello once");
        Path layers = mydocker.dataRoot().resolve("image/layers");
        assertEquals(
                "world\n",
                Files.readString(layers.resolve(Digest.of(world).hex()).resolve("world")));

        Files.delete(mydocker.dataRoot().resolve("image/repositories.json"));
        assertEquals(
                "Loaded image: gz:v1\nLoaded image: localhost/zst:v2\nLoaded image ID: " + plainId + "\n",
                mydocker.ok("load", "-i", layout.dir(work.resolve("dir")).toString())
                        .stdout(),
                "the same layout as a directory");
        assertEquals(0, count("image/tmp"), "no scratch left");
    }

    @Test
    void aMultiPlatformImageLoadsThisMachinesManifestThroughANestedIndex() throws Exception {
        LayoutBuilder layout = new LayoutBuilder();
        Descriptor arm = layout.image(MediaType.Compression.GZIP, world);
        Descriptor amd = layout.image(MediaType.Compression.GZIP, hello);
        Descriptor attestation = new Descriptor(
                MediaType.OCI_MANIFEST, Digest.of(new byte[0]), 0, Map.of(), new Platform("unknown", "unknown", null));
        Descriptor index = layout.blob(
                MediaType.OCI_INDEX,
                new ImageIndex(List.of(
                                platform(arm, new Platform("linux", "arm64", "v8")),
                                attestation,
                                platform(amd, Platform.HOST)))
                        .toJson());
        layout.index(LayoutBuilder.named(index, "docker.io/library/multi:1"));
        assertEquals(
                "Loaded image: multi:1\n",
                mydocker.ok("load", "-i", layout.tar(work.resolve("multi.tar")).toString())
                        .stdout());
        assertEquals(1, count("image/layers"), "only this machine's image: hello, not world");
        assertTrue(Files.exists(mydocker.dataRoot()
                .resolve("image/layers")
                .resolve(Digest.of(hello).hex())));
    }

    @Test
    void aDigestThatIsAPathIsRefused() throws Exception {
        LayoutBuilder layout = new LayoutBuilder();
        layout.index(LayoutBuilder.named(layout.image(MediaType.Compression.GZIP, hello), "x:1"));
        String index = new String(layout.files.get("index.json"), UTF_8);
        layout.files.put(
                "index.json",
                index.replaceFirst("sha256:[0-9a-f]{64}", "sha256:../../../../etc/passwd")
                        .getBytes(UTF_8));
        refused(layout, "index.json: not an image index: manifests[0].digest \"sha256:../../../../etc/passwd\" is not");
    }

    @Test
    void aBlobThatIsASymlinkOutOfTheLayoutIsRefusedEvenWithTheRightBytes() throws Exception {
        LayoutBuilder layout = new LayoutBuilder();
        Descriptor image = layout.image(MediaType.Compression.GZIP, hello);
        layout.index(LayoutBuilder.named(image, "x:1"));
        Path dir = layout.dir(work.resolve("dir"));
        Path outside = Files.write(work.resolve("outside"), layout.files.get(LayoutBuilder.path(image)));
        Path blob = dir.resolve(LayoutBuilder.path(image));
        Files.delete(blob);
        Files.createSymbolicLink(blob, outside);
        assertNothingLoaded(
                mydocker.run("load", "-i", dir.toString()),
                "blobs/sha256/" + image.digest().hex() + " in layout " + dir + " is a symlink, not a regular file");
        Files.delete(blob);
        Files.write(blob, layout.files.get(LayoutBuilder.path(image)));
        Path elsewhere = Files.move(dir.resolve("blobs/sha256"), work.resolve("elsewhere"));
        Files.createSymbolicLink(dir.resolve("blobs/sha256"), elsewhere);
        assertNothingLoaded(
                mydocker.run("load", "-i", dir.toString()), "blobs/sha256 in layout " + dir + " is a symlink");
    }

    @Test
    void aBlobWhoseBytesAreNotItsDigestIsRefused() throws Exception {
        LayoutBuilder layout = new LayoutBuilder();
        Descriptor image = layout.image(MediaType.Compression.NONE, hello);
        layout.index(LayoutBuilder.named(image, "x:1"));
        String layer = "blobs/sha256/" + Digest.of(hello).hex();
        byte[] tampered = hello.clone();
        tampered[600] = 'j'; // "hello" -> "jello", same size
        layout.files.put(layer, tampered);
        refused(
                layout,
                "the archive's layer 1 of x:1 (sha256:" + Digest.of(hello).hex() + ") has digest sha256:");
    }

    @Test
    void aSizeLieIsRefused() throws Exception {
        LayoutBuilder layout = new LayoutBuilder();
        Descriptor image = layout.image(MediaType.Compression.GZIP, hello);
        layout.index(new Descriptor(image.mediaType(), image.digest(), image.size() - 1));
        refused(layout, "the archive's manifest of image 1 of index.json (" + image.digest() + ") is more than");
        assertNothingLoaded(
                mydocker.run("load", "-i", layout.dir(work.resolve("dir")).toString()),
                "the layout's manifest of image 1 of index.json (" + image.digest() + ") is more than");
        layout.index(new Descriptor(image.mediaType(), image.digest(), 1L << 40));
        refused(
                layout,
                "the archive's manifest of image 1 of index.json (" + image.digest() + ") is 1099511627776"
                        + " bytes by its descriptor: too big to be one");
    }

    @Test
    void aNestedIndexLoopIsRefused() throws Exception {
        LayoutBuilder layout = new LayoutBuilder();
        // An index that lists itself: it cannot hold its own digest, so its digest check refuses it.
        Digest self = Digest.of("stand-in".getBytes(UTF_8));
        byte[] loop = new ImageIndex(List.of(new Descriptor(MediaType.OCI_INDEX, self, 100))).toJson();
        layout.files.put("blobs/sha256/" + self.hex(), loop);
        layout.index(new Descriptor(MediaType.OCI_INDEX, self, loop.length));
        refused(layout, "the archive's index of image 1 of index.json (" + self + ") has digest");

        // A chain of real indexes, each a distinct blob: refused past the depth no image needs.
        LayoutBuilder chain = new LayoutBuilder();
        Descriptor next = chain.image(MediaType.Compression.GZIP, hello);
        for (int i = 0; i <= OciImages.MAX_NESTING; i++) {
            next = chain.blob(MediaType.OCI_INDEX, new ImageIndex(List.of(next)).toJson());
        }
        chain.index(next);
        refused(chain, "image 1 of index.json: image indexes nest more than " + OciImages.MAX_NESTING + " deep");
    }

    @Test
    void aHugeIndexIsRefused() throws Exception {
        LayoutBuilder layout = new LayoutBuilder();
        layout.index(LayoutBuilder.named(layout.image(MediaType.Compression.GZIP, hello), "x:1"));
        byte[] index = layout.files.get("index.json");
        byte[] huge = new byte[Manifest.MAX_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        System.arraycopy(index, 0, huge, 0, index.length);
        layout.files.put("index.json", huge);
        refused(layout, "index.json is more than " + Manifest.MAX_BYTES + " bytes: too big to be one");
    }

    @Test
    void aLayerWhoseDiffIdIsNotTheConfigsIsRefused() throws Exception {
        LayoutBuilder layout = new LayoutBuilder();
        Descriptor layer =
                layout.blob(MediaType.OCI_LAYER_GZIP, LayoutBuilder.compress(hello, MediaType.Compression.GZIP));
        ImageConfig config = ImageConfig.create(
                List.of("/hello"), List.of(), List.of(Digest.of(world).value()));
        Descriptor configBlob = layout.blob(MediaType.OCI_CONFIG, config.bytes());
        layout.index(LayoutBuilder.named(
                layout.blob(MediaType.OCI_MANIFEST, new Manifest(configBlob, List.of(layer)).toJson()), "x:1"));
        refused(
                layout,
                "layer 1 of image " + config.id() + " has digest " + Digest.of(hello) + " but the config says "
                        + Digest.of(world));
    }

    @Test
    void aMissingBlobIsRefused() throws Exception {
        LayoutBuilder layout = new LayoutBuilder();
        layout.index(LayoutBuilder.named(layout.image(MediaType.Compression.GZIP, hello, world), "x:1"));
        Digest worldGz = Digest.of(LayoutBuilder.compress(world, MediaType.Compression.GZIP));
        layout.files.remove("blobs/sha256/" + worldGz.hex());
        refused(layout, "the archive has no blob for layer 2 of x:1 (" + worldGz + ")");
        assertNothingLoaded(
                mydocker.run("load", "-i", layout.dir(work.resolve("dir")).toString()),
                "the layout has no blob for layer 2 of x:1 (" + worldGz + ")");
    }

    @Test
    void aLayerThatIsNotWhatItsMediaTypeSaysIsRefused() throws Exception {
        LayoutBuilder layout = new LayoutBuilder();
        Descriptor layer =
                layout.blob(MediaType.OCI_LAYER_ZSTD, LayoutBuilder.compress(hello, MediaType.Compression.GZIP));
        ImageConfig config = ImageConfig.create(
                List.of(), List.of(), List.of(Digest.of(hello).value()));
        layout.index(LayoutBuilder.named(
                layout.blob(
                        MediaType.OCI_MANIFEST,
                        new Manifest(layout.blob(MediaType.OCI_CONFIG, config.bytes()), List.of(layer)).toJson()),
                "x:1"));
        refused(layout, "layer 1 of x:1 is not valid zstd data: ");
    }

    @Test
    void anArchiveThatIsNeitherFormatAndADirectoryThatIsNoLayoutAreRefused() throws Exception {
        LayoutBuilder layout = new LayoutBuilder();
        layout.files.remove("oci-layout");
        layout.files.put("hello", hello);
        Path tar = layout.tar(work.resolve("other.tar"));
        assertNothingLoaded(
                mydocker.run("load", "-i", tar.toString()),
                tar + " is neither a docker-save archive (it has no manifest.json) nor an OCI archive (no index.json)");
        Path dir = Files.createDirectories(work.resolve("empty"));
        assertOneLineStartingWith(
                mydocker.run("load", "-i", dir.toString()),
                "mydocker: " + dir + " is a directory but not an OCI image layout (it has no oci-layout file)");
    }

    @Test
    void aDockerSaveArchiveWithAnIndexTooIsReadByItsManifest() throws Exception {
        // Docker 25+ writes both: manifest.json naming the layout's blobs, and an OCI index.json.
        LayoutBuilder layout = new LayoutBuilder();
        Descriptor image = layout.image(MediaType.Compression.NONE, hello);
        layout.index(LayoutBuilder.named(image, "docker.io/library/from-index:2"));
        Manifest manifest = Manifest.parse(layout.files.get(LayoutBuilder.path(image)));
        String dockerManifest = "[{\"Config\":\"" + LayoutBuilder.path(manifest.config())
                + "\",\"RepoTags\":[\"docker25:1\"],\"Layers\":[\""
                + LayoutBuilder.path(manifest.layers().get(0)) + "\"]}]";
        layout.files.put("manifest.json", dockerManifest.getBytes(UTF_8));
        assertEquals(
                "Loaded image: docker25:1\n",
                mydocker.ok(
                                "load",
                                "-i",
                                layout.tar(work.resolve("docker25.tar")).toString())
                        .stdout());
    }

    @Test
    void saveOciWritesSeveralImagesEachBlobOnceAndLoadKeepsTheirIdsAndNames() throws Exception {
        LayoutBuilder layout = new LayoutBuilder();
        layout.index(
                LayoutBuilder.named(layout.image(MediaType.Compression.GZIP, hello), "docker.io/library/one:1"),
                LayoutBuilder.named(layout.image(MediaType.Compression.GZIP, hello, world), "127.0.0.1:5000/two:2"));
        mydocker.ok("load", "-i", layout.tar(work.resolve("in.tar")).toString());
        String one = shortId("one");
        String two = shortId("127.0.0.1:5000/two");
        Path saved = work.resolve("out.tar");
        mydocker.ok("save", "--format", "oci", "-o", saved.toString(), "one:1", "127.0.0.1:5000/two:2");

        LayoutBuilder read = new LayoutBuilder();
        read.files.clear();
        try (var tar =
                new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(Files.newInputStream(saved))) {
            for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                assertTrue(read.files.put(e.getName(), tar.readAllBytes()) == null, "written twice: " + e.getName());
            }
        }
        ImageIndex index = ImageIndex.parse(read.files.get("index.json"));
        assertEquals(
                List.of("docker.io/library/one:1", "127.0.0.1:5000/two:2"),
                index.manifests().stream().map(d -> d.refName().orElseThrow()).toList());
        assertTrue(read.files.containsKey("blobs/sha256/" + Digest.of(hello).hex()), "layers as their tars");
        assertEquals(1 + 1 + 2 + 2 + 2, read.files.size(), "oci-layout, index.json, 2 layers, 2 configs, 2 manifests");

        mydocker.ok("rmi", "one:1");
        mydocker.ok("rmi", "127.0.0.1:5000/two:2");
        assertEquals(
                "Loaded image: one:1\nLoaded image: 127.0.0.1:5000/two:2\n",
                mydocker.ok("load", "-i", saved.toString()).stdout());
        assertEquals(List.of(one, two), List.of(shortId("one"), shortId("127.0.0.1:5000/two")));
    }

    @Test
    void saveRefusesAnUnknownFormatAndSeveralImagesInDockersFormat() throws Exception {
        Path out = work.resolve("out.tar");
        mydocker.ok("save", "-o", out.toString(), "busybox"); // busybox made (its first use says so on stderr)
        Files.delete(out);
        assertOneLineStartingWith(
                mydocker.run("save", "--format", "zip", "-o", out.toString(), "busybox"),
                "mydocker: invalid --format 'zip': use docker (docker save's archive, the default) or oci");
        assertOneLineStartingWith(
                mydocker.run("save", "-o", out.toString(), "busybox", "busybox"),
                "mydocker: the docker format holds one image here: save several with --format oci, or one by one");
        assertOneLineStartingWith(
                mydocker.run("save", "--format", "oci", "-o", out.toString(), "busybox", "nope:1"),
                "mydocker: Unable to find image 'nope:1' locally");
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.toList(), "no archive, no temporary file");
        }
    }

    @Test
    void skopeosLayoutDirectoryAndZstdArchiveLoadAndRun() throws Exception {
        Path saved = work.resolve("busybox.tar");
        mydocker.ok("save", "-o", saved.toString(), "busybox");
        Path dir = work.resolve("layout");
        tool("skopeo", "--insecure-policy", "copy", "-q", "docker-archive:" + saved, "oci:" + dir + ":latest");
        Result fromDir = mydocker.ok("load", "-i", dir.toString());
        assertTrue(fromDir.stdout().startsWith("Loaded image ID: sha256:"), fromDir::toString);

        Path zstd = work.resolve("zstd.tar");
        tool(
                "skopeo",
                "--insecure-policy",
                "copy",
                "-q",
                "--dest-compress-format",
                "zstd",
                "docker-archive:" + saved,
                "oci-archive:" + zstd + ":docker.io/library/app:zstd");
        assertEquals(
                "Loaded image: app:zstd\n",
                mydocker.ok("load", "-i", zstd.toString()).stdout());
        assertEquals(
                "hi\n", mydocker.ok("run", "--rm", "app:zstd", "echo", "hi").stdout());
    }

    @Test
    void oursGoesThroughSkopeoPodmanAndUmociAndComesBack() throws Exception {
        Path ours = work.resolve("ours.tar");
        mydocker.ok("save", "--format", "oci", "-o", ours.toString(), "busybox");
        String id = shortId("busybox");

        Path viaSkopeo = work.resolve("via-skopeo.tar");
        tool(
                "skopeo",
                "--insecure-policy",
                "copy",
                "-q",
                "oci-archive:" + ours + ":docker.io/library/busybox:latest",
                "docker-archive:" + viaSkopeo + ":back:1");
        assertEquals(
                "Loaded image: back:1\n",
                mydocker.ok("load", "-i", viaSkopeo.toString()).stdout());
        assertEquals("hi\n", mydocker.ok("run", "--rm", "back:1", "echo", "hi").stdout());

        List<String> podman = List.of(
                "podman",
                "--root",
                work.resolve("podman/root").toString(),
                "--runroot",
                work.resolve("podman/run").toString(),
                "--tmpdir",
                work.resolve("podman/tmp").toString(),
                "--storage-driver",
                "vfs",
                "--cgroup-manager",
                "cgroupfs",
                "--events-backend",
                "none");
        tool(concat(podman, "load", "-q", "-i", ours.toString()));
        assertEquals(
                id + "\n",
                tool(concat(podman, "images", "-q", "docker.io/library/busybox:latest")),
                "podman has our image under its name, with our ID");
        Path fromPodman = work.resolve("podman.tar");
        tool(concat(podman, "save", "-q", "--format", "oci-archive", "-o", fromPodman.toString(), "busybox:latest"));
        mydocker.ok("rmi", "busybox");
        assertEquals(
                "Loaded image: busybox:latest\n",
                mydocker.ok("load", "-i", fromPodman.toString()).stdout());
        assertEquals(id, shortId("busybox"), "podman's gzip layers: the same image");

        Path layout = Files.createDirectories(work.resolve("umoci"));
        tool("tar", "-xf", ours.toString(), "-C", layout.toString());
        Path bundle = work.resolve("bundle");
        tool("umoci", "unpack", "--image", layout + ":docker.io/library/busybox:latest", bundle.toString());
        assertTrue(Files.isRegularFile(bundle.resolve("rootfs/bin/busybox")), "umoci unpacked our layers");
    }

    /** {@code command}, which must succeed, in a mount namespace of its own with a tmpfs on /var/lib; its stdout. */
    private String tool(String... command) throws Exception {
        return tool(List.of(command));
    }

    private String tool(List<String> command) throws Exception {
        assertTrue(
                Files.isExecutable(Path.of("/usr/bin", command.get(0))),
                command.get(0) + " is missing: run ./scripts/install-deps.sh");
        List<String> all = new java.util.ArrayList<>(List.of(
                "unshare",
                "--mount",
                "--propagation",
                "private",
                "--",
                "sh",
                "-c",
                "mount -t tmpfs tmpfs /var/lib && exec \"$@\"",
                "sh"));
        all.addAll(command);
        Process p = new ProcessBuilder(all).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        assertTrue(p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES), "still running: " + command);
        assertEquals(0, p.exitValue(), () -> command + "\n" + out);
        return out;
    }

    private static List<String> concat(List<String> head, String... tail) {
        return Stream.concat(head.stream(), Stream.of(tail)).toList();
    }

    private static Descriptor platform(Descriptor d, Platform platform) {
        return new Descriptor(d.mediaType(), d.digest(), d.size(), Map.of(), platform);
    }

    private static String configPath(LayoutBuilder layout, Descriptor manifest) {
        return LayoutBuilder.path(
                Manifest.parse(layout.files.get(LayoutBuilder.path(manifest))).config());
    }

    /** Loaded as a tar, refused with {@code start}, nothing left. */
    private void refused(LayoutBuilder layout, String start) throws IOException {
        Path tar = layout.tar(Files.createTempFile(work, "layout", ".tar"));
        assertNothingLoaded(mydocker.run("load", "-i", tar.toString()), start);
    }

    private void assertNothingLoaded(Result r, String start) throws IOException {
        assertOneLineStartingWith(r, "mydocker: " + start);
        assertTrue(r.stderr().strip().endsWith("(nothing was loaded)"), r::toString);
        assertEquals(List.of(), images());
        assertEquals(0, count("image/layers"), "no layer left");
        assertEquals(0, count("image/layer-tars"), "no original tar left");
        assertEquals(0, count("image/tmp"), "no scratch left");
    }

    /** The 12-digit ID {@code images} shows for {@code repository}. */
    private String shortId(String repository) {
        return mydocker.ok("images")
                .stdout()
                .lines()
                .map(l -> l.split(" +"))
                .filter(columns -> columns[0].equals(repository))
                .map(columns -> columns[2])
                .findFirst()
                .orElseThrow();
    }

    private List<String> images() {
        return mydocker.ok("images")
                .stdout()
                .lines()
                .skip(1)
                .map(l -> l.split(" +")[0] + ":" + l.split(" +")[1])
                .toList();
    }

    private long count(String dir) throws IOException {
        Path path = mydocker.dataRoot().resolve(dir);
        if (!Files.isDirectory(path)) {
            return 0;
        }
        try (Stream<Path> all = Files.list(path)) {
            return all.count();
        }
    }
}
