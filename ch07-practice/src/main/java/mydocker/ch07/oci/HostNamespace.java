package mydocker.ch07.oci;

import static mydocker.syscall.CloneFlags.CLONE_NEWIPC;
import static mydocker.syscall.CloneFlags.CLONE_NEWNET;
import static mydocker.syscall.CloneFlags.CLONE_NEWUTS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import mydocker.ch03.Namespaces;

/**
 * Whether a container's namespace of one kind is its own and not the host's
 * (runc's isHostNetNS, for every kind a setting is allowed in): created for
 * it, or joined from a file that is not the namespace this runtime runs in —
 * two namespace files are the same namespace when their device and inode are.
 */
final class HostNamespace {
    private static final Map<Integer, String> NAMES =
            Map.of(CLONE_NEWIPC, "ipc", CLONE_NEWNET, "net", CLONE_NEWUTS, "uts");

    private HostNamespace() {}

    static String name(int cloneFlag) {
        return NAMES.get(cloneFlag);
    }

    static boolean isOwn(Namespaces namespaces, int cloneFlag) {
        if ((namespaces.created() & cloneFlag) != 0) {
            return true;
        }
        Path host = Path.of("/proc/self/ns/" + name(cloneFlag));
        return namespaces.joined().entrySet().stream()
                .anyMatch(e -> e.getValue() == cloneFlag && !sameNamespace(e.getKey(), host));
    }

    private static boolean sameNamespace(Path a, Path b) {
        try {
            return Files.getAttribute(a, "unix:dev").equals(Files.getAttribute(b, "unix:dev"))
                    && Files.getAttribute(a, "unix:ino").equals(Files.getAttribute(b, "unix:ino"));
        } catch (IOException e) {
            return true; // cannot tell: count it as the host's, the safe side
        }
    }
}
