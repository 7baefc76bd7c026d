package mydocker.ch03;

import static mydocker.syscall.CloneFlags.CLONE_NEWIPC;
import static mydocker.syscall.CloneFlags.CLONE_NEWNET;
import static mydocker.syscall.CloneFlags.CLONE_NEWNS;
import static mydocker.syscall.CloneFlags.CLONE_NEWPID;
import static mydocker.syscall.CloneFlags.CLONE_NEWUTS;

import java.nio.file.Path;
import java.util.Map;

/**
 * Which namespaces a container's init gets: the book's {@code Cloneflags}
 * (3.2), new ones by their clone flags, and existing ones to join, each a
 * namespace file with its flag (an OCI config.json names them by path).
 */
public record Namespaces(int created, Map<Path, Integer> joined) {
    /** Book 3.2's: new UTS, PID, mount, IPC and network namespaces. */
    public static final Namespaces CONTAINER =
            new Namespaces(CLONE_NEWUTS | CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWNET, Map.of());

    public Namespaces {
        joined = Map.copyOf(joined);
    }

    public boolean createsOrJoins(int cloneFlag) {
        return (created & cloneFlag) != 0 || joined.containsValue(cloneFlag);
    }
}
