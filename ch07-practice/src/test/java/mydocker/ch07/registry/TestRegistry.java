package mydocker.ch07.registry;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mydocker.syscall.Host;

/**
 * Debian's {@code docker-registry} (distribution 2.8) as a test runs it: with
 * a config of the test's own, never the package's (which listens on every
 * interface): {@code 127.0.0.1} on a free port, its store under the test's
 * directory, and, when users are given, htpasswd auth with a file the test
 * writes (bcrypt, by apache2-utils' {@code htpasswd -B}). {@link #close}
 * stops it; the directory is the test's to remove.
 */
public final class TestRegistry implements AutoCloseable {
    private static final long START_TIMEOUT_MILLIS = 15_000;
    private final Process process;
    private final int port;

    private TestRegistry(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** A registry without auth. */
    public static TestRegistry start(Path dir) throws IOException {
        return start(dir, null, null);
    }

    /** A registry with one htpasswd user (none when {@code user} is null). */
    static TestRegistry start(Path dir, String user, String password) throws IOException {
        Files.createDirectories(dir);
        String auth = "";
        if (user != null) {
            Path htpasswd = dir.resolve("htpasswd");
            Host.run("htpasswd", "-Bbc", htpasswd.toString(), user, password);
            auth = "auth:\n  htpasswd:\n    realm: test-registry\n    path: " + htpasswd + "\n";
        }
        for (int attempt = 0; ; attempt++) {
            int port = freePort();
            Path config = dir.resolve("config.yml");
            Files.writeString(
                    config,
                    "version: 0.1\n"
                            + "log:\n  level: error\n"
                            + "storage:\n  filesystem:\n    rootdirectory: " + dir.resolve("store") + "\n"
                            + "  delete:\n    enabled: true\n"
                            + "http:\n  addr: 127.0.0.1:" + port + "\n  secret: test-only-secret\n"
                            + auth);
            Process process = new ProcessBuilder("docker-registry", "serve", config.toString())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("registry.log").toFile())
                    .start();
            TestRegistry registry = new TestRegistry(process, port);
            if (registry.awaitUp()) {
                return registry;
            }
            registry.close();
            if (attempt == 2) {
                throw new IOException(
                        "docker-registry did not start: " + Files.readString(dir.resolve("registry.log")));
            }
        }
    }

    /** {@code 127.0.0.1:PORT}: the registry part of an image name. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    URI base() {
        return URI.create("http://" + host());
    }

    private boolean awaitUp() {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline && process.isAlive()) {
            try {
                http.send(
                        HttpRequest.newBuilder(base().resolve("/v2/"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                return true;
            } catch (IOException notYet) {
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A port nobody listens on now (another may take it before the registry does: then start tries again). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
