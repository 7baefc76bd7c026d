package mydocker.ch07.oci;

import static mydocker.ch07.oci.Bundle.require;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code linux.resources} a runtime applies beyond the book's three
 * limits (chapter 2's {@code ResourceConfig}: memory.limit, cpu.shares,
 * cpu.cpus): the pids controller's limit, the rest of the memory and cpu
 * controllers' settings. Read once from config.json, checked as runc checks
 * them; each absent (or 0, as runc reads it) means "leave the kernel's
 * default". A negative pids limit, quota, swap or reservation is "no limit".
 *
 * <p>{@code memory.kernel} is read and ignored, as runc 1.1 ignores it: since
 * Linux 5.16 the kernel accepts {@code memory.kmem.limit_in_bytes} and does
 * nothing with it.
 */
public record OciResources(
        OptionalLong pidsLimit,
        OptionalLong memoryReservation,
        OptionalLong memorySwap,
        OptionalLong kernelTcp,
        OptionalLong swappiness,
        boolean disableOomKiller,
        /** memory.limit again (chapter 2 writes it): v2's swap.max is swap minus it. */
        OptionalLong memoryLimit,
        OptionalLong cpuQuota,
        OptionalLong cpuPeriod,
        OptionalLong realtimeRuntime,
        OptionalLong realtimePeriod,
        Optional<String> cpusetMems,
        /** linux.resources.devices with runc's defaults after them ({@code linux.devices} replaces a default node's). */
        DeviceCgroup devices) {

    public static final OciResources NONE = of(null);

    public static OciResources of(Spec.Resources resources) {
        return of(resources, List.of());
    }

    /** The resources; {@code nodes} are linux.devices, whose paths take the place of runc's default devices. */
    static OciResources of(Spec.Resources resources, List<DeviceNode> nodes) {
        Spec.Resources r = resources == null ? new Spec.Resources(null, null) : resources;
        Spec.Memory memory = r.memory() == null ? new Spec.Memory(null) : r.memory();
        Spec.Cpu cpu = r.cpu() == null ? new Spec.Cpu(null, null) : r.cpu();

        OptionalLong limit = set(memory.limit());
        OptionalLong swap = set(memory.swap());
        swap.ifPresent(s -> require(
                s == -1 || limit.isPresent() && s >= limit.getAsLong(),
                "linux.resources.memory.swap",
                "must be -1 (no limit) or at least memory.limit, which it includes (memory plus swap)"));
        OptionalLong swappiness =
                memory.swappiness() == null ? OptionalLong.empty() : OptionalLong.of(memory.swappiness());
        swappiness.ifPresent(s -> require(s >= 0 && s <= 100, "linux.resources.memory.swappiness", "must be 0 to 100"));
        OptionalLong period = set(cpu.period());
        period.ifPresent(p -> require(
                p >= 1000 && p <= 1_000_000, "linux.resources.cpu.period", "must be 1000 to 1000000 (microseconds)"));
        OptionalLong quota = set(cpu.quota());
        quota.ifPresent(q -> require(
                q == -1 || q >= 1000,
                "linux.resources.cpu.quota",
                "must be -1 (no limit) or at least 1000 (microseconds)"));
        OptionalLong rtPeriod = set(cpu.realtimePeriod());
        rtPeriod.ifPresent(p -> require(p > 0, "linux.resources.cpu.realtimePeriod", "must be more than 0"));
        OptionalLong rtRuntime = set(cpu.realtimeRuntime());
        rtRuntime.ifPresent(t -> require(t >= -1, "linux.resources.cpu.realtimeRuntime", "must be -1 or more"));
        String mems = cpu.mems();
        require(
                mems == null || mems.isEmpty() || mems.matches("[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*"),
                "linux.resources.cpu.mems",
                "'" + mems + "' is not a memory node list (e.g. 0-1,3)");
        return new OciResources(
                set(r.pids() == null ? null : r.pids().limit()),
                atLeastMinusOne(memory.reservation(), "linux.resources.memory.reservation"),
                swap,
                atLeastMinusOne(memory.kernelTCP(), "linux.resources.memory.kernelTCP"),
                swappiness,
                memory.disableOOMKiller() != null && memory.disableOOMKiller(),
                limit,
                quota,
                period,
                rtRuntime,
                rtPeriod,
                mems == null || mems.isEmpty() ? Optional.empty() : Optional.of(mems),
                DeviceCgroup.of(r.devices(), nodes));
    }

    /** Absent and 0 are both "unset", as runc reads them. */
    private static OptionalLong set(Long value) {
        return value == null || value == 0 ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static OptionalLong atLeastMinusOne(Long value, String field) {
        OptionalLong set = set(value);
        set.ifPresent(v -> require(v >= -1, field, "must be -1 (no limit) or a number of bytes"));
        return set;
    }
}
