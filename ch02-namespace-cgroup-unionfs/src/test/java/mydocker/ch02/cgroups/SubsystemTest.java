package mydocker.ch02.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each subsystem's files on v1 and on v2 (book 3.3, {@code subsystems/*.go}),
 * written into a temporary directory laid out like a group of the kernel's:
 * which file, which value, and nothing for a limit that was not asked for.
 */
class SubsystemTest {
    private static final ResourceConfig ALL =
            ResourceConfig.none().withMemory(100L << 20).withCpuShares(512).withCpusetCpus("0-1");

    @TempDir
    Path group;

    private Map<Path, String> written(Subsystem subsystem, boolean v1, ResourceConfig resources) {
        LimitFiles limits = new LimitFiles();
        if (v1) {
            subsystem.setV1(group, resources, limits);
        } else {
            subsystem.setV2(group, resources, limits);
        }
        return limits.readBack();
    }

    @Test
    void memoryV1CapsMemoryAndSwapWhereSwapIsAccounted() throws IOException {
        Files.writeString(group.resolve("memory.memsw.limit_in_bytes"), "9223372036854771712\n");
        assertEquals(
                Map.of(
                        group.resolve("memory.limit_in_bytes"), "104857600",
                        group.resolve("memory.memsw.limit_in_bytes"), "104857600"),
                written(Subsystem.MEMORY, true, ALL));
    }

    @Test
    void memoryV1WithoutSwapAccountingWritesOnlyTheLimit() {
        assertEquals(Map.of(group.resolve("memory.limit_in_bytes"), "104857600"), written(Subsystem.MEMORY, true, ALL));
        assertFalse(Files.exists(group.resolve("memory.memsw.limit_in_bytes")));
    }

    @Test
    void memoryV2SetsMaxAndNoSwap() throws IOException {
        Files.writeString(group.resolve("memory.swap.max"), "max\n");
        assertEquals(
                Map.of(group.resolve("memory.max"), "104857600", group.resolve("memory.swap.max"), "0"),
                written(Subsystem.MEMORY, false, ALL));
    }

    @Test
    void oomKillsAreReadFromEachVersionsFile() throws IOException {
        Files.writeString(group.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n");
        Files.writeString(group.resolve("memory.events"), "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n");
        assertEquals(2, Subsystem.MEMORY.oomKillsV1(group));
        assertEquals(1, Subsystem.MEMORY.oomKillsV2(group));
    }

    @Test
    void cpuIsSharesOnV1AndRuncsWeightOnV2() {
        assertEquals(Map.of(group.resolve("cpu.shares"), "512"), written(Subsystem.CPU, true, ALL));
        assertEquals(Map.of(group.resolve("cpu.weight"), "20"), written(Subsystem.CPU, false, ALL));
    }

    @Test
    void sharesToWeightIsRuncsConversion() {
        assertEquals(1, CpuSubsystem.sharesToWeight(2));
        assertEquals(39, CpuSubsystem.sharesToWeight(1024));
        assertEquals(20, CpuSubsystem.sharesToWeight(512));
        assertEquals(10000, CpuSubsystem.sharesToWeight(262144));
    }

    @Test
    void cpusetIsTheSameFileOnBoth() {
        assertEquals(Map.of(group.resolve("cpuset.cpus"), "0-1"), written(Subsystem.CPUSET, true, ALL));
        assertEquals(Map.of(group.resolve("cpuset.cpus"), "0-1"), written(Subsystem.CPUSET, false, ALL));
    }

    @Test
    void aNewV1CpusetLevelInheritsItsParentsCpusAndMemsButKeepsItsOwn() throws IOException {
        Files.writeString(group.resolve("cpuset.cpus"), "0-3\n");
        Files.writeString(group.resolve("cpuset.mems"), "0\n");
        Path child = Files.createDirectories(group.resolve("c1"));
        Files.writeString(child.resolve("cpuset.cpus"), "");
        Files.writeString(child.resolve("cpuset.mems"), "1\n");
        Subsystem.CPUSET.createdV1(child);
        assertEquals("0-3", Files.readString(child.resolve("cpuset.cpus")));
        assertEquals("1\n", Files.readString(child.resolve("cpuset.mems")), "a value it has is kept");
    }

    @Test
    void aLimitNotAskedForWritesNothing() {
        for (Subsystem subsystem : Subsystem.ALL) {
            assertEquals(Map.of(), written(subsystem, true, ResourceConfig.none()), subsystem.name());
            assertEquals(Map.of(), written(subsystem, false, ResourceConfig.none()), subsystem.name());
        }
    }

    @Test
    void theBooksSubsystemsInItsOrder() {
        assertEquals(
                List.of("cpuset", "memory", "cpu"),
                Subsystem.ALL.stream().map(Subsystem::name).toList());
    }
}
