package mydocker.ch02.cgroups;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * cgroup v1 (book 2.2): every controller is its own hierarchy, so one
 * container's group is three directories, {@code <memory mount>/PARENT/NAME},
 * {@code <cpu mount>/PARENT/NAME} and {@code <cpuset mount>/PARENT/NAME},
 * and a process joins by being written into each one's {@code cgroup.procs}.
 */
final class CgroupV1 implements CgroupManager {
    static final List<String> CONTROLLERS = List.of("memory", "cpu", "cpuset");

    /** controller → this group's directory in that controller's hierarchy. */
    private final Map<String, Path> dirs;

    private final CgroupParent parent;
    private final LimitFiles limits = new LimitFiles();

    private CgroupV1(Map<String, Path> dirs, CgroupParent parent) {
        this.dirs = dirs;
        this.parent = parent;
    }

    static CgroupV1 create(Map<String, Path> mounts, CgroupParent parent, String name) {
        Map<String, Path> dirs = new LinkedHashMap<>();
        for (String controller : CONTROLLERS) {
            // Each level in turn: a new cpuset level must inherit from the one above it.
            Path dir = mounts.get(controller);
            for (Path part : Path.of(parent.path(), name)) {
                dir = dir.resolve(part);
                CgroupFile.mkdirs(dir);
                if (controller.equals("cpuset")) {
                    inheritCpuset(dir);
                }
            }
            dirs.put(controller, dir);
        }
        return new CgroupV1(dirs, parent);
    }

    /**
     * A new v1 cpuset group starts with no CPUs and no memory nodes, and no
     * task may join it until both are set ("No space left on device"):
     * copy them from the parent, as Docker does.
     */
    private static void inheritCpuset(Path dir) {
        for (String file : List.of("cpuset.cpus", "cpuset.mems")) {
            if (CgroupFile.read(dir.resolve(file)).isEmpty()) {
                CgroupFile.write(
                        dir.resolve(file), CgroupFile.read(dir.getParent().resolve(file)));
            }
        }
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public void set(ResourceConfig resources) {
        resources.memoryBytes().ifPresent(bytes -> {
            write("memory", "memory.limit_in_bytes", bytes);
            // Without swap accounting capped too, a limited process would page out
            // to swap instead of being stopped: the limit would not bind.
            if (Files.exists(dirs.get("memory").resolve("memory.memsw.limit_in_bytes"))) {
                write("memory", "memory.memsw.limit_in_bytes", bytes);
            }
        });
        resources.cpuShares().ifPresent(shares -> write("cpu", "cpu.shares", shares));
        resources.cpusetCpus().ifPresent(cpus -> write("cpuset", "cpuset.cpus", cpus));
    }

    private void write(String controller, String file, Object value) {
        limits.write(dirs.get(controller).resolve(file), value);
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
        return CgroupFile.keyed(dirs.get("memory").resolve("memory.oom_control"), "oom_kill")
                .orElse(0L);
    }

    /** Every hierarchy is tried, even when one fails (a process still leaving it): the first failure is reported. */
    @Override
    public void destroy() {
        RuntimeException first = null;
        for (Path dir : dirs.values()) {
            try {
                CgroupFile.remove(dir);
                if (parent.removeWhenEmpty()) {
                    CgroupFile.removeIfEmpty(dir.getParent());
                }
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
