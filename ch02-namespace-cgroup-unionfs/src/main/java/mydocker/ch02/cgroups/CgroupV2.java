package mydocker.ch02.cgroups;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * cgroup v2: one unified hierarchy, so a container's group is a single
 * directory {@code <mount>/PARENT/NAME}. A controller is usable in a group
 * only when its parent lists it in {@code cgroup.subtree_control}, so we enable
 * ours at the root and at each level of the parent. The file names differ from v1's
 * (memory.max, cpu.weight), the ideas do not.
 */
final class CgroupV2 implements CgroupManager {
    static final List<String> CONTROLLERS = List.of("cpu", "cpuset", "memory");

    private final Path dir;
    private final CgroupParent parent;
    private final LimitFiles limits = new LimitFiles();

    private CgroupV2(Path dir, CgroupParent parent) {
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

    /** Writes e.g. {@code +cpu +cpuset +memory}: those of ours that the group has. */
    private static void enableControllers(Path group) {
        List<String> available = Arrays.asList(
                CgroupFile.read(group.resolve("cgroup.controllers")).split(" "));
        String enable = CONTROLLERS.stream()
                .filter(available::contains)
                .map(c -> "+" + c)
                .collect(Collectors.joining(" "));
        if (!enable.isEmpty()) {
            CgroupFile.write(group.resolve("cgroup.subtree_control"), enable);
        }
    }

    /**
     * v1 {@code cpu.shares} (2..262144, default 1024) to v2 {@code cpu.weight}
     * (1..10000, default 100), the linear map runc uses, so that
     * {@code --cpu-shares} means the same on both.
     */
    static long sharesToWeight(long shares) {
        return shares == 0 ? 0 : 1 + ((shares - 2) * 9999) / 262142;
    }

    @Override
    public String version() {
        return "v2";
    }

    @Override
    public void set(ResourceConfig resources) {
        resources.memoryBytes().ifPresent(bytes -> {
            write("memory.max", bytes);
            // As on v1: no swap beyond the limit, or the limit would not bind.
            if (Files.exists(dir.resolve("memory.swap.max"))) {
                write("memory.swap.max", 0);
            }
        });
        resources.cpuShares().ifPresent(shares -> write("cpu.weight", sharesToWeight(shares)));
        resources.cpusetCpus().ifPresent(cpus -> write("cpuset.cpus", cpus));
    }

    private void write(String file, Object value) {
        limits.write(dir.resolve(file), value);
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
        return CgroupFile.keyed(dir.resolve("memory.events"), "oom_kill").orElse(0L);
    }

    @Override
    public void destroy() {
        CgroupFile.remove(dir);
        if (parent.removeWhenEmpty()) {
            CgroupFile.removeIfEmpty(dir.getParent());
        }
    }
}
