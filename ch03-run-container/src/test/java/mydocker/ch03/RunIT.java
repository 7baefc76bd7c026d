package mydocker.ch03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mydocker.syscall.ChapterProgram;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Privileged;
import mydocker.syscall.TestCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Book chapter 3 for real: `run` as the reader types it, observed from the host. */
@Privileged
class RunIT {
    @TempDir
    Path execRoot;

    private Map<String, String> env() {
        return Map.of("MYDOCKER_EXEC_ROOT", execRoot.toString());
    }

    private Result run(String... args) {
        String[] all = Stream.concat(Stream.of("run"), Stream.of(args)).toArray(String[]::new);
        return ChapterProgram.run(Main.class, env(), all);
    }

    @AfterEach
    void nothingIsLeft() throws Exception {
        assertEquals(List.of(), TestCgroups.left(), "cgroups left");
        Path locks = execRoot.resolve("locks");
        if (Files.exists(locks)) {
            try (Stream<Path> left = Files.list(locks)) {
                assertEquals(List.of(), left.toList(), "lock files left");
            }
        }
    }

    @Test
    void theCommandIsPid1() {
        Result r = run("--", "sh", "-c", "echo $$");
        assertEquals("1\n", r.stdout(), r::toString);
        assertEquals(0, r.exitCode());
    }

    @Test
    void psListsOnlyTheContainersProcessesFromItsOwnProc() {
        Result r = run("sh", "-c", "ps -e -o pid=,comm=; cat /proc/1/cmdline | tr '\\0' ' '");
        List<String> lines = r.stdout().lines().map(String::strip).toList();
        assertEquals("1 sh", lines.get(0), r::toString);
        assertTrue(lines.get(1).endsWith(" ps"), r::toString);
        assertEquals("sh -c ps -e -o pid=,comm=; cat /proc/1/cmdline | tr '\\0' ' '", lines.get(2),
                "PID 1 is the user's command, no JVM is left");
        assertEquals(3, lines.size(), r::toString);
    }

    @Test
    void hostnameInsideOnly() throws Exception {
        String host = Files.readAllLines(Path.of("/proc/sys/kernel/hostname")).get(0);
        assertEquals("box\nbox\n", run("--hostname", "box", "sh", "-c", "hostname; echo $HOSTNAME").stdout());
        assertEquals(host, Files.readAllLines(Path.of("/proc/sys/kernel/hostname")).get(0));
    }

    @Test
    void defaultHostnameIsTwelveHexDigits() {
        assertTrue(run("hostname").stdout().matches("[0-9a-f]{12}\n"));
    }

    @Test
    void onlyLoopbackAndNoJvmDescriptors() {
        // Not /sys/class/net: sysfs shows the network namespace of whoever mounted it, the host.
        Result r = run("sh", "-c", "ip -o link | cut -d: -f2; ls /proc/self/fd");
        assertEquals(" lo\n0\n1\n2\n3\n", r.stdout(), "lo only; fds 0-2 and ls's own directory");
    }

    @Test
    void loopbackIsUpAndAnswers() {
        // As Docker's --network none: lo up, 127.0.0.1 reachable (a server and its client in one container).
        Result r = run("sh", "-c", "ip -o link show lo | grep -o '<[^>]*>'; "
                + "busybox nc -l -p 7000 -e echo hello & sleep 0.5; busybox nc -w 2 127.0.0.1 7000");
        assertEquals("<LOOPBACK,UP,LOWER_UP>\nhello\n", r.stdout(), r::toString);
    }

    @Test
    void exitCodesPassThrough() {
        assertEquals(3, run("sh", "-c", "exit 3").exitCode());
        assertEquals(0, run("true").exitCode());
    }

    @Test
    void missingCommandIs127WithDockersMessage() {
        Result r = run("no-such-command");
        assertEquals(127, r.exitCode());
        assertEquals("mydocker: exec: \"no-such-command\": executable file not found in $PATH\n", r.stderr());
    }

    @Test
    void notExecutableIs126() throws Exception {
        Path data = Files.writeString(execRoot.resolve("data"), "just data");
        Files.setPosixFilePermissions(data, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Result r = run(data.toString());
        assertEquals(126, r.exitCode());
        assertEquals("mydocker: exec: \"" + data + "\": permission denied\n", r.stderr());

        Files.setPosixFilePermissions(data, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Result garbage = run(data.toString());
        assertEquals(126, garbage.exitCode());
        assertEquals("mydocker: exec: \"" + data + "\": exec format error\n", garbage.stderr());
    }

    @Test
    void withoutDashIStdinIsEmpty() {
        assertEquals("0\n", run("sh", "-c", "wc -c").stdout());
    }

    @Test
    @Tag("cgroup")
    void memoryHogAboveTheLimitIsKilledWith137AndBelowItCompletes() {
        String hog = "x=$(head -c 64000000 /dev/zero | tr '\\0' a); echo survived";
        Result killed = run("-m", "32m", "sh", "-c", hog);
        assertEquals(137, killed.exitCode(), killed::toString);
        Result fine = run("-m", "512m", "sh", "-c", hog);
        assertEquals("survived\n", fine.stdout(), fine::toString);
        assertEquals(0, fine.exitCode());
    }

    @Test
    @Tag("cgroup")
    void cpusetIsSeenInside() {
        Result r = run("--cpuset-cpus", "0", "grep", "Cpus_allowed_list", "/proc/self/status");
        assertEquals("Cpus_allowed_list:\t0\n", r.stdout(), r::toString);
    }

    @Test
    @Tag("cgroup")
    void cpuSharesAreReadBackFromTheHostWhileTheContainerRuns() throws Exception {
        Path ready = execRoot.resolve("ready");
        Process cli = ChapterProgram.start(Main.class, env(), "run", "-cpushare", "512", "sh", "-c",
                "trap 'exit 0' TERM; grep -E '(:cpu,|:cpu:|^0::)' /proc/self/cgroup > " + ready + ".tmp; mv "
                        + ready + ".tmp " + ready + "; sleep 60 & wait");
        try {
            waitFor(ready);
            String line = Files.readAllLines(ready).get(0);
            String group = line.substring(line.lastIndexOf(':') + 1);
            Path v1 = Path.of("/sys/fs/cgroup/cpu" + group, "cpu.shares");
            Path v2 = Path.of("/sys/fs/cgroup" + group, "cpu.weight");
            assertTrue(group.startsWith("/" + TestCgroups.PARENT + "/"), line);
            assertEquals(Files.exists(v1) ? "512" : "20", Files.readAllLines(Files.exists(v1) ? v1 : v2).get(0));
        } finally {
            cli.toHandle().destroy(); // SIGTERM to the CLI, forwarded to the container
            assertEquals(0, ChapterProgram.finish(cli).exitCode());
        }
    }

    @Test
    @Tag("cgroup")
    void cgroupParentNamesWhereTheContainersGroupIsMade() throws Exception {
        String parent = TestCgroups.PARENT + "/lab";
        try {
            Result r = run("--cgroup-parent", "/" + parent, "-m", "64m", "grep", "-E", "(:memory:|^0::)", "/proc/self/cgroup");
            assertEquals(0, r.exitCode(), r::toString);
            // The memory line on v1 (a hybrid host lists its empty v2 group after it), the one line on v2.
            assertTrue(r.stdout().lines().findFirst().orElseThrow().matches("\\d+:(memory|):/" + parent + "/[0-9a-f]{64}"),
                    r::toString);
            assertTrue(Files.isDirectory(TestCgroups.group("memory", "lab")), "a parent the user named stays");
            try (Stream<Path> groups = Files.list(TestCgroups.group("memory", "lab"))) {
                assertEquals(List.of(), groups.filter(Files::isDirectory).toList(), "the container's own group is gone");
            }
        } finally {
            for (String controller : List.of("memory", "cpu", "cpuset")) {
                Files.deleteIfExists(TestCgroups.group(controller, "lab"));
            }
        }
    }

    @Test
    void sigtermToTheCliIsForwardedToTheContainer() throws Exception {
        Path ready = execRoot.resolve("ready");
        Process cli = ChapterProgram.start(Main.class, env(), "run", "sh", "-c",
                "trap 'exit 42' TERM; touch " + ready + "; sleep 60 & wait");
        waitFor(ready);
        cli.toHandle().destroy();
        assertEquals(42, ChapterProgram.finish(cli).exitCode());
    }

    @Test
    @Tag("cgroup")
    void aKilledCliTakesItsContainerAlongAndTheNextRunCleansUp() throws Exception {
        Path ready = execRoot.resolve("ready");
        Process cli = ChapterProgram.start(Main.class, env(), "run", "sh", "-c", "touch " + ready + "; exec sleep 60");
        waitFor(ready);
        String id;
        try (Stream<Path> locks = Files.list(execRoot.resolve("locks"))) {
            id = locks.findFirst().orElseThrow().getFileName().toString();
        }
        Path procs = cgroupProcs(id);
        int container = Integer.parseInt(Files.readAllLines(procs).get(0));
        cli.toHandle().destroyForcibly();
        cli.waitFor();
        for (int i = 0; i < 100 && Files.exists(Path.of("/proc/" + container)); i++) {
            Thread.sleep(100);
        }
        assertFalse(Files.exists(Path.of("/proc/" + container)), "the container outlived its CLI");
        assertTrue(Files.exists(procs), "the dead CLI left its cgroup: this is what the next run removes");

        Result next = run("true");
        assertEquals(0, next.exitCode(), next::toString);
        assertEquals("mydocker: removed the leftovers of container " + id + " (its CLI was killed)\n", next.stderr());
        assertFalse(Files.exists(procs));
    }

    @Test
    void debugLinesTraceTheStartInOrderAcrossTheTwoJvms() {
        Result r = ChapterProgram.run(Main.class, env(), "-D", "run", "/usr/bin/sh", "-c", "echo inside");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("inside\n", r.stdout(), "debug lines go to stderr only");
        List<String> events = new java.util.ArrayList<>();
        double last = 0;
        for (String line : r.stderr().lines().toList()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("DEBU\\[(\\d+\\.\\d{6})] (cli|init): (.+)").matcher(line);
            assertTrue(m.matches(), () -> "not a debug line: " + line);
            double at = Double.parseDouble(m.group(1));
            assertTrue(at >= last, () -> "out of order: " + line + "\n" + r.stderr());
            last = at;
            events.add(m.group(2) + ": " + m.group(3));
        }
        // The critical path of a start, as bench/run.sh reads it: one process hands over to the other.
        List<String> path = List.of("cli: main", "cli: spawn init", "init: main", "init: command received",
                "init: step MountProc", "init: execve /usr/bin/sh", "cli: container exited", "cli: cleaned up", "cli: exit 0");
        assertEquals(path, events.stream().filter(path::contains).toList(), r::toString);
        assertTrue(events.contains("cli: beforeStart CgroupLimits") && events.contains("cli: cleanUp CgroupLimits"), r::toString);

        Result quiet = run("true");
        assertEquals("", quiet.stderr(), "without -D, no debug line");
    }

    private static Path cgroupProcs(String id) {
        return TestCgroups.group("memory", id).resolve("cgroup.procs");
    }

    private static void waitFor(Path file) throws InterruptedException {
        for (int i = 0; i < 300 && !Files.exists(file); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(file), "the container never got ready: " + file);
    }
}
