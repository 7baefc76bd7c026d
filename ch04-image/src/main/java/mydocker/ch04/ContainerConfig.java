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
 * {@code containers/<id>/config.json}: what a container is made of — its
 * image, command, environment, volumes and limits — so that `commit` can
 * stack its upper layer on its image's layers, `rmi` can tell the image is in
 * use, and (chapter 5) a detached container can be started from it again.
 * {@code name} is chapter 5's, {@code network} and {@code ports} chapter 6's;
 * chapter 4's containers have none of them. {@code cgroupParent} is null
 * for the default parent.
 */
public record ContainerConfig(String id, String name, String image, String imageName, List<String> command,
                              List<String> env, List<String> volumes, String memory, Integer cpuShares,
                              String cpusetCpus, String hostname, String network, List<String> ports,
                              Instant created, String cgroupParent) {
    public static final String FILE = "config.json";

    public ContainerConfig withName(String name) {
        return new ContainerConfig(id, name, image, imageName, command, env, volumes, memory, cpuShares, cpusetCpus,
                hostname, network, ports, created, cgroupParent);
    }

    public ContainerConfig withNetwork(String network, List<String> ports) {
        return new ContainerConfig(id, name, image, imageName, command, env, volumes, memory, cpuShares, cpusetCpus,
                hostname, network, ports, created, cgroupParent);
    }

    public void write(Path containerDir) throws IOException {
        AtomicFile.write(containerDir.resolve(FILE), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(
                new Stored(id, name, image, imageName, command, env, volumes, memory, cpuShares, cpusetCpus, hostname,
                        network, ports, created.toString(), cgroupParent)));
    }

    public static ContainerConfig read(Path containerDir) throws IOException {
        Stored s = Json.MAPPER.readValue(containerDir.resolve(FILE).toFile(), Stored.class);
        return new ContainerConfig(s.id(), s.name(), s.image(), s.imageName(), s.command(), s.env(), s.volumes(),
                s.memory(), s.cpuShares(), s.cpusetCpus(), s.hostname(), s.network(),
                s.ports() == null ? List.of() : s.ports(), Instant.parse(s.created()), s.cgroupParent());
    }

    /** Every container that has a directory under {@code containersDir}, oldest first. */
    public static List<ContainerConfig> all(Path containersDir) throws IOException {
        List<ContainerConfig> all = new ArrayList<>();
        if (Files.isDirectory(containersDir)) {
            try (Stream<Path> dirs = Files.list(containersDir)) {
                for (Path dir : dirs.filter(d -> Files.exists(d.resolve(FILE))).toList()) {
                    all.add(read(dir));
                }
            }
        }
        all.sort((a, b) -> a.created().compareTo(b.created()));
        return all;
    }

    /** The directory of the container {@code idOrPrefix} names: a full ID or a unique prefix. */
    public static Path find(Path containersDir, String idOrPrefix) throws IOException {
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
    record Stored(String id, String name, String image, String imageName, List<String> command, List<String> env,
                  List<String> volumes, String memory, Integer cpuShares, String cpusetCpus, String hostname,
                  String network, List<String> ports, String created, String cgroupParent) {
    }
}
