package mydocker.ch07.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import mydocker.ch04.image.ImageReference;
import mydocker.ch07.image.Digest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a registry that lies: each answer the distribution API does not allow is refused, in one line. */
class RegistryClientTest {
    private static final Credentials ALICE = new Credentials("alice", "s3cret");
    private FakeRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = FakeRegistry.start();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private RegistryClient client(Optional<Credentials> credentials, String actions) {
        return RegistryClient.of(Remote.of(ImageReference.parse(registry.host() + "/x")), credentials, actions);
    }

    @Test
    void aBlobWhoseBytesDoNotMatchItsDigestIsRefused() {
        byte[] asked = "the layer".getBytes(StandardCharsets.UTF_8);
        byte[] sent = "the LAYER".getBytes(StandardCharsets.UTF_8);
        String digest = Digest.of(asked).value();
        registry.serve("/v2/x/blobs/" + digest, "application/octet-stream", sent);
        RegistryException e = assertThrows(
                RegistryException.class,
                () -> client(Optional.empty(), "pull")
                        .blob(digest, asked.length, new ByteArrayOutputStream(), n -> {}));
        assertTrue(e.getMessage().contains("has digest " + Digest.of(sent).value()), e.getMessage());
    }

    @Test
    void aBlobLongerThanItsDescriptorIsRefusedAsItStreams() {
        byte[] sent = new byte[4 << 20];
        String digest = Digest.of(Arrays.copyOf(sent, 10)).value();
        registry.serve("/v2/x/blobs/" + digest, "application/octet-stream", sent);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RegistryException e = assertThrows(
                RegistryException.class, () -> client(Optional.empty(), "pull").blob(digest, 10, out, n -> {}));
        assertTrue(e.getMessage().contains("longer than the 10 bytes"), e.getMessage());
        assertTrue(out.size() <= 10, "kept " + out.size() + " bytes of a blob of 10");
    }

    @Test
    void aGiantManifestIsRefused() {
        byte[] giant = new byte[RegistryClient.MANIFEST_MAX + 1];
        Arrays.fill(giant, (byte) ' ');
        registry.serve("/v2/x/manifests/1", "application/vnd.docker.distribution.manifest.v2+json", giant);
        RegistryException e = assertThrows(
                RegistryException.class, () -> client(Optional.empty(), "pull").manifest("1", PullCommand.ACCEPT));
        assertTrue(e.getMessage().contains("more than the " + RegistryClient.MANIFEST_MAX), e.getMessage());
    }

    @Test
    void aManifestAskedByDigestMustHashToIt() {
        byte[] other = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
        String asked =
                Digest.of("something else".getBytes(StandardCharsets.UTF_8)).value();
        registry.serve("/v2/x/manifests/" + asked, "application/vnd.oci.image.manifest.v1+json", other);
        RegistryException e = assertThrows(
                RegistryException.class, () -> client(Optional.empty(), "pull").manifest(asked, PullCommand.ACCEPT));
        assertTrue(e.getMessage().contains("has digest " + Digest.of(other).value()), e.getMessage());
    }

    @Test
    void anUploadLocationOnAnotherHostIsRefusedAndNothingGoesThere(@TempDir Path dir) throws Exception {
        try (FakeRegistry elsewhere = FakeRegistry.start(InetAddress.getByName("127.0.0.2"))) {
            registry.on(
                    "POST",
                    "/v2/x/blobs/uploads/",
                    exchange -> FakeRegistry.respond(
                            exchange, 202, Map.of("Location", "http://" + elsewhere.host() + "/upload"), new byte[0]));
            Path blob = Files.writeString(dir.resolve("blob"), "a layer");
            RegistryException e = assertThrows(
                    RegistryException.class,
                    () -> client(Optional.of(ALICE), "pull,push")
                            .upload(Digest.of(Files.readAllBytes(blob)).value(), blob, n -> {}));
            assertTrue(e.getMessage().contains("is not the registry"), e.getMessage());
            assertEquals(List.of(), elsewhere.requests());
        }
    }

    @Test
    void aBlobRedirectToAnotherHostIsFollowedWithoutTheCredentials() throws Exception {
        byte[] content = "a layer on a CDN".getBytes(StandardCharsets.UTF_8);
        String digest = Digest.of(content).value();
        try (FakeRegistry cdn = FakeRegistry.start(InetAddress.getByName("127.0.0.2"))) {
            cdn.serve("/cdn/blob", "application/octet-stream", content);
            registry.on("GET", "/v2/x/blobs/" + digest, exchange -> {
                if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
                    FakeRegistry.respond(
                            exchange, 401, Map.of("WWW-Authenticate", "Basic realm=\"test\""), new byte[0]);
                } else {
                    FakeRegistry.respond(
                            exchange, 307, Map.of("Location", "http://" + cdn.host() + "/cdn/blob"), new byte[0]);
                }
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            client(Optional.of(ALICE), "pull").blob(digest, content.length, out, n -> {});
            assertArrayEquals(content, out.toByteArray());
            assertEquals(1, cdn.requests().size());
            assertNull(cdn.requests().get(0).authorization(), "the credentials went to another host");
        }
    }

    @Test
    void aBlobRedirectToAnotherSchemeIsRefused() {
        String digest = Digest.of(new byte[1]).value();
        registry.on(
                "GET",
                "/v2/x/blobs/" + digest,
                exchange -> FakeRegistry.respond(exchange, 302, Map.of("Location", "file:///etc/shadow"), new byte[0]));
        RegistryException e = assertThrows(
                RegistryException.class,
                () -> client(Optional.empty(), "pull").blob(digest, 1, new ByteArrayOutputStream(), n -> {}));
        assertTrue(e.getMessage().contains("a redirect to file://"), e.getMessage());
    }

    @Test
    void aBearerChallengeIsAnsweredWithATokenForTheRepositoryAndItsActions() {
        AtomicReference<String> tokenQuery = new AtomicReference<>();
        AtomicReference<String> tokenAuthorization = new AtomicReference<>();
        registry.on("GET", "/token", exchange -> {
            tokenQuery.set(exchange.getRequestURI().getRawQuery());
            tokenAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            FakeRegistry.respond(exchange, 200, Map.of(), "{\"token\":\"t0ken\"}".getBytes(StandardCharsets.UTF_8));
        });
        registry.on("HEAD", "/v2/x/blobs/" + Digest.of(new byte[0]).value(), exchange -> {
            if ("Bearer t0ken".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                FakeRegistry.respond(exchange, 200, Map.of(), new byte[0]);
            } else {
                FakeRegistry.respond(
                        exchange,
                        401,
                        Map.of(
                                "WWW-Authenticate",
                                "Bearer realm=\"http://" + registry.host() + "/token\",service=\"fake\","
                                        + "scope=\"repository:x:pull\""),
                        new byte[0]);
            }
        });
        assertTrue(client(Optional.of(ALICE), "pull,push")
                .hasBlob(Digest.of(new byte[0]).value()));
        assertEquals("service=fake&scope=repository%3Ax%3Apull%2Cpush", tokenQuery.get());
        assertEquals("Basic " + ALICE.encoded(), tokenAuthorization.get());
    }

    @Test
    void refusedCredentialsAreOneLineNamingTheUser() {
        registry.on(
                "GET",
                "/v2/",
                exchange -> FakeRegistry.respond(
                        exchange, 401, Map.of("WWW-Authenticate", "Basic realm=\"test\""), new byte[0]));
        RegistryException e = assertThrows(
                RegistryException.class,
                () -> client(Optional.of(ALICE), "pull").ping());
        assertEquals(registry.host() + " refused the credentials of alice for GET /v2/: unauthorized", e.getMessage());
    }
}
