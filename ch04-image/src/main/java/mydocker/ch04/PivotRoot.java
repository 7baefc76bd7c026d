package mydocker.ch04;

import java.nio.file.Path;
import mydocker.ch03.InitStep;
import mydocker.syscall.MountFlags;
import mydocker.syscall.Syscall;

/**
 * Book 4.1: make the union the root of the mount namespace, and let go of the
 * old root entirely. chroot(2) only changes a process's idea of "/": the old
 * root is still mounted, and a root process can walk back out of a chroot
 * (chroot into a subdirectory while keeping its cwd outside, then chdir("..")
 * until it reaches the real root). pivot_root(2) moves the old root away and
 * umount2(MNT_DETACH) drops it: nothing of the host is left to walk to.
 *
 * <p>The book makes a {@code .pivot_root} directory in the new root for the
 * old one; that directory would land in the container's upper layer (and in
 * every commit). runc's trick needs none: {@code pivot_root(".", ".")} stacks
 * the old root on top of the new one at "/", and the detach takes it off.
 */
public final class PivotRoot implements InitStep {
    private final Path merged;

    public PivotRoot(Path merged) {
        this.merged = merged;
    }

    @Override
    public void run() {
        Syscall.chdir(merged.toString());
        Syscall.pivotRoot(".", ".");
        Syscall.umount2(".", MountFlags.MNT_DETACH);
        Syscall.chdir("/");
    }
}
