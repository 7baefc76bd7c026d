package mydocker.ch07.cgroups;

import java.nio.file.Path;
import mydocker.ch02.cgroups.LimitFiles;
import mydocker.ch02.cgroups.ResourceConfig;
import mydocker.ch02.cgroups.Subsystem;
import mydocker.ch07.oci.OciResources;

/**
 * The cpu controller's files an OCI config sets beyond chapter 2's shares:
 * the CFS quota and period (a hard cap: {@code quota} microseconds of CPU per
 * {@code period}), and the realtime budget. In runc's order on v1: realtime
 * period before runtime, period before quota. v2 writes both CFS values as
 * one {@code cpu.max} and has no realtime budget (runc refuses it there too).
 */
final class OciCpuSubsystem implements Subsystem {
    private final OciResources resources;

    OciCpuSubsystem(OciResources resources) {
        this.resources = resources;
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public void setV1(Path group, ResourceConfig ignored, LimitFiles limits) {
        resources.realtimePeriod().ifPresent(p -> limits.write(group.resolve("cpu.rt_period_us"), p));
        resources.realtimeRuntime().ifPresent(r -> limits.write(group.resolve("cpu.rt_runtime_us"), r));
        resources.cpuPeriod().ifPresent(p -> limits.write(group.resolve("cpu.cfs_period_us"), p));
        resources.cpuQuota().ifPresent(q -> limits.write(group.resolve("cpu.cfs_quota_us"), q));
    }

    @Override
    public void setV2(Path group, ResourceConfig ignored, LimitFiles limits) {
        if (resources.realtimePeriod().isPresent()
                || resources.realtimeRuntime().isPresent()) {
            throw new IllegalArgumentException("config.json: linux.resources.cpu.realtimePeriod/realtimeRuntime:"
                    + " cgroup v2 has no realtime CPU budget; remove them");
        }
        if (resources.cpuQuota().isPresent() || resources.cpuPeriod().isPresent()) {
            long quota = resources.cpuQuota().orElse(-1);
            String max = quota < 0 ? "max" : Long.toString(quota);
            if (resources.cpuPeriod().isPresent()) {
                max += " " + resources.cpuPeriod().getAsLong();
            }
            limits.write(group.resolve("cpu.max"), max);
        }
    }
}
