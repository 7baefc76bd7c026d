package mydocker.ch03;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Namespaces, mounts and cgroups need root: say so before touching anything. */
public final class Root {
    private Root() {}

    public static void require(String command) {
        require(command, uid());
    }

    static void require(String command, int uid) {
        if (uid != 0) {
            throw new IllegalStateException(command + " needs root (it creates namespaces, mounts and cgroups):"
                    + " try sudo ./mydocker " + command + " ...");
        }
    }

    static int uid() {
        try {
            return (int) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
