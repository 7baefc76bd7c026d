package mydocker.ch07.cgroups;

import java.nio.file.Files;
import java.nio.file.Path;
import mydocker.ch02.cgroups.LimitFiles;
import mydocker.ch02.cgroups.ResourceConfig;
import mydocker.ch02.cgroups.Subsystem;
import mydocker.ch07.oci.OciResources;

/**
 * The memory controller's files an OCI config sets beyond chapter 2's limit,
 * written after it (chapter 2's {@code MemorySubsystem} caps swap at the limit;
 * {@code swap} here then raises memory-plus-swap to what was asked), as runc
 * writes them. v2 has no swappiness, kernel TCP limit or OOM-killer switch:
 * runc leaves them unset there, and so do we.
 */
final class OciMemorySubsystem implements Subsystem {
    private final OciResources resources;

    OciMemorySubsystem(OciResources resources) {
        this.resources = resources;
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public void setV1(Path group, ResourceConfig ignored, LimitFiles limits) {
        resources.memoryReservation().ifPresent(r -> limits.write(group.resolve("memory.soft_limit_in_bytes"), r));
        resources.memorySwap().ifPresent(s -> limits.write(group.resolve("memory.memsw.limit_in_bytes"), s));
        Path tcp = group.resolve("memory.kmem.tcp.limit_in_bytes");
        if (Files.exists(tcp)) { // as runc: only where the kernel has it
            resources.kernelTcp().ifPresent(t -> limits.write(tcp, t));
        }
        resources.swappiness().ifPresent(s -> limits.write(group.resolve("memory.swappiness"), s));
        if (resources.disableOomKiller()) {
            limits.write(group.resolve("memory.oom_control"), 1);
        }
    }

    @Override
    public void setV2(Path group, ResourceConfig ignored, LimitFiles limits) {
        resources.memoryReservation().ifPresent(r -> limits.write(group.resolve("memory.low"), r < 0 ? "max" : r));
        // v1's memsw counts memory plus swap, v2's swap.max swap alone: runc's conversion.
        resources
                .memorySwap()
                .ifPresent(s -> limits.write(
                        group.resolve("memory.swap.max"),
                        s < 0 ? "max" : s - resources.memoryLimit().orElseThrow()));
    }
}
