package mydocker.ch02.cgroups;

import java.nio.file.Path;

/**
 * The cpu controller, the book's {@code subsystems/cpu.go}: {@code --cpu-shares},
 * a relative weight that matters only when CPUs are contended.
 */
final class CpuSubsystem implements Subsystem {
    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public void setV1(Path group, ResourceConfig resources, LimitFiles limits) {
        resources.cpuShares().ifPresent(shares -> limits.write(group.resolve("cpu.shares"), shares));
    }

    @Override
    public void setV2(Path group, ResourceConfig resources, LimitFiles limits) {
        resources.cpuShares().ifPresent(shares -> limits.write(group.resolve("cpu.weight"), sharesToWeight(shares)));
    }

    /**
     * v1 {@code cpu.shares} (2..262144, default 1024) to v2 {@code cpu.weight}
     * (1..10000, default 100), the linear map runc uses, so that
     * {@code --cpu-shares} means the same on both.
     */
    static long sharesToWeight(long shares) {
        return shares == 0 ? 0 : 1 + ((shares - 2) * 9999) / 262142;
    }
}
