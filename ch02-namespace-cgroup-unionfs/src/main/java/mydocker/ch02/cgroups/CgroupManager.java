package mydocker.ch02.cgroups;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One control group under a parent ({@link CgroupParent}, {@code mydocker/} by default), the book's
 * {@code cgroups.CgroupManager} (2.2, 3.3): {@link #set} writes the limits,
 * {@link #apply} moves a process in, {@link #destroy} removes the group.
 *
 * <p>Two implementations, chosen from /proc/self/mountinfo at start-up (as
 * youki does): {@link CgroupV1}, one hierarchy per controller, as the book
 * describes and as hosts in the hybrid layout run (this project's CI among
 * them); and {@link CgroupV2}, the single unified hierarchy of current
 * distros and of the Vagrant VM.
 */
public interface CgroupManager extends AutoCloseable {
    /** Creates {@code <parent>/<name>} in the hierarchy this host mounts, under the environment's parent. */
    static CgroupManager create(String name) {
        return create(CgroupParent.fromEnvironment(), name);
    }

    /** Creates {@code <parent>/<name>} in the hierarchy this host mounts. */
    static CgroupManager create(CgroupParent parent, String name) {
        return create(parent, name, MountInfo.ofThisProcess());
    }

    static CgroupManager create(CgroupParent parent, String name, List<MountInfo> mounts) {
        Map<String, Path> v1 = new HashMap<>();
        Path v2 = null;
        for (MountInfo m : mounts) {
            if (m.fsType().equals("cgroup")) {
                for (String controller : CgroupV1.CONTROLLERS) {
                    if (m.superOptions().contains(controller)) {
                        v1.put(controller, Path.of(m.mountPoint()));
                    }
                }
            } else if (m.fsType().equals("cgroup2")) {
                v2 = Path.of(m.mountPoint());
            }
        }
        // A hybrid host mounts both; its controllers live in the v1 hierarchies.
        if (v1.keySet().containsAll(CgroupV1.CONTROLLERS)) {
            return CgroupV1.create(v1, parent, name);
        }
        if (v2 != null) {
            return CgroupV2.create(v2, parent, name);
        }
        throw new IllegalStateException("no usable cgroup filesystem is mounted (need cgroup2, or cgroup v1 with "
                + String.join(", ", CgroupV1.CONTROLLERS) + "): see `mount -t cgroup2 none /sys/fs/cgroup`");
    }

    /** "v1" or "v2". */
    String version();

    void set(ResourceConfig resources);

    /** Moves {@code pid} into the group; its future children are born there. */
    void apply(int pid);

    /** The limit files written by {@link #set} and what they read now, for the reader to see. */
    Map<Path, String> limits();

    /** The group's directories: one per hierarchy on v1, one on v2. */
    List<Path> paths();

    /** How many processes the kernel's OOM killer has killed in this group. */
    long oomKills();

    /** Removes the group (its processes must have exited), and the default parent {@code mydocker/} when it is empty. */
    void destroy();

    @Override
    default void close() {
        destroy();
    }
}
