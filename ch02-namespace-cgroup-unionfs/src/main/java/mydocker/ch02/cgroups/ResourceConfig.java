package mydocker.ch02.cgroups;

import java.util.Optional;

/**
 * The limits of one cgroup, the book's {@code subsystems.ResourceConfig}
 * (3.3): each one optional, absent meaning "leave the kernel's default".
 */
public record ResourceConfig(Optional<Long> memoryBytes, Optional<Integer> cpuShares, Optional<String> cpusetCpus) {

    public static ResourceConfig none() {
        return new ResourceConfig(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public ResourceConfig withMemory(long bytes) {
        return new ResourceConfig(Optional.of(bytes), cpuShares, cpusetCpus);
    }

    public ResourceConfig withCpuShares(int shares) {
        return new ResourceConfig(memoryBytes, Optional.of(shares), cpusetCpus);
    }

    public ResourceConfig withCpusetCpus(String cpus) {
        return new ResourceConfig(memoryBytes, cpuShares, Optional.of(cpus));
    }
}
