package mydocker.ch04;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import mydocker.ch02.cgroups.CgroupParent;
import mydocker.ch02.cgroups.ResourceConfig;
import mydocker.ch03.Container;
import mydocker.ch04.image.AtomicFile;
import mydocker.ch04.image.Json;

/**
 * {@code containers/<id>/config.json}: what a container is made of — its
 * image, command, environment, volumes and limits, as typed values parsed once
 * from run's flags — so that `commit` can stack its upper layer on its image's
 * layers, `rmi` can tell the image is in use, and (chapter 5) a detached
 * container can be started from it again.
 *
 * <p>A later chapter keeps its own part of a container (chapter 5 its name,
 * chapter 6 its network) as an {@link Extension}: a typed value under a key of
 * its own, which this chapter writes back unread. It is the one seam this
 * record has for later chapters (BOOK-NOTES, chapter 4: why).
 */
public record ContainerConfig(
        String id,
        String image,
        String imageName,
        List<String> command,
        List<String> env,
        List<Volume> volumes,
        ResourceConfig resources,
        CgroupParent cgroupParent,
        String hostname,
        Instant created,
        Map<String, JsonNode> extensions) {
    public static final String FILE = "config.json";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

    /** A later chapter's part of the record: its key, and the type it is read as. */
    public record Extension<T>(String key, Class<T> type) {}

    public ContainerConfig {
        command = List.copyOf(command);
        env = List.copyOf(env);
        volumes = List.copyOf(volumes);
        extensions = Map.copyOf(extensions);
    }

    /** The container as its start sees it: its ID and hostname. */
    public Container container() {
        return new Container(id, hostname);
    }

    /** The later chapter's part, if this container has it; one that does not read as its type is an error. */
    public <T> Optional<T> get(Extension<T> extension) {
        JsonNode node = extensions.get(extension.key());
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.treeToValue(node, extension.type()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "container " + id.substring(0, 12) + "'s " + FILE + " has a bad " + extension.key() + " ("
                            + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /** This config with {@code value} as the later chapter's part. */
    public <T> ContainerConfig with(Extension<T> extension, T value) {
        Map<String, JsonNode> all = new TreeMap<>(extensions);
        all.put(extension.key(), Json.MAPPER.valueToTree(value));
        return new ContainerConfig(
                id, image, imageName, command, env, volumes, resources, cgroupParent, hostname, created, all);
    }

    public void write(Path containerDir) throws IOException {
        AtomicFile.write(
                containerDir.resolve(FILE),
                Json.MAPPER
                        .writerWithDefaultPrettyPrinter()
                        .writeValueAsBytes(new Stored(
                                id,
                                image,
                                imageName,
                                command,
                                env,
                                volumes.stream().map(StoredVolume::of).toList(),
                                resources.memoryBytes().orElse(null),
                                resources.cpuShares().orElse(null),
                                resources.cpusetCpus().orElse(null),
                                cgroupParent.path(),
                                hostname,
                                created.toString(),
                                extensions)));
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
        CorruptFileException.require(s.hostname() != null, file, "no hostname");
        try {
            return new ContainerConfig(
                    s.id(),
                    s.image(),
                    s.imageName(),
                    s.command(),
                    orEmpty(s.env()),
                    orEmpty(s.volumes()).stream().map(StoredVolume::volume).toList(),
                    resources(s),
                    CgroupParent.parse(String.valueOf(s.cgroupParent())),
                    s.hostname(),
                    Instant.parse(String.valueOf(s.created())),
                    s.extensions() == null ? Map.of() : s.extensions());
        } catch (DateTimeParseException e) {
            throw new CorruptFileException(file, "bad created time " + s.created());
        } catch (IllegalArgumentException | NullPointerException e) { // a volume, a limit, the cgroup parent
            throw new CorruptFileException(file, String.valueOf(e.getMessage()));
        }
    }

    private static ResourceConfig resources(Stored s) {
        ResourceConfig resources = ResourceConfig.none();
        if (s.memory() != null) {
            resources = resources.withMemory(s.memory());
        }
        if (s.cpuShares() != null) {
            resources = resources.withCpuShares(s.cpuShares());
        }
        if (s.cpusetCpus() != null) {
            resources = resources.withCpusetCpus(s.cpusetCpus());
        }
        return resources;
    }

    private static <T> List<T> orEmpty(List<T> list) {
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

    /** The JSON shape: plain fields, the time as ISO-8601 text, the limits in bytes and shares. */
    record Stored(
            String id,
            String image,
            String imageName,
            List<String> command,
            List<String> env,
            List<StoredVolume> volumes,
            Long memory,
            Integer cpuShares,
            String cpusetCpus,
            String cgroupParent,
            String hostname,
            String created,
            Map<String, JsonNode> extensions) {}

    /** A volume as JSON: its two paths as text (Jackson would write a Path as a file: URI). */
    record StoredVolume(String host, String container, boolean readOnly) {
        static StoredVolume of(Volume v) {
            return new StoredVolume(v.host().toString(), v.container().toString(), v.readOnly());
        }

        Volume volume() {
            return new Volume(Path.of(host), Path.of(container), readOnly);
        }
    }
}
