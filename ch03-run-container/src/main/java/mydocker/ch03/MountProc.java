package mydocker.ch03;

import static mydocker.syscall.MountFlags.MS_NODEV;
import static mydocker.syscall.MountFlags.MS_NOEXEC;
import static mydocker.syscall.MountFlags.MS_NOSUID;

import mydocker.syscall.Syscall;

/**
 * Book 3.1/3.2: a /proc of the container's own. procfs shows the PID
 * namespace of the process that mounts it, so init — PID 1 inside — mounts
 * it, and `ps` then lists only the container's processes. noexec, nosuid and
 * nodev as the book uses: nothing on /proc should run or grant privileges.
 */
public final class MountProc implements InitStep {
    @Override
    public void run() {
        Syscall.mount("proc", "/proc", "proc", MS_NOEXEC | MS_NOSUID | MS_NODEV, null);
    }
}
