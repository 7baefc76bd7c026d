package mydocker.ch07.oci;

import static mydocker.syscall.MountFlags.MS_REC;
import static mydocker.syscall.MountFlags.MS_SLAVE;

import mydocker.ch03.InitStep;
import mydocker.syscall.Syscall;

/**
 * {@code linux.rootfsPropagation}: how mounts made under the container's root
 * spread to and from copies of it (private, rprivate, slave, rslave, shared,
 * rshared, unbindable, runbindable; 0 when not given).
 *
 * <p>Two steps, as runc's prepareRoot and its after-pivot_root flags. First,
 * every mount of the new mount namespace is made a slave ({@link #cutFromHost}):
 * it still receives what the host mounts (runc's default, rslave), but a
 * slave never sends, so nothing the container mounts reaches the host
 * whatever it asks for later; and no mount is shared any more, which
 * pivot_root(2) refuses. runc instead gives the host's "/" the asked flag at
 * this point: with "shared" the container's mounts then appear on the host
 * (the validation suite's rootfs_propagation leaks). Second, after pivot_root,
 * the asked flag is set on the container's own "/" ({@link #onRoot}): a shared
 * root is then shared with its own copies only, inside the container. A bind
 * mount that asks for shared propagation itself (Kubernetes' Bidirectional
 * volume) is the one exception: {@link SharedBinds} takes it before the cut.
 */
public record RootfsPropagation(long flags) {
    public static final RootfsPropagation NONE = new RootfsPropagation(0);

    static RootfsPropagation of(String name) {
        if (name == null || name.isEmpty()) {
            return NONE;
        }
        Long flags = MountSpec.propagation(name);
        if (flags == null) {
            throw new IllegalArgumentException("config.json: linux.rootfsPropagation '" + name
                    + "' is not one of private, rprivate, slave, rslave, shared, rshared, unbindable, runbindable");
        }
        return new RootfsPropagation(flags);
    }

    /** Before anything is mounted: every mount a slave, the link back to the host cut. */
    static InitStep cutFromHost() {
        return () -> Syscall.mount("none", "/", null, MS_SLAVE | MS_REC, null);
    }

    /** After pivot_root: the container's root gets the asked propagation, if any. */
    InitStep onRoot() {
        return () -> {
            if (flags != 0) {
                Syscall.mount("none", "/", null, flags, null);
            }
        };
    }
}
