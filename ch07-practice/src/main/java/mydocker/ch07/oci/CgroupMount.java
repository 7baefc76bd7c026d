package mydocker.ch07.oci;

import static mydocker.syscall.MountFlags.MS_BIND;
import static mydocker.syscall.MountFlags.MS_NODEV;
import static mydocker.syscall.MountFlags.MS_NOEXEC;
import static mydocker.syscall.MountFlags.MS_NOSUID;
import static mydocker.syscall.MountFlags.MS_RDONLY;
import static mydocker.syscall.MountFlags.MS_REC;
import static mydocker.syscall.MountFlags.MS_REMOUNT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mydocker.syscall.Syscall;

/**
 * A {@code cgroup} mount in config.json: the container sees its own groups at
 * /sys/fs/cgroup, never the host's tree. Without a cgroup namespace a fresh
 * cgroup mount would show every group on the host, so, as runc does, each of
 * the container's group directories is bound there instead: on cgroup v2 the
 * one directory itself; on v1 a small tmpfs holding one directory per
 * hierarchy ({@code memory}, {@code cpu,cpuacct}, ...), with the container's
 * group of that hierarchy bound onto it. Read-only when the mount says so.
 */
final class CgroupMount {
    private static final Path HOST_CGROUPS = Path.of("/sys/fs/cgroup");
    private static final long SAFE = MS_NOSUID | MS_NODEV | MS_NOEXEC;

    private CgroupMount() {}

    static void mount(Path target, List<Path> groups, boolean readonly) {
        long ro = readonly ? MS_RDONLY : 0;
        if (Files.exists(HOST_CGROUPS.resolve("cgroup.controllers"))) { // the unified hierarchy at its usual place
            for (Path group : groups) {
                bind(group, target, ro);
            }
            return;
        }
        Syscall.mount("tmpfs", target.toString(), "tmpfs", SAFE, "mode=755");
        try {
            for (Path group : groups) {
                if (!group.startsWith(HOST_CGROUPS) || group.equals(HOST_CGROUPS)) {
                    continue; // a hierarchy mounted elsewhere: not shown
                }
                Path hierarchy =
                        target.resolve(HOST_CGROUPS.relativize(group).getName(0).toString());
                Files.createDirectories(hierarchy);
                bind(group, hierarchy, ro);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("mounting cgroups at " + target + ": " + e.getMessage(), e);
        }
        if (readonly) {
            Syscall.mount(null, target.toString(), null, MS_REMOUNT | SAFE | MS_RDONLY, null);
        }
    }

    private static void bind(Path source, Path target, long ro) {
        Syscall.mount(source.toString(), target.toString(), null, MS_BIND | MS_REC, null);
        Syscall.mount(null, target.toString(), null, MS_BIND | MS_REMOUNT | SAFE | ro, null);
    }
}
