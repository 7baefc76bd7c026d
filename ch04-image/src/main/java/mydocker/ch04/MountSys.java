package mydocker.ch04;

import static mydocker.syscall.MountFlags.MS_NODEV;
import static mydocker.syscall.MountFlags.MS_NOEXEC;
import static mydocker.syscall.MountFlags.MS_NOSUID;
import static mydocker.syscall.MountFlags.MS_RDONLY;

import mydocker.ch03.InitStep;
import mydocker.syscall.Syscall;

/**
 * /sys, read-only: programs read it (network devices, cgroups), and a
 * container must not write kernel settings through it. Mounted from inside
 * the container's network namespace, it lists the container's interfaces.
 */
final class MountSys implements InitStep {
    @Override
    public void run() {
        Syscall.mount("sysfs", "/sys", "sysfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, null);
    }
}
