package mydocker.ch02.cgroups;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The memory controller, the book's {@code subsystems/memory.go}: {@code -m}
 * as a hard limit, and how many processes the OOM killer took.
 */
final class MemorySubsystem implements Subsystem {
    @Override
    public String name() {
        return "memory";
    }

    @Override
    public void setV1(Path group, ResourceConfig resources, LimitFiles limits) {
        resources.memoryBytes().ifPresent(bytes -> {
            limits.write(group.resolve("memory.limit_in_bytes"), bytes);
            // Without swap accounting capped too, a limited process would page out
            // to swap instead of being stopped: the limit would not bind.
            Path memsw = group.resolve("memory.memsw.limit_in_bytes");
            if (Files.exists(memsw)) {
                limits.write(memsw, bytes);
            }
        });
    }

    @Override
    public void setV2(Path group, ResourceConfig resources, LimitFiles limits) {
        resources.memoryBytes().ifPresent(bytes -> {
            limits.write(group.resolve("memory.max"), bytes);
            // As on v1: no swap beyond the limit, or the limit would not bind.
            Path swap = group.resolve("memory.swap.max");
            if (Files.exists(swap)) {
                limits.write(swap, 0);
            }
        });
    }

    long oomKillsV1(Path group) {
        return CgroupFile.keyed(group.resolve("memory.oom_control"), "oom_kill").orElse(0L);
    }

    long oomKillsV2(Path group) {
        return CgroupFile.keyed(group.resolve("memory.events"), "oom_kill").orElse(0L);
    }
}
