package mydocker.ch02.cgroups;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * cgroup v1 (book 2.2): every controller is its own hierarchy, so one
 * container's group is three directories, {@code <cpuset mount>/PARENT/NAME},
 * {@code <memory mount>/PARENT/NAME} and {@code <cpu mount>/PARENT/NAME},
 * and a process joins by being written into each one's {@code cgroup.procs}.
 * What goes into each directory is its {@link Subsystem}'s business.
 */
final class CgroupV1 implements CgroupManager {
    /** subsystem → this group's directory in that subsystem's hierarchy. */
    private final Map<Subsystem, Path> dirs;

    private final CgroupParent parent;
    private final LimitFiles limits = new LimitFiles();

    CgroupV1(Map<Subsystem, Path> dirs, CgroupParent parent) {
        this.dirs = dirs;
        this.parent = parent;
    }

    /** {@code mounts}: subsystem name → the mount of its hierarchy. */
    static CgroupV1 create(Map<String, Path> mounts, CgroupParent parent, String name) {
        Map<Subsystem, Path> dirs = new LinkedHashMap<>();
        for (Subsystem subsystem : Subsystem.ALL) {
            // Each level in turn: a new cpuset level must inherit from the one above it.
            Path dir = mounts.get(subsystem.name());
            for (Path part : Path.of(parent.path(), name)) {
                dir = dir.resolve(part);
                CgroupFile.mkdirs(dir);
                subsystem.createdV1(dir);
            }
            dirs.put(subsystem, dir);
        }
        return new CgroupV1(dirs, parent);
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public void set(ResourceConfig resources) {
        dirs.forEach((subsystem, dir) -> subsystem.setV1(dir, resources, limits));
    }

    @Override
    public void apply(int pid) {
        dirs.values().forEach(dir -> CgroupFile.write(dir.resolve("cgroup.procs"), Integer.toString(pid)));
    }

    @Override
    public Map<Path, String> limits() {
        return limits.readBack();
    }

    @Override
    public List<Path> paths() {
        return List.copyOf(dirs.values());
    }

    @Override
    public long oomKills() {
        Path memory = dirs.get(Subsystem.MEMORY);
        return memory == null ? 0 : Subsystem.MEMORY.oomKillsV1(memory);
    }

    @Override
    public void destroy() {
        GroupRemoval.KERNEL.destroy(paths(), parent);
    }
}
