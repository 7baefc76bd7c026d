package mydocker.ch07.oci;

import static mydocker.syscall.MountFlags.MS_BIND;
import static mydocker.syscall.MountFlags.MS_RDONLY;
import static mydocker.syscall.MountFlags.MS_REC;
import static mydocker.syscall.MountFlags.MS_REMOUNT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import mydocker.ch03.InitStep;
import mydocker.ch04.RootfsPath;
import mydocker.syscall.Syscall;

/**
 * config.json's mounts, in order, each at its destination inside the root
 * (book 7.4; chapter 4's volumes did the same for -v). The destination is
 * resolved as the container will see it ({@link RootfsPath}: a symlink in the
 * root filesystem never leads a mount onto the host), and made if missing —
 * a file for a bind mount of a file, a directory otherwise. A bind mount's
 * read-only, nosuid, ... take a remount, as the kernel ignores them on the
 * bind itself; a propagation option is one more mount(2) call of its own.
 */
final class OciMounts implements InitStep {
    private static final List<Path> KERNEL_DIRS = List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/dev"));
    /** runc's checkProcMount: the /proc files a bind mount may replace (lxcfs does). */
    private static final List<String> PROC_FILES = List.of(
            "/proc/cpuinfo",
            "/proc/diskstats",
            "/proc/meminfo",
            "/proc/stat",
            "/proc/swaps",
            "/proc/uptime",
            "/proc/loadavg",
            "/proc/slabinfo",
            "/proc/net/dev");

    private final Path rootfs;
    private final List<MountSpec> mounts;
    /** The container's own cgroup directories, which a {@code cgroup} mount shows ({@link CgroupMount}). */
    private final List<Path> groups;

    private final SharedBinds shared;

    OciMounts(Path rootfs, List<MountSpec> mounts, List<Path> groups, SharedBinds shared) {
        this.rootfs = rootfs;
        this.mounts = mounts;
        this.groups = groups;
        this.shared = shared;
    }

    @Override
    public void run() {
        for (MountSpec m : mounts) {
            Path target = target(m);
            checkDestination(m, RootfsPath.inContainer(rootfs, target));
            if (m.type().equals("cgroup") || m.type().equals("cgroup2")) {
                CgroupMount.mount(target, groups, (m.flags() & MS_RDONLY) != 0);
            } else if (m.isBind()) {
                if (!shared.attach(m, target.toString())) {
                    Syscall.mount(m.source(), target.toString(), null, m.flags() & (MS_BIND | MS_REC), null);
                }
                long rest = m.flags() & ~(MS_BIND | MS_REC);
                if (rest != 0) {
                    Syscall.mount(null, target.toString(), null, MS_BIND | MS_REMOUNT | rest, null);
                }
            } else {
                Syscall.mount(m.source(), target.toString(), m.type(), m.flags(), data(m));
            }
            if (m.propagation() != 0) {
                Syscall.mount(null, target.toString(), null, m.propagation(), null);
            }
        }
    }

    /**
     * A mount may cover the kernel's filesystems only where config.json names
     * them itself: a destination that symlinks in the root filesystem lead
     * into /proc, /sys or /dev is refused (chapter 4's volumes were), as is
     * anything but procfs on /proc or below, except the files runc lets tools
     * such as lxcfs replace. Else a hostile image could have a bind mount hide
     * /proc (and with it what part 2 masks there) or fill /dev from the host.
     */
    private static void checkDestination(MountSpec m, String seen) {
        Path path = Path.of(seen);
        boolean redirected = !path.equals(Path.of(m.destination()).normalize());
        if (redirected && KERNEL_DIRS.stream().anyMatch(path::startsWith)) {
            throw new IllegalArgumentException("mount " + m.destination() + " leads to " + seen
                    + " in the root filesystem: a mount may not be led into /proc, /sys or /dev");
        }
        if (path.startsWith("/proc") && !m.type().equals("proc") && !PROC_FILES.contains(seen)) {
            throw new IllegalArgumentException(
                    "mount " + m.destination() + ": only procfs may be mounted on /proc or below it");
        }
    }

    private static String data(MountSpec m) {
        return m.data().isEmpty() ? null : m.data();
    }

    /** The destination under the root, made if missing: a file when a file is bound onto it. */
    private Path target(MountSpec m) {
        boolean fileBind = m.isBind() && Files.isRegularFile(Path.of(m.source()));
        if (!fileBind) {
            return RootfsPath.makeDirectories(rootfs, m.destination());
        }
        Path destination = Path.of(m.destination());
        Path parent = RootfsPath.makeDirectories(rootfs, destination.getParent().toString());
        Path target = parent.resolve(destination.getFileName().toString());
        try {
            if (Files.isSymbolicLink(target)) {
                target = RootfsPath.resolve(rootfs, m.destination());
            }
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.createFile(target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create mount point " + m.destination() + ": " + e.getMessage(), e);
        }
        return target;
    }
}
