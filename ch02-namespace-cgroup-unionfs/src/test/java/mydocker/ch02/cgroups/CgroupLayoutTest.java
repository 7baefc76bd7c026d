package mydocker.ch02.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cgroup v2 (and v1 detection) on temporary directories laid out like the
 * kernel's: which files get written and with what. Real v1 runs in the
 * privileged tier here; real v2 runs in the Vagrant VM.
 */
class CgroupLayoutTest {
    @TempDir
    Path root;

    private Path unified() throws IOException {
        Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu io memory hugetlb pids rdma misc\n");
        Files.writeString(root.resolve("cgroup.subtree_control"), "");
        Path parent = Files.createDirectories(root.resolve("mydocker"));
        // The kernel makes these in every new group; a plain directory needs them laid out.
        Files.writeString(parent.resolve("cgroup.controllers"), "cpuset cpu memory\n");
        Path group = Files.createDirectories(parent.resolve("c1"));
        Files.writeString(group.resolve("memory.swap.max"), "max\n");
        Files.writeString(group.resolve("memory.events"), "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n");
        return group;
    }

    private List<MountInfo> mounts(String... lines) {
        return MountInfo.parse(List.of(lines));
    }

    @Test
    void unifiedHostGetsV2WithControllersEnabledOnTheWayDown() throws IOException {
        Path group = unified();
        CgroupManager cgroup = CgroupMounts.of(mounts("30 1 0:26 / " + root + " rw - cgroup2 cgroup2 rw"))
                .create(CgroupParent.DEFAULT, "c1", Subsystem.ALL);
        assertEquals("v2", cgroup.version());
        assertEquals("+cpuset +memory +cpu", Files.readString(root.resolve("cgroup.subtree_control")));
        assertEquals("+cpuset +memory +cpu", Files.readString(root.resolve("mydocker/cgroup.subtree_control")));

        cgroup.set(
                ResourceConfig.none().withMemory(100L << 20).withCpuShares(512).withCpusetCpus("0-1"));
        assertEquals("104857600", Files.readString(group.resolve("memory.max")));
        assertEquals("0", Files.readString(group.resolve("memory.swap.max")), "swap capped, so the limit binds");
        assertEquals("20", Files.readString(group.resolve("cpu.weight")));
        assertEquals("0-1", Files.readString(group.resolve("cpuset.cpus")));

        cgroup.apply(4242);
        assertEquals("4242", Files.readString(group.resolve("cgroup.procs")));
        assertEquals(1, cgroup.oomKills());
        assertEquals(4, cgroup.limits().size());
    }

    @Test
    void withoutSwapAccountingNoSwapFileIsWritten() throws IOException {
        Path group = unified();
        Files.delete(group.resolve("memory.swap.max"));
        CgroupMounts.of(mounts("30 1 0:26 / " + root + " rw - cgroup2 cgroup2 rw"))
                .create(CgroupParent.DEFAULT, "c1", Subsystem.ALL)
                .set(ResourceConfig.none().withMemory(1 << 30));
        assertFalse(Files.exists(group.resolve("memory.swap.max")));
    }

    @Test
    void hybridHostUsesTheV1Hierarchies() throws IOException {
        for (String c : List.of("memory", "cpu", "cpuset")) {
            Files.createDirectories(root.resolve(c));
        }
        Files.writeString(root.resolve("cpuset/cpuset.cpus"), "0-1\n");
        Files.writeString(root.resolve("cpuset/cpuset.mems"), "0\n");
        // A new v1 cpuset group starts empty; a plain directory needs the files laid out.
        for (String d : List.of("cpuset/mydocker", "cpuset/mydocker/c1")) {
            Files.createDirectories(root.resolve(d));
            Files.writeString(root.resolve(d + "/cpuset.cpus"), "");
            Files.writeString(root.resolve(d + "/cpuset.mems"), "");
        }
        CgroupManager cgroup = CgroupMounts.of(mounts(
                        "32 31 0:29 / " + root.resolve("cpu") + " rw - cgroup cgroup rw,cpu",
                        "34 31 0:31 / " + root.resolve("cpuset") + " rw - cgroup cgroup rw,cpuset",
                        "35 31 0:32 / " + root.resolve("memory") + " rw - cgroup cgroup rw,memory",
                        "41 31 0:38 / " + root.resolve("unified") + " rw - cgroup2 cgroup2 rw"))
                .create(CgroupParent.DEFAULT, "c1", Subsystem.ALL);
        assertEquals("v1", cgroup.version());
        assertEquals("0-1", Files.readString(root.resolve("cpuset/mydocker/c1/cpuset.cpus")), "inherited");
        assertEquals("0", Files.readString(root.resolve("cpuset/mydocker/c1/cpuset.mems")), "inherited");
        cgroup.set(ResourceConfig.none().withCpuShares(512));
        assertEquals("512", Files.readString(root.resolve("cpu/mydocker/c1/cpu.shares")));
        assertTrue(Files.isDirectory(root.resolve("memory/mydocker/c1")));
    }

    @Test
    void noCgroupFilesystemIsAClearError() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> CgroupMounts.of(mounts("1 0 8:1 / / rw - ext4 /dev/sda1 rw"))
                        .create(CgroupParent.DEFAULT, "c1", Subsystem.ALL));
        assertTrue(e.getMessage().contains("no usable cgroup filesystem"), e.getMessage());
    }
}
