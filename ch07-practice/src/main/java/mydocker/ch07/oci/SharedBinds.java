package mydocker.ch07.oci;

import static mydocker.syscall.MountFlags.MS_REC;
import static mydocker.syscall.MountFlags.MS_SHARED;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import mydocker.ch03.InitStep;
import mydocker.syscall.Syscall;

/**
 * The bind mounts that ask for shared propagation: Kubernetes'
 * Bidirectional volumes (book 7.6; critest's rshared spec), where a mount
 * made in the container must reach the host and the host's reach the
 * container. {@link RootfsPropagation#cutFromHost} makes every mount of the
 * container's namespace a slave first, so a bind made after it could never
 * send anything back. These are therefore taken from the host's tree before
 * the cut ({@link #take}: open_tree's clone of a shared mount joins its peer
 * group, as a bind does) and attached at their destination by {@link
 * OciMounts} ({@link #attach}). Only they are peers of the host's mounts: the
 * container's root stays cut.
 */
final class SharedBinds {
    private final List<MountSpec> mounts;
    private final Map<MountSpec, Integer> taken = new IdentityHashMap<>();

    SharedBinds(List<MountSpec> mounts) {
        this.mounts = mounts;
    }

    /** Before the cut: a detached copy of each shared bind's source, held open. */
    InitStep take() {
        return () -> {
            for (MountSpec m : mounts) {
                if (m.isBind() && (m.propagation() & MS_SHARED) != 0) {
                    taken.put(m, Syscall.openTree(m.source(), (m.flags() & MS_REC) != 0));
                }
            }
        };
    }

    /** Attaches {@code m}'s copy at {@code target}; false if {@code m} was not taken (a bind like any other). */
    boolean attach(MountSpec m, String target) {
        Integer fd = taken.remove(m);
        if (fd == null) {
            return false;
        }
        Syscall.moveMount(fd, target);
        Syscall.close(fd);
        return true;
    }
}
