package mydocker.ch03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import mydocker.syscall.ChapterProgram;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Descriptors;
import mydocker.syscall.HostProcesses;
import mydocker.syscall.Mydocker;
import mydocker.syscall.Poll;
import mydocker.syscall.Privileged;
import mydocker.syscall.SelfExec;
import mydocker.syscall.Syscall;
import mydocker.syscall.TestCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Book chapter 3 for real: `run` as the reader types it, observed from the host. */
@Privileged
class RunIT {
    @RegisterExtension
    final Mydocker mydocker = Mydocker.of(Main.class);

    /** {@code mydocker run ARGS}, what almost every test here does. */
    private Result run(String... args) {
        return mydocker.run(Stream.concat(Stream.of("run"), Stream.of(args)).toArray(String[]::new));
    }

    /** {@code mydocker run ARGS} must print exactly {@code stdout} and exit 0. */
    private void assertRuns(String stdout, String... args) {
        Result r = run(args);
        assertEquals(stdout, r.stdout(), r::toString);
        assertEquals(0, r.exitCode(), r::toString);
    }

    @AfterEach
    void nothingIsLeft() throws Exception {
        assertEquals(List.of(), TestCgroups.left(), "cgroups left");
        Path locks = mydocker.execRoot().resolve("locks");
        if (Files.exists(locks)) {
            try (Stream<Path> left = Files.list(locks)) {
                assertEquals(List.of(), left.toList(), "lock files left");
            }
        }
    }

    @Test
    void theCommandIsPid1() {
        assertRuns("1\n", "--", "sh", "-c", "echo $$");
    }

    @Test
    void psListsOnlyTheContainersProcessesFromItsOwnProc() {
        Result r = run("sh", "-c", "ps -e -o pid=,comm=; cat /proc/1/cmdline | tr '\\0' ' '");
        List<String> lines = r.stdout().lines().map(String::strip).toList();
        assertEquals("1 sh", lines.get(0), r::toString);
        assertTrue(lines.get(1).endsWith(" ps"), r::toString);
        assertEquals(
                "sh -c ps -e -o pid=,comm=; cat /proc/1/cmdline | tr '\\0' ' '",
                lines.get(2),
                "PID 1 is the user's command, no JVM is left");
        assertEquals(3, lines.size(), r::toString);
    }

    @Test
    void hostnameInsideOnly() throws Exception {
        String host = Files.readAllLines(Path.of("/proc/sys/kernel/hostname")).get(0);
        assertEquals(
                "box\nbox\n",
                run("--hostname", "box", "sh", "-c", "hostname; echo $HOSTNAME").stdout());
        assertEquals(
                host, Files.readAllLines(Path.of("/proc/sys/kernel/hostname")).get(0));
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

    /** The fd rule (BOOK-NOTES, chapter 3), read from the host in /proc/PID/fd of the container's command. */
    @Test
    void theCommandHoldsExactlyDevNullAndTheClisStdoutAndStderr() throws Exception {
        List<String> sleep = HostProcesses.uniqueSleep(300);
        Process cli =
                mydocker.start(Stream.concat(Stream.of("run"), sleep.stream()).toArray(String[]::new));
        Descriptors.assertDevNullAndTheClis(cli, sleep);
    }

    /** With -it: the terminal as 0, 1 and 2, and nothing else. */
    @Test
    void withATerminalTheCommandHoldsExactlyTheTerminal() throws Exception {
        List<String> sleep = HostProcesses.uniqueSleep(300);
        Process cli = mydocker.startOnTerminal(
                Stream.concat(Stream.of("run", "-it"), sleep.stream()).toArray(String[]::new));
        Descriptors.assertOneTerminal(cli, sleep);
    }

    /**
     * The JVM must not show through (BOOK-NOTES, chapter 3). Four at once:
     * each init JVM is PID 1 of its namespace, and they used to fight over
     * the host's /tmp/hsperfdata_root/1 and say so on the container's stdout.
     */
    @Test
    void fourAtOnceEachPrintsExactlyItsOutputAndNoJvmWarning() {
        List<CompletableFuture<Result>> runs = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> run("echo", "ok")))
                .toList();
        for (CompletableFuture<Result> run : runs) {
            Result r = run.join();
            assertEquals("ok\n", r.stdout(), r::toString);
            assertEquals("", r.stderr(), r::toString);
            assertEquals(0, r.exitCode());
        }
    }

    /**
     * No JVM of ours (the CLI's, the init's) writes perf data into /tmp. The
     * CLI runs in a mount namespace of its own with an empty tmpfs on
     * /tmp/hsperfdata_root, which the container (no image in chapter 3: the
     * host's files) then lists: only our JVMs could have written there.
     */
    @Test
    void noJvmOfOursWritesPerfData() throws Exception {
        Files.createDirectories(Path.of("/tmp/hsperfdata_root"));
        List<String> command = new ArrayList<>(List.of(
                "unshare",
                "--mount",
                "--propagation",
                "private",
                "sh",
                "-c",
                "mount -t tmpfs -o mode=0755 perf-data /tmp/hsperfdata_root && exec \"$@\"",
                "sh"));
        command.addAll(SelfExec.command(Main.class, "run", "ls", "-A", "/tmp/hsperfdata_root"));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(mydocker.env());
        Result r = ChapterProgram.finish(builder.start());
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.stdout(), "perf data files of the CLI JVM (its pid) and the init JVM (1)");
    }

    @Test
    void loopbackIsUpAndAnswers() {
        // As Docker's --network none: lo up, 127.0.0.1 reachable (a server and its client in one container).
        Result r = run(
                "sh",
                "-c",
                "ip -o link show lo | grep -o '<[^>]*>'; "
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
        Path data = Files.writeString(mydocker.execRoot().resolve("data"), "just data");
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rw-r--r--"));
        Result r = run(data.toString());
        assertEquals(126, r.exitCode());
        assertEquals("mydocker: exec: \"" + data + "\": permission denied\n", r.stderr());

        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Result garbage = run(data.toString());
        assertEquals(126, garbage.exitCode());
        assertEquals("mydocker: exec: \"" + data + "\": exec format error\n", garbage.stderr());
    }

    @Test
    void withoutDashIStdinIsEmpty() {
        assertRuns("0\n", "sh", "-c", "wc -c");
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

    /**
     * The init JVM's own memory is not the container's (BOOK-NOTES, chapter
     * 3): it joins the group only as its last step before execve, so Docker's
     * minimum, -m 6m, is enough for echo (the JVM alone needs more than 24m).
     */
    @Test
    void dockersSmallestMemoryLimitRunsACommand() {
        assertRuns("hi\n", "-m", "6m", "echo", "hi");
    }

    /** ...and the command is in the container's group from its first instruction. */
    @Test
    void theCommandStartsInsideItsGroup() {
        Result r = run("-m", "50m", "grep", "memory", "/proc/self/cgroup");
        String group = "/" + TestCgroups.PARENT + "/[0-9a-f]{64}\n";
        assertTrue(r.stdout().matches("\\d+:memory:" + group + "|0::" + group), r::toString);
    }

    @Test
    @Tag("cgroup")
    void cpusetIsSeenInside() {
        assertRuns("Cpus_allowed_list:\t0\n", "--cpuset-cpus", "0", "grep", "Cpus_allowed_list", "/proc/self/status");
    }

    @Test
    @Tag("cgroup")
    void cpuSharesAreReadBackFromTheHostWhileTheContainerRuns() throws Exception {
        Path ready = mydocker.execRoot().resolve("ready");
        Process cli = mydocker.start(
                "run",
                "-cpushare",
                "512",
                "sh",
                "-c",
                "trap 'exit 0' TERM; grep -E '(:cpu,|:cpu:|^0::)' /proc/self/cgroup > " + ready + ".tmp; mv " + ready
                        + ".tmp " + ready + "; sleep 60 & wait");
        int exit;
        try {
            Poll.until("the container is ready", () -> Files.exists(ready));
            String line = Files.readAllLines(ready).get(0);
            String group = line.substring(line.lastIndexOf(':') + 1);
            Path v1 = Path.of("/sys/fs/cgroup/cpu" + group, "cpu.shares");
            Path v2 = Path.of("/sys/fs/cgroup" + group, "cpu.weight");
            assertTrue(group.startsWith("/" + TestCgroups.PARENT + "/"), line);
            assertEquals(
                    Files.exists(v1) ? "512" : "20",
                    Files.readAllLines(Files.exists(v1) ? v1 : v2).get(0));
        } finally {
            cli.toHandle().destroy(); // SIGTERM to the CLI, forwarded to the container
            exit = ChapterProgram.finish(cli).exitCode();
        }
        assertEquals(0, exit, "the container's trap answers the forwarded SIGTERM");
    }

    @Test
    @Tag("cgroup")
    void cgroupParentNamesWhereTheContainersGroupIsMade() throws Exception {
        String parent = TestCgroups.PARENT + "/lab";
        try {
            Result r = run(
                    "--cgroup-parent", "/" + parent, "-m", "64m", "grep", "-E", "(:memory:|^0::)", "/proc/self/cgroup");
            assertEquals(0, r.exitCode(), r::toString);
            // The memory line on v1 (a hybrid host lists its empty v2 group after it), the one line on v2.
            assertTrue(
                    r.stdout().lines().findFirst().orElseThrow().matches("\\d+:(memory|):/" + parent + "/[0-9a-f]{64}"),
                    r::toString);
            assertTrue(Files.isDirectory(TestCgroups.group("memory", "lab")), "a parent the user named stays");
            try (Stream<Path> groups = Files.list(TestCgroups.group("memory", "lab"))) {
                assertEquals(
                        List.of(), groups.filter(Files::isDirectory).toList(), "the container's own group is gone");
            }
        } finally {
            for (String controller : List.of("memory", "cpu", "cpuset")) {
                Files.deleteIfExists(TestCgroups.group(controller, "lab"));
            }
        }
    }

    @Test
    void sigtermToTheCliIsForwardedToTheContainer() throws Exception {
        Path ready = mydocker.execRoot().resolve("ready");
        Process cli = mydocker.start("run", "sh", "-c", "trap 'exit 42' TERM; touch " + ready + "; sleep 60 & wait");
        Poll.until("the container is ready", () -> Files.exists(ready));
        cli.toHandle().destroy();
        assertEquals(42, ChapterProgram.finish(cli).exitCode());
    }

    @Test
    @Tag("cgroup")
    void aKilledCliTakesItsContainerAlongAndTheNextRunCleansUp() throws Exception {
        Path ready = mydocker.execRoot().resolve("ready");
        Process cli = mydocker.start("run", "sh", "-c", "touch " + ready + "; exec sleep 60");
        try {
            Poll.until("the container is ready", () -> Files.exists(ready));
        } finally {
            if (!Files.exists(ready)) {
                cli.toHandle().destroyForcibly(); // a failed wait takes its container along, as the test's kill would
                cli.waitFor();
            }
        }
        String id;
        try (Stream<Path> locks = Files.list(mydocker.execRoot().resolve("locks"))) {
            id = locks.findFirst().orElseThrow().getFileName().toString();
        }
        Path procs = cgroupProcs(id);
        int container = Integer.parseInt(Files.readAllLines(procs).get(0));
        cli.toHandle().destroyForcibly();
        cli.waitFor();
        Poll.until("the container has gone with its CLI", () -> !Files.exists(Path.of("/proc/" + container)));
        assertTrue(Files.exists(procs), "the dead CLI left its cgroup: this is what the next run removes");
        // And a lock file a CLI killed before it named it (locked, then linked under the ID): it made nothing.
        Path fresh = Files.createFile(mydocker.execRoot().resolve("locks").resolve(".new-" + "9".repeat(64)));

        Result next = run("true");
        assertEquals(0, next.exitCode(), next::toString);
        assertEquals("mydocker: removed the leftovers of container " + id + " (its CLI was killed)\n", next.stderr());
        assertFalse(Files.exists(procs));
        assertFalse(Files.exists(fresh), "the unnamed lock file is swept, silently");
    }

    /**
     * kill -9 of the CLI at any moment of a start: afterwards nothing of the
     * container runs (no init JVM, no command), and the next run sweeps its
     * cgroup and lock. Half the kills land right after the CLI says it sends
     * the command (-D), the moment that used to beat init's parent-death
     * signal (BOOK-NOTES, chapter 3: the PDEATHSIG handshake); half at random
     * (0-1.5 s: before init exists, while its JVM starts, once it runs).
     */
    @Test
    void aCliKilledAtAnyMomentOfTheStartLeavesNothingRunning() throws Exception {
        List<String> sleep = HostProcesses.uniqueSleep(30);
        String[] args = Stream.concat(Stream.of("-D", "run"), sleep.stream()).toArray(String[]::new);
        Random random = new Random();
        List<String> survivors = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Process cli = mydocker.start(args);
            BufferedReader debug = new BufferedReader(new InputStreamReader(cli.getErrorStream()));
            if (i % 2 == 0) {
                for (String line; (line = debug.readLine()) != null && !line.endsWith("cli: send command"); ) {
                    // the start goes on
                }
                Thread.sleep(20); // the command is written
            } else {
                Thread.sleep(random.nextInt(1500));
            }
            cli.destroyForcibly(); // SIGKILL, to the CLI JVM's own pid
            cli.waitFor();
            List<Long> left = containerProcesses(sleep);
            for (int wait = 0; wait < 200 && !left.isEmpty(); wait++) {
                Thread.sleep(50);
                left = containerProcesses(sleep);
            }
            if (!left.isEmpty()) {
                survivors.add("try " + i + ": " + left);
                left.forEach(pid -> Syscall.kill(pid.intValue(), Syscall.SIGKILL));
            }
        }
        List<String> ids;
        try (Stream<Path> locks = Files.list(mydocker.execRoot().resolve("locks"))) {
            ids = locks.map(p -> p.getFileName().toString()).toList();
        }
        Result next = run("true");
        assertEquals(List.of(), survivors, "container processes outlived their killed CLI");
        assertEquals(0, next.exitCode(), next::toString);
        for (String id : ids) {
            assertFalse(Files.exists(cgroupProcs(id).getParent()), "cgroup of " + id + " left");
        }
    }

    /** The container's command, or an init JVM of this test's that has not exec'd yet. */
    private List<Long> containerProcesses(List<String> command) {
        List<Long> pids = new ArrayList<>(HostProcesses.running(command));
        pids.addAll(HostProcesses.withEnvironment("MYDOCKER_EXEC_ROOT=" + mydocker.execRoot()));
        return pids;
    }

    @Test
    void debugLinesTraceTheStartInOrderAcrossTheTwoJvms() {
        Result r = mydocker.run("-D", "run", "/usr/bin/sh", "-c", "echo inside");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("inside\n", r.stdout(), "debug lines go to stderr only");
        List<String> events = new ArrayList<>();
        double last = 0;
        for (String line : r.stderr().lines().toList()) {
            Matcher m =
                    Pattern.compile("DEBU\\[(\\d+\\.\\d{6})] (cli|init): (.+)").matcher(line);
            assertTrue(m.matches(), () -> "not a debug line: " + line);
            double at = Double.parseDouble(m.group(1));
            assertTrue(at >= last, () -> "out of order: " + line + "\n" + r.stderr());
            last = at;
            events.add(m.group(2) + ": " + m.group(3));
        }
        // The critical path of a start, as bench/run.sh reads it: one process hands over to the other.
        List<String> path = List.of(
                "cli: main",
                "cli: spawn init",
                "init: main",
                "init: command received",
                "init: step MountProc",
                "init: execve /usr/bin/sh",
                "cli: container exited",
                "cli: cleaned up",
                "cli: exit 0");
        assertEquals(path, events.stream().filter(path::contains).toList(), r::toString);
        assertTrue(
                events.contains("cli: beforeStart CgroupLimits") && events.contains("cli: cleanUp CgroupLimits"),
                r::toString);

        Result quiet = run("true");
        assertEquals("", quiet.stderr(), "without -D, no debug line");
    }

    private static Path cgroupProcs(String id) {
        return TestCgroups.group("memory", id).resolve("cgroup.procs");
    }
}
