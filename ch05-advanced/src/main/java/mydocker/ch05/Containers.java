package mydocker.ch05;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import mydocker.ch03.Storage;
import mydocker.ch04.ContainerConfig;

/**
 * The containers under {@code MYDOCKER_ROOT/containers}: found by name, full
 * ID or unique ID prefix, as every Docker command accepts. Creating one
 * reserves its name under a lock, so two `run --name x` cannot both win.
 */
public final class Containers {
    private Containers() {
    }

    public static Path root() {
        return Storage.dataRoot().resolve("containers");
    }

    public static Path dir(String id) {
        return root().resolve(id);
    }

    /** The container a user's word names. */
    public static ContainerConfig resolve(String nameOrId) throws IOException {
        List<ContainerConfig> all = ContainerConfig.all(root());
        for (ContainerConfig c : all) {
            if (nameOrId.equals(c.name()) || nameOrId.equals(c.id())) {
                return c;
            }
        }
        List<ContainerConfig> prefixed = new ArrayList<>();
        for (ContainerConfig c : all) {
            if (nameOrId.matches("[0-9a-f]+") && c.id().startsWith(nameOrId)) {
                prefixed.add(c);
            }
        }
        if (prefixed.size() == 1) {
            return prefixed.get(0);
        }
        throw new IllegalArgumentException(prefixed.isEmpty() ? "No such container: " + nameOrId
                : "Multiple IDs found with prefix: " + nameOrId + " (give more digits or the name)");
    }

    /**
     * Writes the container's config.json, its name checked and reserved under
     * the lock; without a name it gets a random one that is free. Returns the
     * config as written.
     */
    static ContainerConfig create(ContainerConfig config) throws IOException {
        Files.createDirectories(root());
        try (FileChannel channel = FileChannel.open(root().resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            List<ContainerConfig> all = ContainerConfig.all(root());
            if (config.name() == null) {
                config = config.withName(freeName(all));
            }
            for (ContainerConfig other : all) {
                if (config.name().equals(other.name())) {
                    throw new IllegalStateException("Conflict. The container name \"/" + config.name()
                            + "\" is already in use by container \"" + other.id()
                            + "\". You have to remove (or rename) that container to be able to reuse that name.");
                }
            }
            Path dir = dir(config.id());
            Files.createDirectories(dir);
            config.write(dir);
            return config;
        }
    }

    private static String freeName(List<ContainerConfig> all) {
        for (int attempt = 0; ; attempt++) {
            String name = Names.random() + (attempt < 10 ? "" : String.valueOf(attempt)); // Docker appends a digit too
            if (all.stream().noneMatch(c -> name.equals(c.name()))) {
                return name;
            }
        }
    }


    /**
     * Held while a container starts (the second JVM of `run -d` and `start`)
     * and while `rm` removes it, so that neither sees the other half done:
     * `rm` waits for a start to finish, and a start after an `rm` finds the
     * container gone. Under the exec root, as it lives only as long as a start.
     */
    static FileChannel startLock(String id) throws IOException {
        Path dir = Storage.execRoot().resolve("container-locks");
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(dir.resolve(id), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.lock(); // released when the channel closes, or when this process ends
        return channel;
    }

    static void forgetStartLock(String id) throws IOException {
        Files.deleteIfExists(Storage.execRoot().resolve("container-locks").resolve(id));
    }

    static ContainerState state(ContainerConfig config) {
        try {
            return ContainerState.of(dir(config.id()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
