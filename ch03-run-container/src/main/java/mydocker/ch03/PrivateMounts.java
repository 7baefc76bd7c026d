package mydocker.ch03;

import static mydocker.syscall.MountFlags.MS_PRIVATE;
import static mydocker.syscall.MountFlags.MS_REC;

import mydocker.syscall.Syscall;

/**
 * systemd mounts / "shared": a mount made in the container's mount namespace
 * would propagate back to the host (and /proc mounted here would replace the
 * host's). Making every mount private first cuts that link. The book's
 * code predates the systemd default and does not do this; later editions do.
 */
public final class PrivateMounts implements InitStep {
    @Override
    public void run() {
        Syscall.mount("none", "/", null, MS_REC | MS_PRIVATE, null);
    }
}
