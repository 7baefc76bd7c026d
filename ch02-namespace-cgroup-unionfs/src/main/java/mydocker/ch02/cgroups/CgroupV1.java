package mydocker.ch02.cgroups;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    private final List<Path> parentsMade;
    private final LimitFiles limits = new LimitFiles();

    CgroupV1(Map<Subsystem, Path> dirs, CgroupParent parent) {
        this(dirs, parent, List.of());
    }

    private CgroupV1(Map<Subsystem, Path> dirs, CgroupParent parent, List<Path> parentsMade) {
        this.dirs = dirs;
        this.parent = parent;
        this.parentsMade = parentsMade;
    }

    /** {@code mounts}: controller name → the mount of its hierarchy; each of {@code subsystems} must have one. */
    static CgroupV1 create(Map<String, Path> mounts, CgroupParent parent, String name, List<Subsystem> subsystems) {
        Map<Subsystem, Path> dirs = new LinkedHashMap<>();
        Set<Path> made = new LinkedHashSet<>();
        for (Subsystem subsystem : subsystems) {
            // Each level in turn: a new cpuset level must inherit from the one above it.
            Path dir = CgroupMounts.v1Mount(mounts, subsystem);
            for (Path part : Path.of(parent.path(), name)) {
                dir = dir.resolve(part);
                if (!Files.isDirectory(dir)) {
                    CgroupFile.mkdirs(dir);
                    made.add(dir);
                }
                subsystem.createdV1(dir);
            }
            made.remove(dir);
            dirs.put(subsystem, dir);
        }
        return new CgroupV1(dirs, parent, List.copyOf(made));
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
        paths().forEach(dir -> CgroupFile.write(dir.resolve("cgroup.procs"), Integer.toString(pid)));
    }

    @Override
    public Map<Path, String> limits() {
        return limits.readBack();
    }

    /** One per hierarchy: two subsystems of one controller (a later chapter's and the book's) share it. */
    @Override
    public List<Path> paths() {
        return dirs.values().stream().distinct().toList();
    }

    @Override
    public Path path(Subsystem subsystem) {
        Path dir = dirs.get(subsystem);
        if (dir == null) {
            throw new IllegalStateException("cgroup: this group has no " + subsystem.name() + " directory");
        }
        return dir;
    }

    @Override
    public List<Path> parentsMade() {
        return parentsMade;
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

    @Override
    public void destroy(List<Path> parentsMade) {
        GroupRemoval.KERNEL.destroy(paths(), parent, parentsMade);
    }
}
