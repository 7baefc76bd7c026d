package mydocker.ch07.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mydocker.ch04.image.ImageConfig;
import mydocker.ch07.Main;
import mydocker.ch07.image.Descriptor;
import mydocker.ch07.image.Digest;
import mydocker.ch07.image.ImageIndex;
import mydocker.ch07.image.MediaType;
import mydocker.ch07.image.Platform;
import mydocker.syscall.ChapterProgram;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Host;
import mydocker.syscall.Mydocker;
import mydocker.syscall.Privileged;
import mydocker.syscall.RemovesSkopeoCache;
import mydocker.syscall.SelfExec;
import mydocker.syscall.TestCgroups;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * pull, push and login for real, against Debian's docker-registry started on
 * 127.0.0.1 with the test's own config ({@link TestRegistry}), with skopeo on
 * the other end of the round trips, and against a hostile registry
 * ({@link FakeRegistry}) for the attacks: each refused in one line, the store
 * left as it was.
 */
@Privileged
@ExtendWith(RemovesSkopeoCache.class)
class RegistryIT {
    /** Two engines, two stores: what one pushes, the other pulls. */
    @RegisterExtension
    static final WithDockerConfig ours = Mydocker.of(Main.class, WithDockerConfig::new);

    @RegisterExtension
    static final WithDockerConfig theirs = Mydocker.of(Main.class, WithDockerConfig::new);

    @TempDir
    static Path work;

    private static TestRegistry registry;
    private static TestRegistry withAuth;

    @BeforeAll
    static void startRegistries() throws IOException {
        registry = TestRegistry.start(work.resolve("registry"));
        withAuth = TestRegistry.start(work.resolve("registry-auth"), "alice", "s3cret");
    }

    @AfterAll
    static void stopRegistries() {
        if (registry != null) {
            registry.close();
        }
        if (withAuth != null) {
            withAuth.close();
        }
    }

    @Test
    void oursThroughTheRegistryBackToOursIsTheSameImage() throws Exception {
        String name = registry.host() + "/round/trip:1";
        String id = importBusybox(ours, name);
        Result push = ours.ok("push", name);
        assertTrue(
                push.stdout().startsWith("The push refers to repository [" + registry.host() + "/round/trip]\n"),
                push.stdout());
        assertTrue(push.stdout().contains(": Pushed\n"), push.stdout());
        String digest = push.stdout().replaceAll("(?s).*1: digest: (sha256:[0-9a-f]{64}) size: \\d+\n$", "$1");
        assertTrue(ours.ok("push", name).stdout().contains(": Layer already exists\n"), "a HEAD skips what is there");

        Result pull = theirs.ok("pull", name);
        assertTrue(pull.stdout().matches("(?s).*: (Pull complete|Already exists)\n.*"), pull.stdout());
        assertTrue(
                pull.stdout()
                        .endsWith("Digest: " + digest + "\nStatus: Downloaded newer image for " + name + "\n" + name
                                + "\n"),
                pull.stdout());
        assertEquals(id, imageId(theirs, name));
        assertTrue(
                theirs.ok("images", "--digests").stdout().contains(digest), "images --digests shows the repo digest");
        assertEquals(
                "round trip\n",
                theirs.ok("run", "--rm", name, "echo", "round", "trip").stdout());
        assertTrue(theirs.ok("pull", name).stdout().contains("Status: Image is up to date for " + name));
        String byDigest = registry.host() + "/round/trip@" + digest;
        assertTrue(theirs.ok("pull", byDigest).stdout().contains("Status: Image is up to date for " + byDigest));
    }

    @Test
    void skopeoReadsWhatWePush() throws Exception {
        String name = registry.host() + "/for/skopeo:1";
        String id = importBusybox(ours, name);
        ours.ok("push", name);
        String config = Host.run("skopeo", "inspect", "--tls-verify=false", "--config", "--raw", "docker://" + name);
        assertEquals(id, ImageConfig.sha256(config.getBytes(StandardCharsets.UTF_8)));
        Path archive = work.resolve("from-skopeo.tar");
        Host.run(
                "skopeo",
                "copy",
                "-q",
                "--src-tls-verify=false",
                "docker://" + name,
                "docker-archive:" + archive + ":copied:1");
        theirs.ok("load", "-i", archive.toString());
        assertEquals(id, imageId(theirs, "copied:1"));
    }

    @Test
    void wePullWhatSkopeoPushesAnIndexToo() throws Exception {
        Path saved = work.resolve("busybox.tar");
        ours.ok("save", "-o", saved.toString(), "busybox");
        String busybox = imageId(ours, "busybox");
        String name = registry.host() + "/from/skopeo";
        Host.run(
                "skopeo",
                "copy",
                "-q",
                "--dest-tls-verify=false",
                "docker-archive:" + saved,
                "docker://" + name + ":1");
        theirs.ok("pull", name + ":1");
        assertEquals(busybox, imageId(theirs, name + ":1"));

        // skopeo's OCI manifest with a zstd layer: pulled, uncompressed, run.
        Host.run(
                "skopeo",
                "copy",
                "-q",
                "--dest-tls-verify=false",
                "--format",
                "oci",
                "--dest-compress-format",
                "zstd",
                "docker-archive:" + saved,
                "docker://" + name + ":zstd");
        theirs.ok("pull", name + ":zstd");
        assertEquals(
                "zstd\n",
                theirs.ok("run", "--rm", name + ":zstd", "echo", "zstd").stdout());

        // The same manifest behind an index whose first entry is for another machine: pull picks linux/amd64.
        byte[] manifest = get(name, "1");
        Descriptor entry = Descriptor.of(MediaType.DOCKER_MANIFEST, manifest);
        ImageIndex index = new ImageIndex(List.of(
                new Descriptor(
                        entry.mediaType(),
                        entry.digest(),
                        entry.size(),
                        Map.of(),
                        new Platform("linux", "arm64", "v8")),
                new Descriptor(entry.mediaType(), entry.digest(), entry.size(), Map.of(), Platform.HOST)));
        put(name, "multi", MediaType.OCI_INDEX.value(), index.toJson());
        Result pull = theirs.ok("pull", name + ":multi");
        assertTrue(pull.stdout().contains("Digest: " + Digest.of(index.toJson()).value()), pull.stdout());
        assertEquals(busybox, imageId(theirs, name + ":multi"));
    }

    @Test
    void aBlobLargerThanAChunkGoesUpInPatchesAndComesBackWhole() throws Exception {
        byte[] content = new byte[(int) (2 * RegistryClient.CHUNK + 12345)];
        new java.util.Random(18).nextBytes(content);
        Path file = Files.write(work.resolve("big-blob"), content);
        String digest = Digest.of(content).value();
        RegistryClient client = RegistryClient.of(
                Remote.of(mydocker.ch04.image.ImageReference.parse(registry.host() + "/chunks")),
                java.util.Optional.empty(),
                "pull,push");
        List<Long> progress = new java.util.ArrayList<>();
        client.upload(digest, file, progress::add);
        assertEquals(
                List.of(RegistryClient.CHUNK, 2 * RegistryClient.CHUNK, (long) content.length, (long) content.length),
                progress,
                "three PATCHes, then the closing PUT");
        assertTrue(client.hasBlob(digest));
        java.io.ByteArrayOutputStream back = new java.io.ByteArrayOutputStream();
        client.blob(digest, content.length, back, n -> {});
        assertTrue(java.util.Arrays.equals(content, back.toByteArray()));
        Files.delete(file);
    }

    @Test
    void aWrongPasswordIsRefusedInOneLineAndTheRightOneLogsIn() throws Exception {
        String host = withAuth.host();
        Result wrong = login(ours, host, "alice", "wrong");
        assertEquals(125, wrong.exitCode(), wrong::toString);
        assertEquals(
                "mydocker: " + host + " refused the credentials of alice for GET /v2/: unauthorized\n", wrong.stderr());
        assertFalse(Files.exists(ours.dockerConfig()), "nothing is kept for a refused login");

        String name = host + "/private:1";
        importBusybox(ours, name);
        Result anonymous = ours.run("push", name);
        assertEquals(125, anonymous.exitCode(), anonymous::toString);
        assertTrue(
                anonymous.stderr().matches("mydocker: [^\n]*asks for a login: mydocker login " + host + "\n"),
                anonymous.stderr());

        Result right = login(ours, host, "alice", "s3cret");
        assertEquals(0, right.exitCode(), right::toString);
        assertEquals("Login Succeeded\n", right.stdout());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ours.dockerConfig())));
        ours.ok("push", name);
        assertEquals(
                "Removing login credentials for " + host + "\n",
                ours.ok("logout", host).stdout());
        assertEquals(125, ours.run("pull", name).exitCode(), "logged out, the registry refuses again");
    }

    @Test
    void aConfigWhoseDiffIdLiesIsRefusedAndLeavesNothing() throws Exception {
        TinyImage honest = TinyImage.of("hello");
        TinyImage lying = TinyImage.withDiffId(
                honest.layerBlob(), Digest.of(new byte[] {1}).value());
        Result r = attack(registry -> lying.serveOn(registry, "x", "1"), "x:1");
        assertTrue(
                r.stderr()
                        .contains("uncompressed has digest " + honest.diffId() + " but the image's config says "
                                + lying.diffId()),
                r.stderr());
    }

    @Test
    void aBlobWhoseBytesDoNotMatchIsRefusedAndLeavesNothing() throws Exception {
        TinyImage image = TinyImage.of("hello");
        byte[] other = TinyImage.of("HELLO").layerBlob();
        Result r = attack(
                registry -> {
                    image.serveOn(registry, "x", "1");
                    registry.serve(
                            "/v2/x/blobs/" + image.layerDigest(),
                            "application/octet-stream",
                            java.util.Arrays.copyOf(other, image.layerBlob().length));
                },
                "x:1");
        assertTrue(r.stderr().contains("blob " + image.layerDigest() + " has digest"), r.stderr());
    }

    @Test
    void aGiantManifestIsRefusedAndLeavesNothing() throws Exception {
        byte[] giant = new byte[RegistryClient.MANIFEST_MAX + 100];
        java.util.Arrays.fill(giant, (byte) ' ');
        Result r = attack(
                registry -> registry.serve("/v2/x/manifests/1", MediaType.DOCKER_MANIFEST.value(), giant), "x:1");
        assertTrue(r.stderr().contains("more than the " + RegistryClient.MANIFEST_MAX + " accepted"), r.stderr());
    }

    @Test
    void anUploadLocationOnAnotherHostIsRefusedAndNothingGoesThere() throws Exception {
        try (FakeRegistry fake = FakeRegistry.start();
                FakeRegistry elsewhere = FakeRegistry.start(InetAddress.getByName("127.0.0.2"))) {
            fake.on(
                    "POST",
                    "/v2/x/blobs/uploads/",
                    e -> FakeRegistry.respond(
                            e,
                            202,
                            Map.of("Location", "http://" + elsewhere.host() + "/v2/x/blobs/uploads/1"),
                            new byte[0]));
            String name = fake.host() + "/x:1";
            importBusybox(ours, name);
            List<String> before = storeFiles(ours);
            Result r = ours.run("push", name);
            assertEquals(125, r.exitCode(), r::toString);
            assertEquals(1, r.stderr().lines().count(), r.stderr());
            assertTrue(r.stderr().contains("is not the registry"), r.stderr());
            assertEquals(List.of(), elsewhere.requests(), "the blob went to another host");
            assertEquals(before, storeFiles(ours));
        }
    }

    private interface Setup {
        void on(FakeRegistry registry) throws IOException;
    }

    /** A pull from a hostile registry: refused with exit 125 and one line, the store as it was. */
    private static Result attack(Setup setup, String nameOnRegistry) throws IOException {
        try (FakeRegistry fake = FakeRegistry.start()) {
            setup.on(fake);
            theirs.ok("images"); // busybox made, the store in place, before the snapshot
            List<String> before = storeFiles(theirs);
            Result r = theirs.run("pull", fake.host() + "/" + nameOnRegistry);
            assertEquals(125, r.exitCode(), r::toString);
            assertEquals(1, r.stderr().lines().count(), r.stderr());
            assertEquals(before, storeFiles(theirs), "the pull left something in the store");
            return r;
        }
    }

    /**
     * What the store and its distribution metadata hold: every file but the
     * locks, and every layer directory and scratch area (the store's own empty
     * directories are made on first use and are not a command's leftovers).
     */
    private static List<String> storeFiles(Mydocker mydocker) throws IOException {
        Path root = mydocker.dataRoot();
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> !p.getFileName().toString().endsWith("lock"))
                    .filter(p -> Files.isRegularFile(p)
                            || p.getParent().endsWith("image/layers")
                            || p.getParent().endsWith("image/tmp"))
                    .map(p -> root.relativize(p).toString())
                    .filter(p -> p.startsWith("image") || p.startsWith("distribution"))
                    .sorted()
                    .toList();
        }
    }

    /** busybox's one layer imported as {@code name}: an image of ours named for a registry. */
    private static String importBusybox(Mydocker mydocker, String name) throws IOException {
        Path saved = Files.createTempFile(work, "busybox", ".tar");
        mydocker.ok("save", "-o", saved.toString(), "busybox");
        Path layer = Files.createTempFile(work, "layer", ".tar");
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(saved))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                if (e.getName().endsWith("/layer.tar")) {
                    Files.copy(tar, layer, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return mydocker.ok("import", layer.toString(), name).stdout().strip();
    }

    /** The full ID of the image {@code name} ({@code NAME:TAG}, or NAME for :latest) in that engine's store. */
    private static String imageId(Mydocker mydocker, String name) {
        boolean tagged = name.lastIndexOf(':') > name.lastIndexOf('/');
        String repository = tagged ? name.substring(0, name.lastIndexOf(':')) : name;
        String tag = tagged ? name.substring(name.lastIndexOf(':') + 1) : "latest";
        String images = mydocker.ok("images").stdout();
        return images.lines()
                .map(line -> line.split("\\s+"))
                .filter(cells -> cells[0].equals(repository) && cells[1].equals(tag))
                .map(cells -> fullId(mydocker, cells[2]))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not in\n" + images));
    }

    private static String fullId(Mydocker mydocker, String shortId) {
        try (Stream<Path> configs = Files.list(mydocker.dataRoot().resolve("image/configs"))) {
            return configs.map(p -> p.getFileName().toString().replace(".json", ""))
                    .filter(hex -> hex.startsWith(shortId))
                    .map(hex -> "sha256:" + hex)
                    .findFirst()
                    .orElseThrow();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code login HOST -u USER --password-stdin}, the password on its stdin as a script would give it. */
    private static Result login(WithDockerConfig mydocker, String host, String user, String password)
            throws IOException {
        Path stdin = Files.writeString(Files.createTempFile(work, "password", ""), password + "\n");
        String[] args = {"login", "-u", user, "--password-stdin", host};
        ProcessBuilder builder = new ProcessBuilder(SelfExec.command(Main.class, args))
                .redirectInput(ProcessBuilder.Redirect.from(stdin.toFile()));
        builder.environment().put(TestCgroups.ENV, TestCgroups.PARENT);
        builder.environment().putAll(mydocker.env());
        Process process = builder.start();
        Files.delete(stdin);
        return ChapterProgram.finish(process, args);
    }

    private static byte[] get(String name, String tag) throws Exception {
        String[] parts = name.split("/", 2);
        HttpRequest request = HttpRequest.newBuilder(
                        java.net.URI.create("http://" + parts[0] + "/v2/" + parts[1] + "/manifests/" + tag))
                .header("Accept", MediaType.DOCKER_MANIFEST.value())
                .build();
        return HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofByteArray())
                .body();
    }

    private static void put(String name, String tag, String type, byte[] body) throws Exception {
        String[] parts = name.split("/", 2);
        HttpRequest request = HttpRequest.newBuilder(
                        java.net.URI.create("http://" + parts[0] + "/v2/" + parts[1] + "/manifests/" + tag))
                .header("Content-Type", type)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(201, answer.statusCode(), answer.body());
    }

    /** The engine with a Docker config directory of its own, so no login reaches the host's ~/.docker. */
    static final class WithDockerConfig extends Mydocker {
        WithDockerConfig(Class<?> main, Path dataRoot, Path execRoot) {
            super(main, dataRoot, execRoot);
        }

        Path dockerConfig() {
            return dataRoot().resolve("docker-config").resolve("config.json");
        }

        @Override
        public Map<String, String> env() {
            Map<String, String> env = new HashMap<>(super.env());
            env.put("DOCKER_CONFIG", dockerConfig().getParent().toString());
            return env;
        }
    }
}
