package mydocker.ch07.cgroups;

import java.util.List;
import java.util.stream.Stream;
import mydocker.ch02.cgroups.Subsystem;
import mydocker.ch07.oci.OciResources;

/**
 * The subsystems of a runtime's container group: the book's three
 * (chapter 2), then what an OCI config adds — the freezer for pause/resume,
 * pids, and the memory, cpu and cpuset files beyond the book's limits
 * (written after chapter 2's, which they refine), and the device cgroup. On v1 each has its
 * hierarchy, and init joins them all.
 */
public final class RuntimeCgroups {
    static final Subsystem FREEZER = new FreezerSubsystem();

    private RuntimeCgroups() {}

    /** For a container's create: its values written into each. */
    public static List<Subsystem> of(OciResources resources) {
        return Stream.concat(
                        Subsystem.ALL.stream(),
                        Stream.of(
                                FREEZER,
                                new PidsSubsystem(resources),
                                new OciMemorySubsystem(resources),
                                new OciCpuSubsystem(resources),
                                new OciCpusetSubsystem(resources),
                                new DevicesSubsystem(resources.devices())))
                .toList();
    }

    /** For the commands after create, which find the group and write no limits. */
    public static List<Subsystem> existing() {
        return of(OciResources.NONE);
    }
}
