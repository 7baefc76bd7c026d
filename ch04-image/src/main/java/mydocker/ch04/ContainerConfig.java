package mydocker.ch04;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import mydocker.ch04.image.AtomicFile;
import mydocker.ch04.image.Json;

/**
 * {@code containers/<id>/config.json}: what a container was made from, so
 * that `commit` can stack its upper layer on its image's layers and `rmi`
 * can tell the image is in use. Chapter 5 adds its state (pid, status).
 */
public record ContainerConfig(String id, String image, String imageName, List<String> command, Instant created) {
    static final String FILE = "config.json";

    void write(Path containerDir) throws IOException {
        AtomicFile.write(containerDir.resolve(FILE), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(
                new Stored(id, image, imageName, command, created.toString())));
    }

    static ContainerConfig read(Path containerDir) throws IOException {
        Stored s = Json.MAPPER.readValue(containerDir.resolve(FILE).toFile(), Stored.class);
        return new ContainerConfig(s.id(), s.image(), s.imageName(), s.command(), Instant.parse(s.created()));
    }

    /** Every container that has a directory under {@code containersDir}. */
    static List<ContainerConfig> all(Path containersDir) throws IOException {
        List<ContainerConfig> all = new ArrayList<>();
        if (Files.isDirectory(containersDir)) {
            try (Stream<Path> dirs = Files.list(containersDir)) {
                for (Path dir : dirs.filter(d -> Files.exists(d.resolve(FILE))).toList()) {
                    all.add(read(dir));
                }
            }
        }
        return all;
    }

    /** The directory of the container {@code idOrPrefix} names: a full ID or a unique prefix. */
    static Path find(Path containersDir, String idOrPrefix) throws IOException {
        List<Path> matches = new ArrayList<>();
        if (idOrPrefix.matches("[0-9a-f]+") && Files.isDirectory(containersDir)) {
            try (Stream<Path> dirs = Files.list(containersDir)) {
                matches = dirs.filter(d -> d.getFileName().toString().startsWith(idOrPrefix)).toList();
            }
        }
        if (matches.size() != 1) {
            throw new IllegalArgumentException(matches.isEmpty() ? "No such container: " + idOrPrefix
                    : "container ID prefix " + idOrPrefix + " is ambiguous: give more digits");
        }
        return matches.get(0);
    }

    /** The JSON shape: plain fields, the time as ISO-8601 text. */
    record Stored(String id, String image, String imageName, List<String> command, String created) {
    }
}
