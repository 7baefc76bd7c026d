package mydocker.ch05;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mydocker.ch02.cgroups.CgroupParent;
import mydocker.ch02.cgroups.ResourceConfig;
import mydocker.ch04.ContainerConfig;

/**
 * Test helper: a container directory as `run` leaves it before the start
 * (its config.json only: Created), made by hand under a test's own
 * containers directory, so that finding and listing can be tried without root.
 */
final class ContainerDirs {
    private ContainerDirs() {}

    /** The config of a busybox container running {@code true}, named {@code name} (or null: none yet). */
    static ContainerConfig config(String id, String name, Instant created) {
        ContainerConfig config = new ContainerConfig(
                id,
                "sha256:" + "0".repeat(64),
                "busybox",
                List.of("true"),
                List.of(),
                List.of(),
                ResourceConfig.none(),
                CgroupParent.DEFAULT,
                id.substring(0, 12),
                created,
                Map.of());
        return name == null ? config : config.with(Names.NAME, name);
    }

    /** Makes {@code root/<id>} with that config; returns the directory. */
    static Path make(Path root, String id, String name) {
        try {
            Path dir = Files.createDirectories(root.resolve(id));
            config(id, name, Instant.now()).write(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 64-digit ID that starts with {@code prefix}. */
    static String id(String prefix) {
        return prefix + "0".repeat(64 - prefix.length());
    }
}
