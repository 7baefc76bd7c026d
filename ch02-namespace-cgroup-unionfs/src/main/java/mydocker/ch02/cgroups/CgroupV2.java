package mydocker.ch02.cgroups;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * cgroup v2: one unified hierarchy, so a container's group is a single
 * directory {@code <mount>/PARENT/NAME} holding every controller's files. A
 * controller is usable in a group only when its parent lists it in
 * {@code cgroup.subtree_control}, so we enable ours at the root and at each
 * level of the parent. The file names are each {@link Subsystem}'s business.
 */
final class CgroupV2 implements CgroupManager {
    private final Path dir;
    private final CgroupParent parent;
    private final LimitFiles limits = new LimitFiles();

    CgroupV2(Path dir, CgroupParent parent) {
        this.dir = dir;
        this.parent = parent;
    }

    static CgroupV2 create(Path mount, CgroupParent parent, String name) {
        Path level = mount;
        for (Path part : Path.of(parent.path())) {
            enableControllers(level);
            level = level.resolve(part);
            CgroupFile.mkdirs(level);
        }
        enableControllers(level);
        Path dir = level.resolve(name);
        CgroupFile.mkdirs(dir);
        return new CgroupV2(dir, parent);
    }

    /** Writes e.g. {@code +cpuset +memory +cpu}: those of ours that the group has. */
    private static void enableControllers(Path group) {
        List<String> available = Arrays.asList(
                CgroupFile.read(group.resolve("cgroup.controllers")).split(" "));
        String enable = Subsystem.ALL.stream()
                .map(Subsystem::name)
                .filter(available::contains)
                .map(c -> "+" + c)
                .collect(Collectors.joining(" "));
        if (!enable.isEmpty()) {
            CgroupFile.write(group.resolve("cgroup.subtree_control"), enable);
        }
    }

    @Override
    public String version() {
        return "v2";
    }

    @Override
    public void set(ResourceConfig resources) {
        Subsystem.ALL.forEach(subsystem -> subsystem.setV2(dir, resources, limits));
    }

    @Override
    public void apply(int pid) {
        CgroupFile.write(dir.resolve("cgroup.procs"), Integer.toString(pid));
    }

    @Override
    public Map<Path, String> limits() {
        return limits.readBack();
    }

    @Override
    public List<Path> paths() {
        return List.of(dir);
    }

    @Override
    public long oomKills() {
        return Subsystem.MEMORY.oomKillsV2(dir);
    }

    @Override
    public void destroy() {
        GroupRemoval.KERNEL.destroy(paths(), parent);
    }
}
