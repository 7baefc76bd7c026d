package mydocker.ch03;

import java.nio.file.Path;

/**
 * Where mydocker keeps things, as Docker does: the data root
 * (MYDOCKER_ROOT, default /var/lib/mydocker: images, containers) and the
 * exec root (MYDOCKER_EXEC_ROOT, default /run/mydocker: what lives only as
 * long as a process or a boot). Tests point both at their own directories.
 */
public final class Storage {
    private Storage() {}

    public static Path dataRoot() {
        return Path.of(System.getenv().getOrDefault("MYDOCKER_ROOT", "/var/lib/mydocker"));
    }

    public static Path execRoot() {
        return Path.of(System.getenv().getOrDefault("MYDOCKER_EXEC_ROOT", "/run/mydocker"));
    }
}
