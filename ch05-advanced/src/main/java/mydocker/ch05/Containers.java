package mydocker.ch05;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import mydocker.ch03.ContainerLock;
import mydocker.ch03.Storage;
import mydocker.ch04.ContainerConfig;
import mydocker.ch04.CorruptFileException;
import mydocker.ch04.image.Trees;

/**
 * The containers under {@code MYDOCKER_ROOT/containers}: found by name, full
 * ID or unique ID prefix, as every Docker command accepts. Creating one
 * reserves its name under a lock, so two `run --name x` cannot both win.
 *
 * <p>A container directory appears whole or not at all: it is made as
 * {@code .new-<id>} and renamed into place, and `rm` renames it to
 * {@code .rm-<id>} before deleting it. A command killed half way leaves only
 * such a scratch directory, which the next `run` or `rm` removes.
 */
public final class Containers {
    private static final String NEW = ".new-";
    private static final String REMOVING = ".rm-";

    private Containers() {}

    /**
     * A container as found on disk: its ID (its directory's name) and its
     * config, or why that cannot be read ({@code config} is then null).
     */
    public record Found(String id, ContainerConfig config, CorruptFileException unreadable) {
        /** The config, or the one line that says it is broken and how to get rid of it. */
        public ContainerConfig readableConfig() {
            if (unreadable != null) {
                throw new IllegalStateException(problem(id, unreadable));
            }
            return config;
        }

        /** Its name; null if its config cannot be read. */
        public String name() {
            return config == null ? null : Names.of(config);
        }
    }

    public static Path root() {
        return Storage.dataRoot().resolve("containers");
    }

    public static Path dir(String id) {
        return root().resolve(id);
    }

    /** Every container, oldest first; those whose config cannot be read first of all. */
    public static List<Found> list() throws IOException {
        return list(root());
    }

    /** Every container under {@code root} (a containers directory), as {@link #list()}. */
    static List<Found> list(Path root) throws IOException {
        List<Found> all = new ArrayList<>();
        for (Path dir : ContainerConfig.dirs(root)) {
            String id = dir.getFileName().toString();
            try {
                all.add(new Found(id, read(dir), null));
            } catch (CorruptFileException e) {
                if (Files.isDirectory(dir)) { // not just removed by an `rm`
                    all.add(new Found(id, null, e));
                }
            }
        }
        all.sort(Comparator.comparing((Found f) -> f.config() != null)
                .thenComparing(
                        f -> f.config() == null ? f.id() : f.config().created().toString()));
        return all;
    }

    /** Chapter 4's config with chapter 5's part checked too: a name that is not a name is a broken file. */
    private static ContainerConfig read(Path dir) throws IOException {
        ContainerConfig config = ContainerConfig.read(dir);
        try {
            Names.of(config);
        } catch (IllegalStateException e) {
            throw new CorruptFileException(dir.resolve(ContainerConfig.FILE), e.getMessage());
        }
        return config;
    }

    /** The container a user's word names, even one whose config cannot be read (then by ID only). */
    public static Found find(String nameOrId) throws IOException {
        return find(root(), nameOrId);
    }

    /** The container a user's word names under {@code root}, as {@link #find(String)}. */
    static Found find(Path root, String nameOrId) throws IOException {
        List<Found> all = list(root);
        for (Found c : all) {
            if (nameOrId.equals(c.id()) || nameOrId.equals(c.name())) {
                return c;
            }
        }
        List<Found> prefixed = all.stream()
                .filter(c -> nameOrId.matches("[0-9a-f]+") && c.id().startsWith(nameOrId))
                .toList();
        if (prefixed.size() == 1) {
            return prefixed.get(0);
        }
        throw new IllegalArgumentException(
                prefixed.isEmpty()
                        ? "No such container: " + nameOrId
                        : "Multiple IDs found with prefix: " + nameOrId + " (give more digits or the name)");
    }

    /** The container a user's word names, with its config. */
    public static ContainerConfig resolve(String nameOrId) throws IOException {
        return find(nameOrId).readableConfig();
    }

    /** One line for a container with a broken file: which, why, and what to do. */
    static String problem(String id, CorruptFileException e) {
        String shortId = id.substring(0, 12);
        return "container " + shortId + ": " + e.getMessage() + ": remove it with mydocker rm -f " + shortId;
    }

    /**
     * Makes the container's directory with its config.json, its name checked
     * and reserved under the lock; without a name it gets a random one that is
     * free. Returns the config as written. A container whose config cannot be
     * read holds no name anyone can see, so it blocks none.
     */
    public static ContainerConfig create(ContainerConfig config) throws IOException {
        Files.createDirectories(root());
        try (FileChannel channel =
                        FileChannel.open(root().resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            removeScratch();
            List<Found> all = list();
            if (Names.of(config) == null) {
                config = config.with(Names.NAME, freeName(all));
            }
            String name = Names.of(config);
            for (Found other : all) {
                if (name.equals(other.name())) {
                    throw new IllegalStateException("Conflict. The container name \"/" + name
                            + "\" is already in use by container \"" + other.id()
                            + "\". You have to remove (or rename) that container to be able to reuse that name.");
                }
            }
            Path scratch = root().resolve(NEW + config.id());
            try {
                Files.createDirectories(scratch);
                config.write(scratch);
                Files.move(scratch, dir(config.id()), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Trees.delete(scratch);
                throw new IOException(
                        "cannot create container " + config.id().substring(0, 12) + " in " + root() + ": "
                                + e.getMessage(),
                        e);
            }
            return config;
        }
    }

    private static String freeName(List<Found> all) {
        for (int attempt = 0; ; attempt++) {
            String name = Names.random() + (attempt < 10 ? "" : String.valueOf(attempt)); // Docker appends a digit too
            if (all.stream().noneMatch(c -> name.equals(c.name()))) {
                return name;
            }
        }
    }

    /** Takes a container's directory out of sight at once; its files are deleted after. */
    static Path hide(String id) throws IOException {
        Path removing = root().resolve(REMOVING + id);
        Files.move(dir(id), removing, StandardCopyOption.ATOMIC_MOVE);
        return removing;
    }

    /**
     * What killed commands left: scratch directories (every `run` makes its
     * directory under the lock, so any {@code .new-*} seen under it is stale;
     * a {@code .rm-*} is out of sight already), and start locks of containers
     * that are gone and that nobody holds. Best effort: at worst the next
     * command tries again. Called with the lock held.
     */
    private static void removeScratch() throws IOException {
        try (Stream<Path> entries = Files.list(root())) {
            for (Path p : entries.filter(p -> p.getFileName().toString().startsWith(NEW)
                            || p.getFileName().toString().startsWith(REMOVING))
                    .toList()) {
                deleteQuietly(p);
            }
        }
        Path locks = startLocks();
        if (!Files.isDirectory(locks)) {
            return;
        }
        try (Stream<Path> entries = Files.list(locks)) {
            for (Path lockFile : entries.toList()) {
                if (!Files.exists(dir(lockFile.getFileName().toString()))) {
                    forgetIfUnheld(lockFile);
                }
            }
        }
    }

    private static void deleteQuietly(Path tree) {
        try {
            Trees.delete(tree);
        } catch (IOException e) {
            // another command is removing it too
        }
    }

    private static void forgetIfUnheld(Path lockFile) {
        try (FileChannel other = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            if (other.tryLock() != null) {
                Files.delete(lockFile);
            }
        } catch (NoSuchFileException | OverlappingFileLockException e) {
            // removed meanwhile, or held by this process
        } catch (IOException e) {
            // left for the next command
        }
    }

    /** Removes what killed commands left; for `rm`, which does not create. */
    static void removeLeftovers() throws IOException {
        if (!Files.isDirectory(root())) {
            return;
        }
        try (FileChannel channel =
                        FileChannel.open(root().resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            removeScratch();
        }
        ContainerLock.removeLeftovers(); // the cgroups of foreground containers whose CLI was killed
    }

    private static Path startLocks() {
        return Storage.execRoot().resolve("container-locks");
    }

    /**
     * Held while a container starts (the second JVM of `run -d` and `start`)
     * and while `rm` removes it, so that neither sees the other half done:
     * `rm` waits for a start to finish, and a start after an `rm` finds the
     * container gone. Under the exec root, as it lives only as long as a start.
     */
    static FileChannel startLock(String id) throws IOException {
        Files.createDirectories(startLocks());
        FileChannel channel =
                FileChannel.open(startLocks().resolve(id), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.lock(); // released when the channel closes, or when this process ends
        return channel;
    }

    /** The start lock if nobody holds it, else null: for the reaper, which leaves the group to whoever holds it. */
    static FileChannel tryStartLock(String id) throws IOException {
        Files.createDirectories(startLocks());
        FileChannel channel =
                FileChannel.open(startLocks().resolve(id), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (channel.tryLock() == null) {
            channel.close();
            return null;
        }
        return channel;
    }

    static void forgetStartLock(String id) throws IOException {
        Files.deleteIfExists(startLocks().resolve(id));
    }

    /** Where the container is in its life; one line naming the file if state.json or exit.json is broken. */
    static ContainerState state(ContainerConfig config) {
        return state(config.id());
    }

    static ContainerState state(String id) {
        try {
            return ContainerState.of(dir(id));
        } catch (CorruptFileException e) {
            throw new IllegalStateException(problem(id, e));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "reading the state of container " + id.substring(0, 12) + ": " + e.getMessage(), e);
        }
    }
}
