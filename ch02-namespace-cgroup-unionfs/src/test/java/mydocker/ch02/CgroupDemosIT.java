package mydocker.ch02;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import mydocker.syscall.ChapterProgram;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Privileged;
import mydocker.syscall.TestCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Book 2.2 for real on this host's cgroups (v1 here, v2 in the VM), observed from the host. */
@Privileged
class CgroupDemosIT {
    @AfterEach
    void noGroupIsLeft() throws Exception {
        assertEquals(List.of(), TestCgroups.left(), "cgroup directories left behind");
    }

    @Test
    @Tag("cgroup")
    void aboveTheLimitStressIsOomKilled() {
        Result r = ChapterProgram.run(Main.class, "cgroup-memory", "--limit", "48m", "--allocate", "128m");
        assertNotEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("got signal 9"), () -> "stress's worker was not SIGKILLed:\n" + r);
        assertTrue(r.stderr().matches("(?s).*the OOM killer killed [1-9]\\d* process.*"), r::toString);
    }

    @Test
    @Tag("cgroup")
    void underTheLimitStressCompletes() {
        Result r = ChapterProgram.run(
                Main.class, "cgroup-memory", "--limit", "128m", "--allocate", "32m", "--seconds", "1");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("the OOM killer killed 0 process"), r::toString);
        // Swap capped at the limit (v1) or at nothing beyond it (v2), or the limit would not bind.
        assertTrue(
                r.stderr().matches("(?s).*(memory\\.memsw\\.limit_in_bytes = 134217728|memory\\.swap\\.max = 0)\n.*"),
                () -> "swap not capped:\n" + r);
    }

    @Test
    @Tag("cgroup")
    void cpuLimitsAreReadBackFromTheHostAndSeenInside() {
        Result r = ChapterProgram.run(
                Main.class,
                "cgroup-cpu",
                "--shares",
                "512",
                "--cpuset-cpus",
                "0",
                "-c",
                "grep Cpus_allowed_list /proc/self/status; cat /proc/self/cgroup");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("Cpus_allowed_list:\t0\n"), r::toString);
        assertTrue(r.stdout().contains("/" + TestCgroups.PARENT + "/cgroup-cpu-"), () -> "not in our group:\n" + r);
        assertTrue(r.stderr().matches("(?s).*(cpu\\.shares = 512|cpu\\.weight = 20).*"), r::toString);
        assertTrue(r.stderr().matches("(?s).*/proc/\\d+/status Cpus_allowed_list: 0\n.*"), r::toString);
    }

    @Test
    @Tag("cgroup")
    void aCpuNotOnThisMachineIsRefusedAndNothingIsLeft() {
        Result r = ChapterProgram.run(Main.class, "cgroup-cpu", "--cpuset-cpus", "4095", "-c", "true");
        assertEquals(1, r.exitCode());
        assertTrue(
                r.stderr().startsWith("mydocker: cgroup: cannot write \"4095\" to ")
                        && r.stderr().lines().count() == 1,
                r::toString);
    }

    @Test
    void aBadMemorySizeIsRefusedInOneLine() {
        Result r = ChapterProgram.run(Main.class, "cgroup-memory", "--limit", "lots");
        assertEquals(1, r.exitCode());
        assertTrue(
                r.stderr().startsWith("mydocker: invalid size: 'lots'")
                        && r.stderr().lines().count() == 1,
                r::toString);
    }
}
