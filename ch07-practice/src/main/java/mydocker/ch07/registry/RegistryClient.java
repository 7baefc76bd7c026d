package mydocker.ch07.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import mydocker.ch04.image.ImageConfig;
import mydocker.ch04.image.Json;

/**
 * The distribution API (Docker Registry v2, OCI Distribution) over
 * java.net.http, for one repository on one registry: the {@code /v2/} ping,
 * manifests by tag or digest, blobs by digest, uploads. Every answer is
 * untrusted: bodies are read up to a cap, manifests and blobs are checked
 * against the digest that names them, upload locations must stay on the
 * registry, and a blob redirect is followed only over http(s), without the
 * credentials when it leads to another host.
 *
 * <p>Authentication as Docker does it: a request goes out bare; on a 401 the
 * registry's {@link Challenge} says Basic (send the login's credentials) or
 * Bearer (ask the realm's token server for a token for this repository's
 * {@code pull} or {@code pull,push} scope, with the credentials if there are
 * any), and the request is sent once more with that.
 */
public final class RegistryClient {
    /** distribution's own limit on a manifest it accepts: anything longer is refused unread. */
    static final int MANIFEST_MAX = 4 << 20;

    private static final int SMALL_ANSWER_MAX = 1 << 20;
    private static final int REDIRECTS_MAX = 5;
    /** Blobs up to this size go in one PUT; larger ones in PATCH chunks of it, then the closing PUT. */
    static final long CHUNK = 8L << 20;

    private final Remote remote;
    private final Optional<Credentials> credentials;
    private final String actions;
    private final HttpClient http;
    private String authorization;

    private RegistryClient(Remote remote, Optional<Credentials> credentials, String actions) {
        this.remote = remote;
        this.credentials = credentials;
        this.actions = actions;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** A client for {@code remote}'s repository, to {@code pull} or to {@code pull,push}. */
    public static RegistryClient of(Remote remote, Optional<Credentials> credentials, String actions) {
        return new RegistryClient(remote, credentials, actions);
    }

    public Remote remote() {
        return remote;
    }

    /** {@code GET /v2/}: the registry speaks the API, and accepts our credentials (login's check). */
    public void ping() {
        HttpResponse<InputStream> answer =
                send(() -> HttpRequest.newBuilder(remote.base().resolve("/v2/")), "GET /v2/");
        expect(answer, 200, "GET /v2/");
        close(answer);
    }

    /** A manifest (or index) as the registry sent it, its media type, and the digest of its bytes. */
    public record Fetched(byte[] bytes, String mediaType, String digest) {}

    /**
     * {@code GET /v2/<name>/manifests/<reference>}, accepting the media types
     * in {@code accept}. By digest, the bytes must hash to it; by tag, a
     * {@code Docker-Content-Digest} the registry sends must match them.
     */
    public Fetched manifest(String reference, List<String> accept) {
        HttpResponse<InputStream> answer = send(
                () -> HttpRequest.newBuilder(remote.api("manifests/" + reference))
                        .header("Accept", String.join(", ", accept)),
                "manifest " + reference);
        expect(answer, 200, "manifest " + reference);
        byte[] bytes = readCapped(answer, MANIFEST_MAX, "the manifest of " + remote.displayName() + ":" + reference);
        String digest = ImageConfig.sha256(bytes);
        if (reference.startsWith("sha256:") && !digest.equals(reference)) {
            throw new RegistryException(
                    "the manifest the registry sent for " + reference + " has digest " + digest + ": refused");
        }
        Optional<String> said = answer.headers().firstValue("Docker-Content-Digest");
        if (said.isPresent() && said.get().startsWith("sha256:") && !said.get().equals(digest)) {
            throw new RegistryException("the registry says manifest " + reference + " is " + said.get()
                    + " but its bytes are " + digest + ": refused");
        }
        String type = answer.headers()
                .firstValue("Content-Type")
                .map(t -> t.replaceFirst(";.*", "").strip())
                .orElse("");
        return new Fetched(bytes, type, digest);
    }

    /**
     * {@code GET /v2/<name>/blobs/<digest>} into {@code out}, verified while
     * it streams ({@link VerifiedStream}); a failure throws after the bytes
     * read so far, which the caller's scratch area holds.
     */
    public void blob(String digest, long size, OutputStream out, LongConsumer progress) throws IOException {
        URI uri = remote.api("blobs/" + digest);
        HttpResponse<InputStream> answer = null;
        for (int hop = 0; ; hop++) {
            URI at = uri;
            boolean ours = remote.owns(at);
            answer = ours
                    ? send(() -> HttpRequest.newBuilder(at), "blob " + digest)
                    : sendBare(HttpRequest.newBuilder(at).GET().build(), "blob " + digest);
            if (answer.statusCode() / 100 != 3) {
                break;
            }
            close(answer);
            if (hop == REDIRECTS_MAX) {
                throw new RegistryException("blob " + digest + ": more than " + REDIRECTS_MAX + " redirects: refused");
            }
            uri = redirect(at, answer, "blob " + digest);
        }
        expect(answer, 200, "blob " + digest);
        try (InputStream in = new VerifiedStream(answer.body(), "blob " + digest, digest, size)) {
            byte[] buffer = new byte[1 << 16];
            long done = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                done += n;
                progress.accept(done);
            }
        }
    }

    /** Where a blob redirect leads: http(s) only, and never from https down to plain http. */
    private static URI redirect(URI from, HttpResponse<?> answer, String what) {
        String location = answer.headers()
                .firstValue("Location")
                .orElseThrow(() -> new RegistryException(what + ": a redirect without a Location: refused"));
        URI to;
        try {
            to = from.resolve(location);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(what + ": a redirect to an unreadable Location: refused", e);
        }
        String scheme = to.getScheme() == null ? "" : to.getScheme();
        if (!scheme.equals("https")
                && !(scheme.equals("http") && from.getScheme().equals("http"))) {
            throw new RegistryException(what + ": a redirect to " + scheme + "://… from " + from.getScheme()
                    + "://…: refused (only http(s), never down from https)");
        }
        return to;
    }

    /** {@code HEAD /v2/<name>/blobs/<digest>}: whether the registry has the blob, so a push can skip it. */
    public boolean hasBlob(String digest) {
        HttpResponse<InputStream> answer = send(
                () -> HttpRequest.newBuilder(remote.api("blobs/" + digest))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()),
                "blob " + digest);
        close(answer);
        if (answer.statusCode() == 200 || answer.statusCode() == 404) {
            return answer.statusCode() == 200;
        }
        throw refused(answer, "blob " + digest, null);
    }

    /**
     * Uploads a blob: {@code POST /v2/<name>/blobs/uploads/} opens a session;
     * a small blob goes whole in the closing {@code PUT <location>?digest=};
     * a larger one in {@code PATCH} chunks ({@code Content-Range}), each
     * answer naming the session's next location, then the closing PUT without
     * a body. The registry checks the digest; every location must be on the
     * registry itself, or the blob (and our credentials) would go elsewhere.
     */
    public void upload(String digest, Path file, LongConsumer progress) throws IOException {
        long size = Files.size(file);
        HttpResponse<InputStream> opened = send(
                () -> HttpRequest.newBuilder(remote.api("blobs/uploads/")).POST(HttpRequest.BodyPublishers.noBody()),
                "upload of " + digest);
        expect(opened, 202, "upload of " + digest);
        close(opened);
        URI location = uploadLocation(opened);
        boolean chunked = size > CHUNK;
        for (long start = 0; chunked && start < size; start += CHUNK) {
            location = patch(location, file, start, Math.min(CHUNK, size - start), digest);
            progress.accept(Math.min(start + CHUNK, size));
        }
        URI closing = withDigest(location, digest);
        HttpResponse<InputStream> put = send(
                () -> HttpRequest.newBuilder(closing)
                        .header("Content-Type", "application/octet-stream")
                        .PUT(chunked ? HttpRequest.BodyPublishers.noBody() : slice(file, 0, size)),
                "upload of " + digest);
        expect(put, 201, "upload of " + digest);
        close(put);
        progress.accept(size);
    }

    /** One chunk, {@code PATCH} with its {@code Content-Range}; returns the session's next location. */
    private URI patch(URI location, Path file, long start, long length, String digest) {
        HttpResponse<InputStream> patched = send(
                () -> HttpRequest.newBuilder(location)
                        .header("Content-Type", "application/octet-stream")
                        .header("Content-Range", start + "-" + (start + length - 1))
                        .method("PATCH", slice(file, start, length)),
                "upload of " + digest);
        expect(patched, 202, "upload of " + digest);
        close(patched);
        return uploadLocation(patched);
    }

    private static HttpRequest.BodyPublisher slice(Path file, long start, long length) {
        return HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        InputStream in = Files.newInputStream(file);
                        in.skipNBytes(start);
                        return new java.io.BufferedInputStream(new mydocker.ch07.registry.BoundedStream(in, length));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }),
                length);
    }

    private URI uploadLocation(HttpResponse<?> answer) {
        String location = answer.headers()
                .firstValue("Location")
                .orElseThrow(() -> new RegistryException("the registry opened an upload without a Location: refused"));
        URI uri;
        try {
            uri = answer.uri().resolve(location);
        } catch (IllegalArgumentException e) {
            throw new RegistryException("the registry's upload Location is unreadable: refused", e);
        }
        if (!remote.owns(uri)) {
            throw new RegistryException("the registry's upload Location " + uri.getScheme() + "://" + uri.getAuthority()
                    + " is not the registry " + remote.base()
                    + ": refused (the blob and the credentials would go there)");
        }
        return uri;
    }

    private static URI withDigest(URI location, String digest) {
        String query = "digest=" + URLEncoder.encode(digest, StandardCharsets.UTF_8);
        String s = location.toString();
        return URI.create(s + (location.getRawQuery() == null ? "?" : "&") + query);
    }

    /** {@code PUT /v2/<name>/manifests/<tag>}; returns the manifest's digest. */
    public String putManifest(String tag, String mediaType, byte[] bytes) {
        HttpResponse<InputStream> answer = send(
                () -> HttpRequest.newBuilder(remote.api("manifests/" + tag))
                        .header("Content-Type", mediaType)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)),
                "manifest " + tag);
        expect(answer, 201, "manifest " + tag);
        close(answer);
        return ImageConfig.sha256(bytes);
    }

    /** Sends with the authorization known so far; on a 401, answers the challenge and sends once more. */
    private HttpResponse<InputStream> send(Supplier<HttpRequest.Builder> request, String what) {
        HttpResponse<InputStream> answer = sendBare(authorized(request.get()), what);
        if (answer.statusCode() != 401) {
            return answer;
        }
        close(answer);
        authorization = answer(
                Challenge.parse(answer.headers().firstValue("WWW-Authenticate").orElse(null)));
        answer = sendBare(authorized(request.get()), what);
        if (answer.statusCode() == 401) {
            close(answer);
            throw new RegistryException(remote.host() + " refused the credentials"
                    + (credentials.isPresent() ? " of " + credentials.get().username() : "")
                    + " for " + what + ": unauthorized"
                    + (credentials.isPresent() ? "" : " (log in first: mydocker login " + remote.host() + ")"));
        }
        return answer;
    }

    private HttpRequest authorized(HttpRequest.Builder builder) {
        builder.timeout(Duration.ofSeconds(60)).header("User-Agent", "mydocker");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder.build();
    }

    private HttpResponse<InputStream> sendBare(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new RegistryException(
                    "cannot reach " + request.uri().getAuthority() + " for " + what + ": "
                            + (e.getMessage() == null ? "connection refused" : e.getMessage()),
                    e);
        } catch (HttpTimeoutException e) {
            throw new RegistryException(request.uri().getAuthority() + " did not answer " + what + " in time", e);
        } catch (IOException e) {
            throw new RegistryException(
                    "talking to " + request.uri().getAuthority() + " for " + what + ": " + e.getMessage()
                            + (remote.plainHttp()
                                    ? ""
                                    : " (a plain-HTTP registry must be named in " + Remote.INSECURE_VARIABLE + ")"),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(
                    "interrupted while asking " + request.uri().getAuthority() + " for " + what, e);
        }
    }

    /** The Authorization header a challenge asks for. */
    private String answer(Challenge challenge) {
        if (challenge.isBasic()) {
            Credentials login = credentials.orElseThrow(
                    () -> new RegistryException(remote.host() + " asks for a login: mydocker login " + remote.host()));
            return "Basic " + login.encoded();
        }
        if (challenge.isBearer()) {
            return "Bearer " + token(challenge);
        }
        throw new RegistryException(remote.host() + " asks for " + challenge.scheme() + " authentication,"
                + " which mydocker does not speak (Basic and Bearer only)");
    }

    /**
     * The token server's answer ({@code {"token": …}} or {@code {"access_token": …}})
     * for {@code GET realm?service=…&scope=repository:NAME:ACTIONS}. The realm
     * gets the credentials only over https, or on the registry's own host.
     */
    private String token(Challenge challenge) {
        String realm = challenge.param("realm");
        URI realmUri;
        try {
            realmUri = realm == null ? null : URI.create(realm);
        } catch (IllegalArgumentException e) {
            realmUri = null;
        }
        if (realmUri == null
                || realmUri.getHost() == null
                || !(realmUri.getScheme().equals("https")
                        || realmUri.getScheme().equals("http") && remote.plainHttp())) {
            throw new RegistryException(remote.host() + " names no usable token server (realm " + realm + "): refused");
        }
        StringBuilder query = new StringBuilder();
        if (challenge.param("service") != null) {
            query.append("service=").append(URLEncoder.encode(challenge.param("service"), StandardCharsets.UTF_8));
        }
        String scope = remote.repository().isEmpty()
                ? challenge.param("scope")
                : "repository:" + remote.repository() + ":" + actions;
        if (scope != null) {
            query.append(query.isEmpty() ? "" : "&")
                    .append("scope=")
                    .append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        }
        URI tokenUri = URI.create(realm + (realmUri.getRawQuery() == null ? "?" : "&") + query);
        HttpRequest.Builder request =
                HttpRequest.newBuilder(tokenUri).timeout(Duration.ofSeconds(60)).header("User-Agent", "mydocker");
        boolean safe = tokenUri.getScheme().equals("https")
                || remote.owns(tokenUri)
                || tokenUri.getHost().equalsIgnoreCase(remote.base().getHost());
        if (credentials.isPresent() && safe) {
            request.header("Authorization", "Basic " + credentials.get().encoded());
        }
        HttpResponse<InputStream> answer = sendBare(request.build(), "a token");
        if (answer.statusCode() == 401 || answer.statusCode() == 403) {
            close(answer);
            throw new RegistryException(remote.host() + "'s token server refused the credentials"
                    + credentials.map(c -> " of " + c.username()).orElse("") + ": unauthorized");
        }
        expect(answer, 200, "a token");
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(readCapped(answer, SMALL_ANSWER_MAX, "the token server's answer"));
        } catch (IOException e) {
            throw new RegistryException("the token server's answer is not JSON: refused", e);
        }
        String token = body == null
                ? ""
                : body.path("token").asText(body.path("access_token").asText(""));
        if (token.isEmpty() || !token.matches("[\\x21-\\x7e]+")) {
            throw new RegistryException("the token server's answer holds no usable token: refused");
        }
        return token;
    }

    private void expect(HttpResponse<InputStream> answer, int status, String what) {
        if (answer.statusCode() != status) {
            throw refused(answer, what, readError(answer));
        }
    }

    private RegistryException refused(HttpResponse<InputStream> answer, String what, String detail) {
        return new RegistryException(remote.host() + " answered " + answer.statusCode() + " to " + what
                + (detail == null || detail.isEmpty() ? "" : ": " + detail));
    }

    /** The API's error body, {@code {"errors": [{"code", "message"}]}}, as one short line. */
    private static String readError(HttpResponse<InputStream> answer) {
        try {
            byte[] bytes = readCapped(answer, SMALL_ANSWER_MAX, "the error");
            JsonNode errors = Json.MAPPER.readTree(bytes).path("errors");
            StringBuilder line = new StringBuilder();
            for (JsonNode error : errors) {
                line.append(line.isEmpty() ? "" : "; ")
                        .append(error.path("code").asText())
                        .append(" ")
                        .append(error.path("message").asText());
            }
            return line.toString().replaceAll("\\p{Cntrl}", " ").strip();
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** The whole body, if it is at most {@code max} bytes; a longer one is refused without reading further. */
    private static byte[] readCapped(HttpResponse<InputStream> answer, int max, String what) {
        long declared = answer.headers().firstValueAsLong("Content-Length").orElse(-1);
        try (InputStream in = answer.body()) {
            if (declared > max) {
                throw new RegistryException(
                        what + " is " + declared + " bytes, more than the " + max + " accepted: refused");
            }
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new RegistryException(what + " is more than the " + max + " bytes accepted: refused");
            }
            return bytes;
        } catch (IOException e) {
            throw new RegistryException("reading " + what + ": " + e.getMessage(), e);
        }
    }

    private static void close(HttpResponse<InputStream> answer) {
        try {
            answer.body().close();
        } catch (IOException ignored) {
            // the answer's body is not wanted; a connection that fails to close is the client's to drop
        }
    }
}
