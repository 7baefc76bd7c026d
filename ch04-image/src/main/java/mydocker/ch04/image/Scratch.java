package mydocker.ch04.image;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * One command's working area in the store, {@code image/tmp/<name>/}, for
 * everything it makes before it is done: tar copies, layers being unpacked,
 * an archive's members. A {@code kill -9} can stop a command anywhere, so
 * nothing relies on the command cleaning up after itself:
 * <ul>
 *   <li>{@code <name>.lock} beside the directory is locked for the life of
 *       the process (the kernel drops the lock when the process dies, however
 *       it dies); a scratch whose lock nobody holds is dead, and the next
 *       image command's {@link #sweep} removes it;</li>
 *   <li>a layer filed in the store before its image is registered is
 *       <em>claimed</em> here first, so the sweep keeps it while its command
 *       lives and removes it once the command is dead;</li>
 *   <li>a temporary file that must live elsewhere (save's output, renamed
 *       into place when whole) is recorded here before it is made, so the
 *       sweep removes it too.</li>
 * </ul>
 */
public final class Scratch implements Closeable {
    private static final String LOCK = ".lock";
    private static final String CLAIMS = "claims";
    private static final String OUTSIDE = "outside";
    /** This JVM's own scratches: never tried by its own sweep (closing a second channel would drop the lock). */
    private static final Set<Path> OWN = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final Path lockFile;
    private final FileChannel channel;
    private int made;

    private Scratch(Path dir, Path lockFile, FileChannel channel) {
        this.dir = dir;
        this.lockFile = lockFile;
        this.channel = channel;
    }

    /**
     * Lock first, then check the lock file is still there (a sweep may have
     * found it not yet locked and removed it; its name is random, so nobody
     * else can have made it again), and only then make the directory: a
     * directory without its lock file is always dead.
     */
    static Scratch create(Path area) throws IOException {
        Files.createDirectories(area);
        while (true) {
            String name = UUID.randomUUID().toString();
            Path lockFile = area.resolve(name + LOCK);
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                channel.lock();
                if (Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)) {
                    Path dir = Files.createDirectory(area.resolve(name));
                    OWN.add(lockFile);
                    return new Scratch(dir, lockFile, channel);
                }
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            channel.close(); // swept before we held it: try another name
        }
    }

    /** A fresh path in the scratch area for a file ({@code what} only makes it readable). */
    public Path newFile(String what) {
        return dir.resolve(what + "-" + ++made);
    }

    /** A fresh, empty directory in the scratch area. */
    public Path newDirectory(String what) throws IOException {
        return Files.createDirectory(newFile(what));
    }

    /** Records a layer of the store as this command's until its image is registered: the sweep keeps it meanwhile. */
    void claim(String diffId) throws IOException {
        Files.writeString(
                dir.resolve(CLAIMS),
                diffId + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /**
     * A fresh path for a temporary file in {@code directory}, outside the
     * store, recorded here before anything is made under it.
     */
    public Path outside(Path directory, String prefix) throws IOException {
        Path file = directory.toAbsolutePath().resolve("." + prefix + "-" + UUID.randomUUID() + ".tmp");
        Files.writeString(
                dir.resolve(OUTSIDE),
                file + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            remove(dir);
            Files.deleteIfExists(lockFile);
        } finally {
            OWN.remove(lockFile);
            channel.close();
        }
    }

    /** The directory first, its lock file last: a directory found without its lock is dead. */
    private static void remove(Path dir) throws IOException {
        for (String file : lines(dir.resolve(OUTSIDE))) {
            Files.deleteIfExists(Path.of(file));
        }
        Trees.delete(dir);
    }

    /**
     * Removes every dead scratch of {@code area} (with its outside files) and
     * returns the layers the live ones claim. Run under the store's lock, so
     * two sweeps never race each other.
     */
    static Set<String> sweep(Path area) throws IOException {
        Set<String> claimed = new HashSet<>();
        if (!Files.isDirectory(area)) {
            return claimed;
        }
        List<Path> entries;
        try (Stream<Path> all = Files.list(area)) {
            entries = all.sorted().toList();
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            try {
                if (name.endsWith(LOCK)) {
                    Path dir = area.resolve(name.substring(0, name.length() - LOCK.length()));
                    if (OWN.contains(entry) || !removeIfDead(entry, dir)) {
                        lines(dir.resolve(CLAIMS)).forEach(claimed::add);
                    }
                } else if (!Files.exists(area.resolve(name + LOCK), LinkOption.NOFOLLOW_LINKS)) {
                    remove(entry); // its lock file is gone: its command died while removing it
                }
            } catch (NoSuchFileException removedMeanwhile) {
                // its live owner closed it while we looked: nothing left to do
            }
        }
        return claimed;
    }

    /** True if nobody held {@code lockFile}: then its scratch is removed, under the lock this sweep now holds. */
    private static boolean removeIfDead(Path lockFile, Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                remove(dir);
            }
            Files.deleteIfExists(lockFile);
            return true;
        } catch (OverlappingFileLockException ours) {
            return false;
        }
    }

    private static List<String> lines(Path file) throws IOException {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException none) {
            return List.of();
        }
    }
}
