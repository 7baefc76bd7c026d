package mydocker.ch02.cgroups;

import java.nio.file.Path;
import java.util.List;

/**
 * One cgroup controller, the book's {@code subsystems.Subsystem} (3.3,
 * {@code subsystems/{memory,cpu,cpuset}.go}): it knows its own files and
 * writes its part of a {@link ResourceConfig} into a group's directory. The
 * book knows only cgroup v1; a controller's v2 files have other names and
 * sometimes other units, so each subsystem writes both (youki splits them
 * the same way). Where the groups are, one directory per controller or one
 * for all, is the hierarchy's business: {@link CgroupV1}, {@link CgroupV2}.
 *
 * <p>The book's three are {@link #ALL}. A later chapter brings its own (an OCI
 * runtime's freezer and pids, chapter 7) by giving its list to
 * {@link CgroupManager#create(CgroupParent, String, List)}; such a subsystem
 * carries its own values, since the book's {@link ResourceConfig} has none
 * for it.
 */
public interface Subsystem {
    CpusetSubsystem CPUSET = new CpusetSubsystem();
    MemorySubsystem MEMORY = new MemorySubsystem();
    CpuSubsystem CPU = new CpuSubsystem();

    /** The book's {@code SubsystemsIns}, in its order. */
    List<Subsystem> ALL = List.of(CPUSET, MEMORY, CPU);

    /** The controller's name: its v1 hierarchy's mount option, its v2 {@code cgroup.controllers} word. */
    String name();

    /** Called on each new level of a v1 group (parent levels too), before anything joins it. */
    default void createdV1(Path group) {}

    void setV1(Path group, ResourceConfig resources, LimitFiles limits);

    void setV2(Path group, ResourceConfig resources, LimitFiles limits);
}
