package mydocker.ch07.oci;

import static mydocker.syscall.MountFlags.MS_BIND;
import static mydocker.syscall.MountFlags.MS_RDONLY;
import static mydocker.syscall.MountFlags.MS_REMOUNT;

import mydocker.ch03.InitStep;
import mydocker.syscall.Syscall;

/** {@code root.readonly}: after pivot_root, / is remounted read-only (what is mounted on it keeps its own mode). */
final class ReadonlyRootfs implements InitStep {
    @Override
    public void run() {
        Syscall.mount(null, "/", null, MS_BIND | MS_REMOUNT | MS_RDONLY, null);
    }
}
