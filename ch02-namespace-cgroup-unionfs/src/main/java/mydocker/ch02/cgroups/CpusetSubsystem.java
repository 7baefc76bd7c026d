package mydocker.ch02.cgroups;

import java.nio.file.Path;
import java.util.List;

/** The cpuset controller, the book's {@code subsystems/cpuset.go}: {@code --cpuset-cpus}. */
final class CpusetSubsystem implements Subsystem {
    @Override
    public String name() {
        return "cpuset";
    }

    /**
     * A new v1 cpuset group starts with no CPUs and no memory nodes, and no
     * task may join it until both are set ("No space left on device"):
     * copy them from the parent, as Docker does. (v2 groups inherit by themselves.)
     */
    @Override
    public void createdV1(Path group) {
        for (String file : List.of("cpuset.cpus", "cpuset.mems")) {
            if (CgroupFile.read(group.resolve(file)).isEmpty()) {
                CgroupFile.write(
                        group.resolve(file), CgroupFile.read(group.getParent().resolve(file)));
            }
        }
    }

    @Override
    public void setV1(Path group, ResourceConfig resources, LimitFiles limits) {
        setV2(group, resources, limits);
    }

    /** The same file, the same list syntax ({@code 0-1,3}) on both versions. */
    @Override
    public void setV2(Path group, ResourceConfig resources, LimitFiles limits) {
        resources.cpusetCpus().ifPresent(cpus -> limits.write(group.resolve("cpuset.cpus"), cpus));
    }
}
