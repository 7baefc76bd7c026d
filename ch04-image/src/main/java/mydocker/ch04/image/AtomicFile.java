package mydocker.ch04.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * A state file is either the old version or the new one, never half of
 * either: write a temporary file beside it, fsync it, rename it over.
 */
public final class AtomicFile {
    private static final String TEMPORARY = ".tmp";

    private AtomicFile() {}

    /** One of the temporary files {@link #write} makes: left behind only by a writer that died. */
    public static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(TEMPORARY);
    }

    /**
     * Removes the temporary files of writers killed between creating one and
     * renaming it. Only for a caller that holds the lock every writer in
     * {@code dir} holds while it writes: then no temporary file there is live.
     */
    public static void removeTemporaries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(AtomicFile::isTemporary).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    public static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), TEMPORARY);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
