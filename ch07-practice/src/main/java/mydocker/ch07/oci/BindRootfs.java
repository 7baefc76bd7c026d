package mydocker.ch07.oci;

import static mydocker.syscall.MountFlags.MS_BIND;
import static mydocker.syscall.MountFlags.MS_REC;

import java.nio.file.Path;
import mydocker.ch03.InitStep;
import mydocker.syscall.Syscall;

/**
 * pivot_root(2) needs the new root to be a mount point; a bundle's root is
 * often a plain directory. Bound onto itself, recursively (what is mounted
 * below it, as an engine's overlay, comes along), it is one, as runc does
 * first. The mount namespace is the container's and private already, so the
 * host never sees it.
 */
final class BindRootfs implements InitStep {
    private final Path rootfs;

    BindRootfs(Path rootfs) {
        this.rootfs = rootfs;
    }

    @Override
    public void run() {
        Syscall.mount(rootfs.toString(), rootfs.toString(), null, MS_BIND | MS_REC, null);
    }
}
