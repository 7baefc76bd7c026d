package mydocker.ch07.oci;

import static mydocker.syscall.MountFlags.MS_BIND;
import static mydocker.syscall.MountFlags.MS_NODEV;
import static mydocker.syscall.MountFlags.MS_NOEXEC;
import static mydocker.syscall.MountFlags.MS_NOSUID;
import static mydocker.syscall.MountFlags.MS_RDONLY;
import static mydocker.syscall.MountFlags.MS_REC;
import static mydocker.syscall.MountFlags.MS_REMOUNT;

import mydocker.ch03.InitStep;
import mydocker.syscall.Syscall;

/**
 * {@code linux.readonlyPaths} (runc's readonlyPath): /proc/sys, /proc/irq, ...
 * stay readable but a write through them would change the host's kernel, so
 * after pivot_root each is bound onto itself (a mount of its own) and that is
 * remounted read-only. The kernel ignores MS_RDONLY on the bind itself, hence
 * two calls; the remount keeps the nosuid, nodev and noexec the mount already
 * has (statfs), as dropping them would loosen it. A missing path is skipped.
 */
final class ReadonlyPaths implements InitStep {
    private static final long KEPT = MS_NOSUID | MS_NODEV | MS_NOEXEC;

    private final ContainerPaths paths;

    ReadonlyPaths(ContainerPaths paths) {
        this.paths = paths;
    }

    @Override
    public void run() {
        paths.forEachExisting(at -> {
            String target = at.toString();
            Syscall.mount(target, target, null, MS_BIND | MS_REC, null);
            long kept = Syscall.statfsFlags(target) & KEPT;
            Syscall.mount(null, target, null, MS_BIND | MS_REMOUNT | MS_RDONLY | kept, null);
        });
    }
}
