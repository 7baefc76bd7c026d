package mydocker.ch03;

import java.util.SortedSet;
import mydocker.ch02.cgroups.MemorySize;
import mydocker.ch02.cgroups.ResourceConfig;

/**
 * Checks run's resource flags before anything is created, with Docker's
 * bounds, and turns them into the cgroup's {@link ResourceConfig} (book 3.3).
 */
public final class Limits {
    /** Docker's floor: below this a container cannot even start its process. */
    static final long MIN_MEMORY = 6L << 20;
    /** The kernel's range for cpu.shares (v1); v2's cpu.weight is converted from it. */
    static final int MIN_SHARES = 2;

    static final int MAX_SHARES = 262144;

    private Limits() {}

    /**
     * @param onlineCpus the host's CPUs, as in /sys/devices/system/cpu/online
     */
    public static ResourceConfig of(String memory, Integer cpuShares, String cpusetCpus, String onlineCpus) {
        ResourceConfig resources = ResourceConfig.none();
        if (memory != null) {
            long bytes = MemorySize.parse(memory);
            if (bytes < MIN_MEMORY) {
                throw new IllegalArgumentException("--memory " + memory + " is too small: the minimum is 6MB");
            }
            resources = resources.withMemory(bytes);
        }
        if (cpuShares != null) {
            if (cpuShares < MIN_SHARES || cpuShares > MAX_SHARES) {
                throw new IllegalArgumentException("--cpu-shares " + cpuShares + " is out of range: use " + MIN_SHARES
                        + " to " + MAX_SHARES + " (1024 is the default weight)");
            }
            resources = resources.withCpuShares(cpuShares);
        }
        if (cpusetCpus != null) {
            SortedSet<Integer> wanted = CpuList.parse(cpusetCpus);
            SortedSet<Integer> online = CpuList.parse(onlineCpus);
            if (!online.containsAll(wanted)) {
                throw new IllegalArgumentException("--cpuset-cpus " + cpusetCpus
                        + ": requested CPUs are not available here (online: " + onlineCpus.strip() + ")");
            }
            resources = resources.withCpusetCpus(cpusetCpus.strip());
        }
        return resources;
    }
}
