package mydocker.ch02.cgroups;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    private final List<Subsystem> subsystems;
    private final List<Path> parentsMade;
    private final LimitFiles limits = new LimitFiles();

    CgroupV2(Path dir, CgroupParent parent) {
        this(dir, parent, Subsystem.ALL, List.of());
    }

    CgroupV2(Path dir, CgroupParent parent, List<Subsystem> subsystems, List<Path> parentsMade) {
        this.dir = dir;
        this.parent = parent;
        this.subsystems = subsystems;
        this.parentsMade = parentsMade;
    }

    static CgroupV2 create(Path mount, CgroupParent parent, String name, List<Subsystem> subsystems) {
        Path level = mount;
        List<Path> made = new ArrayList<>();
        for (Path part : parent.path().isEmpty() ? List.<Path>of() : Path.of(parent.path())) {
            enableControllers(level, subsystems);
            level = level.resolve(part);
            if (!Files.isDirectory(level)) {
                CgroupFile.mkdirs(level);
                made.add(level);
            }
        }
        enableControllers(level, subsystems);
        Path dir = level.resolve(name);
        CgroupFile.mkdirs(dir);
        return new CgroupV2(dir, parent, subsystems, List.copyOf(made));
    }

    /** Writes e.g. {@code +cpuset +memory +cpu}: those of ours that the group has (v2's freezer is no controller). */
    private static void enableControllers(Path group, List<Subsystem> subsystems) {
        List<String> available = Arrays.asList(
                CgroupFile.read(group.resolve("cgroup.controllers")).split(" "));
        String enable = subsystems.stream()
                .map(Subsystem::name)
                .distinct()
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
        subsystems.forEach(subsystem -> subsystem.setV2(dir, resources, limits));
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
    public Path path(Subsystem subsystem) {
        return dir;
    }

    @Override
    public List<Path> parentsMade() {
        return parentsMade;
    }

    @Override
    public long oomKills() {
        return Subsystem.MEMORY.oomKillsV2(dir);
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
