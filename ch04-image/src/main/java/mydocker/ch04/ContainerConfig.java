package mydocker.ch04;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
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
public record ContainerConfig(
        String id,
        String name,
        String image,
        String imageName,
        List<String> command,
        List<String> env,
        List<String> volumes,
        String memory,
        Integer cpuShares,
        String cpusetCpus,
        String hostname,
        String network,
        List<String> ports,
        Instant created,
        String cgroupParent) {
    public static final String FILE = "config.json";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

    public ContainerConfig withName(String name) {
        return new ContainerConfig(
                id,
                name,
                image,
                imageName,
                command,
                env,
                volumes,
                memory,
                cpuShares,
                cpusetCpus,
                hostname,
                network,
                ports,
                created,
                cgroupParent);
    }

    public ContainerConfig withNetwork(String network, List<String> ports) {
        return new ContainerConfig(
                id,
                name,
                image,
                imageName,
                command,
                env,
                volumes,
                memory,
                cpuShares,
                cpusetCpus,
                hostname,
                network,
                ports,
                created,
                cgroupParent);
    }

    public void write(Path containerDir) throws IOException {
        AtomicFile.write(
                containerDir.resolve(FILE),
                Json.MAPPER
                        .writerWithDefaultPrettyPrinter()
                        .writeValueAsBytes(new Stored(
                                id,
                                name,
                                image,
                                imageName,
                                command,
                                env,
                                volumes,
                                memory,
                                cpuShares,
                                cpusetCpus,
                                hostname,
                                network,
                                ports,
                                created.toString(),
                                cgroupParent)));
    }

    /**
     * The config of the container in {@code containerDir}, checked as it is
     * read: a missing, truncated or garbled file, or one that lacks what every
     * container has (or names another container), is a {@link CorruptFileException}.
     */
    public static ContainerConfig read(Path containerDir) throws IOException {
        Path file = containerDir.resolve(FILE);
        Stored s;
        try {
            s = JsonFile.read(file, Stored.class);
        } catch (NoSuchFileException e) {
            throw new CorruptFileException(file, "it is missing");
        }
        CorruptFileException.require(
                containerDir.getFileName().toString().equals(s.id()), file, "its id is not its directory's name");
        CorruptFileException.require(s.image() != null, file, "no image");
        CorruptFileException.require(s.command() != null && !s.command().isEmpty(), file, "no command");
        Instant created;
        try {
            created = Instant.parse(String.valueOf(s.created()));
        } catch (DateTimeParseException e) {
            throw new CorruptFileException(file, "bad created time " + s.created());
        }
        return new ContainerConfig(
                s.id(),
                s.name(),
                s.image(),
                s.imageName(),
                s.command(),
                orEmpty(s.env()),
                orEmpty(s.volumes()),
                s.memory(),
                s.cpuShares(),
                s.cpusetCpus(),
                s.hostname(),
                s.network(),
                orEmpty(s.ports()),
                created,
                s.cgroupParent());
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    /**
     * Every container directory under {@code containersDir}: those named by a
     * container ID. Anything else there ({@code .lock}, a half-made
     * {@code .new-<id>}, a half-removed {@code .rm-<id>}) is not a container.
     */
    public static List<Path> dirs(Path containersDir) throws IOException {
        if (!Files.isDirectory(containersDir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(containersDir)) {
            return dirs.filter(d -> ID.matcher(d.getFileName().toString()).matches() && Files.isDirectory(d))
                    .toList();
        }
    }

    /**
     * Every container whose config can be read, oldest first. One that cannot
     * is skipped here, so it never stops a command about the others; chapter
     * 5's `ps` lists it and says why.
     */
    public static List<ContainerConfig> all(Path containersDir) throws IOException {
        List<ContainerConfig> all = new ArrayList<>();
        for (Path dir : dirs(containersDir)) {
            try {
                all.add(read(dir));
            } catch (CorruptFileException e) {
                // not a container anything can be done with but remove it
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
                matches = dirs.filter(d -> d.getFileName().toString().startsWith(idOrPrefix))
                        .toList();
            }
        }
        if (matches.size() != 1) {
            throw new IllegalArgumentException(
                    matches.isEmpty()
                            ? "No such container: " + idOrPrefix
                            : "container ID prefix " + idOrPrefix + " is ambiguous: give more digits");
        }
        return matches.get(0);
    }

    /** The JSON shape: plain fields, the time as ISO-8601 text. */
    record Stored(
            String id,
            String name,
            String image,
            String imageName,
            List<String> command,
            List<String> env,
            List<String> volumes,
            String memory,
            Integer cpuShares,
            String cpusetCpus,
            String hostname,
            String network,
            List<String> ports,
            String created,
            String cgroupParent) {}
}
