package mydocker.syscall;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * skopeo, run as root, keeps a blob-info cache in /var/lib/containers/cache
 * whatever its flags say (containers/image's system cache directory); a test
 * class that runs skopeo removes that directory after its last test if it was
 * not there before, so the suite leaves the host as it found it.
 */
public final class RemovesSkopeoCache implements BeforeAllCallback, AfterAllCallback {
    private static final Path DIR = Path.of("/var/lib/containers");
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(RemovesSkopeoCache.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put("existed", Files.exists(DIR));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (context.getStore(NS).get("existed", Boolean.class) || !Files.exists(DIR)) {
            return;
        }
        try (Stream<Path> all = Files.walk(DIR)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
