package mydocker.ch07;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Mydocker;
import mydocker.syscall.Poll;
import mydocker.syscall.Privileged;
import mydocker.syscall.TestCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * run's Docker flags for real, each once without the flag (what it stops
 * happens) and once with it (it is stopped): inside a container started
 * from the bundle they write.
 */
@Privileged
class RunHostConfigIT {
    @RegisterExtension
    static final Mydocker mydocker = Mydocker.of(Main.class);

    @AfterEach
    void nothingIsLeftOnTheHost() throws Exception {
        assertEquals(List.of(), TestCgroups.left(), "cgroups left"); // and no mount: Mydocker checks
        try (var dirs = Files.list(Files.createDirectories(mydocker.dataRoot().resolve("containers")))) {
            assertEquals(
                    List.of(),
                    dirs.filter(d -> !d.getFileName().toString().startsWith("."))
                            .toList());
        }
    }

    @Test
    void readOnlyRootKeepsTmpfsWritable() {
        String script = "touch /tmp/ok && echo tmp; touch /root-file && echo root";
        assertEquals(
                "tmp\nroot\n",
                mydocker.ok("run", "--rm", "busybox", "sh", "-c", script).stdout());
        Result ro = mydocker.run("run", "--rm", "--read-only", "--tmpfs", "/tmp", "busybox", "sh", "-c", script);
        assertEquals("tmp\n", ro.stdout(), ro::toString);
        assertTrue(ro.stderr().contains("Read-only file system"), ro::toString);
        assertEquals(
                "tmpfs /tmp rw,nosuid,nodev,noexec\n",
                mydocker.ok(
                                "run",
                                "--rm",
                                "--tmpfs",
                                "/tmp",
                                "busybox",
                                "sh",
                                "-c",
                                "grep ' /tmp ' /proc/mounts | cut -d' ' -f1,2,4 | sed 's/,relatime//'")
                        .stdout());
    }

    /** --oom-score-adj: the container's process starts with it; without it, with the caller's; outside the range, refused. */
    @Test
    void oomScoreAdjIsTheContainersScore() throws Exception {
        String print = "cat /proc/self/oom_score_adj";
        String own = Files.readString(Path.of("/proc/self/oom_score_adj"));
        assertEquals(
                own, mydocker.ok("run", "--rm", "busybox", "sh", "-c", print).stdout());
        assertEquals(
                "300\n",
                mydocker.ok("run", "--rm", "--oom-score-adj", "300", "busybox", "sh", "-c", print)
                        .stdout());
        Result refused = mydocker.run("run", "--rm", "--oom-score-adj", "1001", "busybox", "true");
        assertEquals(125, refused.exitCode(), refused::toString);
        assertTrue(refused.stderr().contains("--oom-score-adj 1001: give -1000 to 1000"), refused::toString);
    }

    /** A fork bomb's worth of processes: 60 at once. With --pids-limit 16 the shell cannot fork them all, and ends. */
    @Tag("cgroup")
    @Test
    void pidsLimitContainsAForkBomb() {
        String bomb = "i=0; while [ $i -lt 60 ]; do sleep 5 & i=$((i+1)); done; echo all forked";
        assertEquals(
                "all forked\n",
                mydocker.ok("run", "--rm", "busybox", "sh", "-c", bomb).stdout());
        Result limited = mydocker.run("run", "--rm", "--pids-limit", "16", "busybox", "sh", "-c", bomb);
        assertNotEquals(0, limited.exitCode(), limited::toString);
        assertTrue(limited.stderr().contains("can't fork"), limited::toString);
    }

    /**
     * A foreground run killed (SIGKILL) while its container runs: the groups
     * chapter 7 adds (pids, freezer, devices on v1) are swept with the book's
     * three by the next command, as chapter 3 sweeps a killed run's group.
     */
    @Tag("cgroup")
    @Test
    void aKilledRunLeavesNoGroupInAnyHierarchy() throws Exception {
        Process cli = mydocker.start("run", "--rm", "--pids-limit", "50", "busybox", "sleep", "300");
        boolean v1 = !Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"));
        Poll.until(
                "the container's groups exist",
                () -> TestCgroups.left().stream().anyMatch(g -> !v1 || g.startsWith("/sys/fs/cgroup/pids")));
        if (v1) {
            assertTrue(
                    TestCgroups.left().stream().anyMatch(g -> g.startsWith("/sys/fs/cgroup/devices")),
                    () -> "a devices group too: " + TestCgroups.left());
        }
        cli.destroyForcibly();
        cli.waitFor();
        Poll.until("the swept groups are gone", () -> {
            mydocker.ok("ps", "-a");
            return TestCgroups.left().isEmpty();
        });
        // The container itself stays, stopped, as chapter 5 keeps a killed run's: removed by rm.
        for (String id : mydocker.ok("ps", "-aq").stdout().split("\\s+")) {
            if (!id.isEmpty()) {
                mydocker.ok("rm", "-f", id);
            }
        }
    }

    @Test
    void ulimitAndUserReachTheProcess() {
        assertEquals(
                "256 512 65534 65533\n",
                mydocker.ok(
                                "run",
                                "--rm",
                                "--ulimit",
                                "nofile=256:512",
                                "--user",
                                "65534:65533",
                                "busybox",
                                "sh",
                                "-c",
                                "echo $(ulimit -n) $(ulimit -Hn) $(id -u) $(id -g)")
                        .stdout());
    }

    @Test
    void aNamespacedSysctlIsTheContainersAndAHostOneIsRefused() throws Exception {
        String hostForward = Files.readString(Path.of("/proc/sys/net/ipv4/conf/lo/forwarding"));
        String flipped = hostForward.strip().equals("1") ? "0" : "1";
        assertEquals(
                flipped + "\n",
                mydocker.ok(
                                "run",
                                "--rm",
                                "--sysctl",
                                "net.ipv4.conf.lo.forwarding=" + flipped,
                                "busybox",
                                "cat",
                                "/proc/sys/net/ipv4/conf/lo/forwarding")
                        .stdout());
        assertEquals(
                hostForward, Files.readString(Path.of("/proc/sys/net/ipv4/conf/lo/forwarding")), "host's unchanged");

        String swappiness = Files.readString(Path.of("/proc/sys/vm/swappiness"));
        Result host = mydocker.run("run", "--rm", "--sysctl", "vm.swappiness=1", "busybox", "true");
        assertEquals(125, host.exitCode(), host::toString);
        assertEquals(1, host.stderr().lines().count(), host::toString);
        assertTrue(host.stderr().contains("vm.swappiness"), host::toString);
        assertEquals(swappiness, Files.readString(Path.of("/proc/sys/vm/swappiness")));
    }

    /**
     * A setuid-root program (static, so it runs in busybox's root) on a volume:
     * run as nobody it gets euid 0; with no-new-privileges it does not.
     */
    @Test
    void noNewPrivilegesStopsASetuidProgramGainingRoot(@TempDir Path work) throws Exception {
        Path tools = Files.createDirectories(work.resolve("tools"));
        Path program = StaticProgram.compile(
                tools,
                "euid",
                "#include <stdio.h>\n#include <unistd.h>\nint main(void){printf(\"%d\\n\", geteuid());return 0;}\n");
        Files.setAttribute(program, "unix:mode", 04755);

        String volume = tools + ":/tools:ro";
        assertEquals(
                "0\n",
                mydocker.ok("run", "--rm", "-v", volume, "--user", "65534:65534", "busybox", "/tools/euid")
                        .stdout());
        assertEquals(
                "65534\n",
                mydocker.ok(
                                "run",
                                "--rm",
                                "-v",
                                volume,
                                "--user",
                                "65534:65534",
                                "--security-opt",
                                "no-new-privileges",
                                "busybox",
                                "/tools/euid")
                        .stdout());
    }

    @Test
    void eachBadFlagIsOneLineAndLeavesNothing() {
        for (List<String> flags : List.of(
                List.of("--ulimit", "nofile=x"),
                List.of("--tmpfs", "tmp"),
                List.of("--sysctl", "kernel.core_pattern=|/tmp/x"),
                List.of("--user", "nobody"),
                List.of("--security-opt", "apparmor=unconfined"))) {
            List<String> args = new java.util.ArrayList<>(List.of("run", "--rm"));
            args.addAll(flags);
            args.addAll(List.of("busybox", "true"));
            Result r = mydocker.run(args.toArray(String[]::new));
            assertEquals(125, r.exitCode(), r::toString);
            assertEquals(1, r.stderr().lines().count(), r::toString);
            assertTrue(r.stderr().contains(flags.get(0)), r::toString);
        }
    }
}
