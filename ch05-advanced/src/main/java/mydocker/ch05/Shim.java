package mydocker.ch05;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import mydocker.ch03.Storage;

/**
 * Finds {@code mydocker-shim} (src/main/c, built next to the classes): a file
 * when the chapter runs from its classes directory, copied out to the exec
 * root when it runs from a jar (a later chapter's classpath).
 */
final class Shim {
    private Shim() {
    }

    static Path path() throws IOException {
        URL url = Shim.class.getResource("mydocker-shim");
        if (url == null) {
            throw new IllegalStateException("mydocker-shim is missing: rebuild chapter 5 (it needs gcc: run ./scripts/install-deps.sh)");
        }
        if (url.getProtocol().equals("file")) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        Path copy = Storage.execRoot().resolve("bin/mydocker-shim");
        Files.createDirectories(copy.getParent());
        Path temp = Files.createTempFile(copy.getParent(), ".shim-", "");
        try (InputStream in = url.openStream()) {
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(temp, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return copy;
    }
}
