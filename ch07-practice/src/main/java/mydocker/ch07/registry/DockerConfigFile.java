package mydocker.ch07.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import mydocker.ch04.image.AtomicFile;
import mydocker.ch04.image.Json;

/**
 * Where {@code login} keeps credentials, the file Docker's CLI keeps them in:
 * {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json},
 * {@code {"auths": {"127.0.0.1:5000": {"auth": "base64(user:password)"}}}}.
 * Everything else in it (a credential helper, Docker's own settings) is kept
 * as it was. The file is replaced atomically and is mode 0600, as Docker's is:
 * it holds passwords, merely encoded. (Docker's credential helpers, which keep
 * them in a keyring instead, are not followed.)
 */
public final class DockerConfigFile {
    private final Path file;

    private DockerConfigFile(Path file) {
        this.file = file;
    }

    public static DockerConfigFile locate() {
        String dir = System.getenv("DOCKER_CONFIG");
        Path base = dir != null && !dir.isEmpty() ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".docker");
        return at(base.resolve("config.json"));
    }

    static DockerConfigFile at(Path file) {
        return new DockerConfigFile(file);
    }

    public Path path() {
        return file;
    }

    public Optional<Credentials> credentials(String registryKey) throws IOException {
        JsonNode entry = read().path("auths").path(registryKey);
        if (!entry.hasNonNull("auth") || entry.get("auth").asText().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Credentials.decode(entry.get("auth").asText(), file.toString()));
    }

    public void store(String registryKey, Credentials credentials) throws IOException {
        update(root -> {
            JsonNode auths = root.path("auths");
            ObjectNode all = auths.isObject() ? (ObjectNode) auths : root.putObject("auths");
            all.putObject(registryKey).put("auth", credentials.encoded());
            return true;
        });
    }

    /** False when there was nothing to remove. */
    public boolean remove(String registryKey) throws IOException {
        return update(root -> root.path("auths") instanceof ObjectNode auths && auths.remove(registryKey) != null);
    }

    private interface Change {
        boolean apply(ObjectNode root);
    }

    /** Read, change, write back, under a lock beside the file, so two logins never lose one another's entry. */
    private boolean update(Change change) throws IOException {
        Files.createDirectories(
                file.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try (FileChannel channel = FileChannel.open(
                        file.resolveSibling(file.getFileName() + ".lock"),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            ObjectNode root = read();
            if (!change.apply(root)) {
                return false;
            }
            // AtomicFile's temporary file is made 0600 and renamed over: the file is never readable by others.
            AtomicFile.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            return true;
        }
    }

    private ObjectNode read() throws IOException {
        if (!Files.exists(file)) {
            return Json.MAPPER.createObjectNode();
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not JSON (" + Json.problem(e) + "): fix or remove it", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + " is not a JSON object: fix or remove it");
        }
        return (ObjectNode) root;
    }
}
