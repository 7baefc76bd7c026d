package mydocker.ch07.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import mydocker.ch04.image.AtomicFile;
import mydocker.ch04.image.Json;

/**
 * Docker's {@code RepoDigests}: which manifest digest an image had in a
 * repository, recorded when it is pulled or pushed ({@code images --digests},
 * {@code pull NAME@DIGEST} of an image the store has). The image ID is the
 * config's digest, the repo digest the manifest's: the same image has a
 * different one in each registry that holds it with other compression.
 * Kept beside the store, {@code <root>/distribution/repodigests.json}
 * ({@code {"127.0.0.1:5000/x@sha256:…": "sha256:<image id>"}}), as Docker keeps
 * its own distribution metadata beside its image store; written atomically
 * under a lock of its own.
 */
public final class RepoDigests {
    private final Path file;

    private RepoDigests(Path file) {
        this.file = file;
    }

    public static RepoDigests at(Path dataRoot) {
        return new RepoDigests(dataRoot.resolve("distribution").resolve("repodigests.json"));
    }

    public void record(String name, String manifestDigest, String imageId) throws IOException {
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(
                        file.resolveSibling(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            Map<String, String> all = read();
            all.put(name + "@" + manifestDigest, imageId);
            AtomicFile.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
        }
    }

    /** The digest image {@code imageId} has in repository {@code name}, if it was pulled or pushed there. */
    public Optional<String> digest(String name, String imageId) throws IOException {
        return read().entrySet().stream()
                .filter(e -> e.getValue().equals(imageId) && e.getKey().startsWith(name + "@"))
                .map(e -> e.getKey().substring(name.length() + 1))
                .findFirst();
    }

    /** The image a repo digest ({@code name@sha256:…}) was recorded for. */
    public Optional<String> image(String repoDigest) throws IOException {
        return Optional.ofNullable(read().get(repoDigest));
    }

    private Map<String, String> read() throws IOException {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            return new TreeMap<>(Json.MAPPER.readValue(file.toFile(), new TypeReference<Map<String, String>>() {}));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is damaged (" + Json.problem(e) + "): remove it", e);
        }
    }
}
