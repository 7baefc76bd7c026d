package mydocker.ch07.cgroups;

import java.nio.file.Path;
import mydocker.ch02.cgroups.LimitFiles;
import mydocker.ch02.cgroups.ResourceConfig;
import mydocker.ch02.cgroups.Subsystem;
import mydocker.ch07.oci.OciResources;

/** The cpuset controller's memory nodes ({@code linux.resources.cpu.mems}), beside chapter 2's CPUs: one file on v1 and v2. */
final class OciCpusetSubsystem implements Subsystem {
    private final OciResources resources;

    OciCpusetSubsystem(OciResources resources) {
        this.resources = resources;
    }

    @Override
    public String name() {
        return "cpuset";
    }

    @Override
    public void setV1(Path group, ResourceConfig ignored, LimitFiles limits) {
        resources.cpusetMems().ifPresent(mems -> limits.write(group.resolve("cpuset.mems"), mems));
    }

    @Override
    public void setV2(Path group, ResourceConfig ignored, LimitFiles limits) {
        setV1(group, ignored, limits);
    }
}
