package mydocker.ch05;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.stream.Stream;
import mydocker.ch03.Storage;

/**
 * Finds {@code mydocker-shim} (src/main/c, built next to the classes): a file
 * when the chapter runs from its classes directory, copied out to the exec
 * root when it runs from a jar (a later chapter's classpath).
 *
 * <p>The copy is made only when the one there differs, through a temporary
 * {@code bin/.shim-*} renamed over it, under {@code bin/.lock}: whoever holds
 * the lock is the only one copying, so any {@code .shim-*} it finds was left
 * by a command killed half way, and goes.
 */
final class Shim {
    private static final String TEMP_PREFIX = ".shim-";

    private Shim() {}

    static Path path() throws IOException {
        URL url = Shim.class.getResource("mydocker-shim");
        if (url == null) {
            throw new IllegalStateException(
                    "mydocker-shim is missing: rebuild chapter 5 (it needs gcc: run ./scripts/install-deps.sh)");
        }
        if (url.getProtocol().equals("file")) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        byte[] wanted;
        try (InputStream in = url.openStream()) {
            wanted = in.readAllBytes();
        }
        Path bin = Storage.execRoot().resolve("bin");
        Path copy = bin.resolve("mydocker-shim");
        Files.createDirectories(bin);
        try (FileChannel channel =
                        FileChannel.open(bin.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            removeTemps(bin);
            if (!same(copy, wanted)) {
                Path temp = Files.createTempFile(bin, TEMP_PREFIX, "");
                try {
                    Files.write(temp, wanted);
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
                    Files.move(temp, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
        }
        return copy;
    }

    private static boolean same(Path copy, byte[] wanted) throws IOException {
        return Files.isRegularFile(copy)
                && Files.size(copy) == wanted.length
                && Arrays.equals(Files.readAllBytes(copy), wanted);
    }

    private static void removeTemps(Path bin) throws IOException {
        try (Stream<Path> entries = Files.list(bin)) {
            for (Path temp : entries.filter(p -> p.getFileName().toString().startsWith(TEMP_PREFIX))
                    .toList()) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
