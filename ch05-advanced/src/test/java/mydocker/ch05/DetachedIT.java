package mydocker.ch05;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Privileged;
import mydocker.syscall.TestCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Book chapter 5 for real: detached containers, observed from the host. */
@Privileged
class DetachedIT {
    @TempDir
    static Path dataRoot;

    @TempDir
    Path execRoot;

    private TestEngine engine;

    @BeforeEach
    void engine() {
        engine = new TestEngine(Main.class, dataRoot, execRoot);
    }

    private Result mydocker(String... args) {
        return engine.run(args);
    }

    private Result ok(String... args) {
        return engine.ok(args);
    }

    private String runDetached(String... args) {
        List<String> all = new ArrayList<>(List.of("run", "-d"));
        all.addAll(List.of(args));
        String id = ok(all.toArray(String[]::new)).stdout().strip();
        assertTrue(id.matches("[0-9a-f]{64}"), id);
        return id;
    }

    @AfterEach
    void removeEverythingAndCheckNothingIsLeft() throws Exception {
        engine.removeAllContainers();
        assertEquals(List.of(), TestCgroups.left(), "cgroups left");
        try (Stream<Path> dirs = Files.list(dataRoot.resolve("containers"))) {
            assertEquals(List.of(), dirs.filter(Files::isDirectory).toList(), "container directories left");
        }
        // Ours only: the machine may have overlays of its own (the v2 guest's root is one).
        String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
        assertFalse(mounts.contains(dataRoot.toString()), "a container mount left on the host:\n" + mounts);
    }

    @Test
    void aDetachedContainerRunsUnderTheShimWithNoJvmLeft() throws Exception {
        String id = runDetached("--name", "ticker", "busybox", "sh", "-c", "echo started; exec sleep 300");
        List<String> ps = ok("ps").stdout().lines().toList();
        assertTrue(ps.get(0).matches("CONTAINER ID +IMAGE +COMMAND +CREATED +STATUS +PORTS +NAMES"), ps::toString);
        assertTrue(
                ps.get(1).matches(id.substring(0, 12) + " +busybox +\"sh -c echo started;…\" +.+ +Up .+ +ticker"),
                ps::toString);

        ContainerState state = ContainerState.of(dataRoot.resolve("containers").resolve(id));
        String parent = Files.readString(Path.of("/proc/" + state.pid() + "/stat"))
                .split("\\) ")[1]
                .split(" ")[1];
        assertEquals(
                "mydocker-shim",
                Files.readString(Path.of("/proc/" + parent + "/comm")).strip(),
                "the container's first process is the shim's child");
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            List<String> jvmsForIt = procs.filter(
                            p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> executable(p).endsWith("/java"))
                    .map(DetachedIT::readCmdline)
                    .filter(c -> c.contains(id))
                    .toList();
            assertEquals(List.of(), jvmsForIt, "a JVM stayed for the container");
        }
        System.out.println("mydocker-shim RSS: "
                + Files.readAllLines(Path.of("/proc/" + parent + "/status")).stream()
                        .filter(l -> l.startsWith("VmRSS"))
                        .findFirst()
                        .orElse("?"));
        assertEquals("started\n", ok("logs", "ticker").stdout());
    }

    @Test
    @Tag("cgroup")
    void exitCodesAreRecorded() throws Exception {
        String id = runDetached("busybox", "sh", "-c", "exit 3");
        TestEngine.waitUntil(() -> ok("ps", "-a").stdout().contains("Exited (3)"));
        // The shim records the exit first, then runs the reaper, which removes the group.
        TestEngine.waitUntil(() -> !Files.exists(TestCgroups.group("memory", id)));
        assertEquals(List.of(), ok("ps", "-q").stdout().lines().toList(), "not running");
        assertTrue(ok("ps", "-a", "-q").stdout().contains(id.substring(0, 12)));
    }

    @Test
    void logsFollowUntilTheContainerExits() {
        runDetached("--name", "counter", "busybox", "sh", "-c", "for i in 1 2 3; do echo line $i; sleep 0.3; done");
        assertEquals("line 1\nline 2\nline 3\n", ok("logs", "-f", "counter").stdout());
        assertEquals("line 3\n", ok("logs", "--tail", "1", "counter").stdout());
    }

    @Test
    void stopEscalatesToSigkillAfterTheTimeout() {
        runDetached("--name", "stubborn", "busybox", "sleep", "300");
        long start = System.nanoTime();
        assertEquals("stubborn\n", ok("stop", "-t", "1", "stubborn").stdout());
        long millis = (System.nanoTime() - start) / 1_000_000;
        // Behaviour, not speed: it waited out the 1 s grace period, and not the default 10 s.
        assertTrue(millis >= 1000 && millis < 10_000, "stop -t 1 took " + millis + " ms (JVM start included)");
        assertTrue(ok("ps", "-a").stdout().contains("Exited (137)"), "sleep ignores SIGTERM as PID 1");
    }

    @Test
    @Tag("cgroup")
    void stopOfAContainerThatHandlesSigtermIsQuick() {
        runDetached("--name", "polite", "busybox", "sh", "-c", "trap 'exit 0' TERM; sleep 300 & wait");
        ok("stop", "polite");
        assertTrue(ok("ps", "-a").stdout().contains("Exited (0)"));
    }

    @Test
    void environmentFromFlagsAndFromTheHost() {
        String id = runDetached("-e", "GREETING=hi", "-e", "PATH", "busybox", "sh", "-c", "echo $GREETING; echo $PATH");
        TestEngine.waitUntil(() -> ok("ps", "-a").stdout().contains("Exited (0)"));
        assertEquals("hi\n" + System.getenv("PATH") + "\n", ok("logs", id).stdout());
    }

    @Test
    void namesAreUniqueAndDefaultToAdjectiveNoun() {
        runDetached("--name", "taken", "busybox", "sleep", "300");
        Result r = mydocker("run", "-d", "--name", "taken", "busybox", "true");
        assertEquals(125, r.exitCode());
        assertTrue(
                r.stderr()
                        .startsWith(
                                "mydocker: Conflict. The container name \"/taken\" is already in use by container \""),
                r::toString);
        String id = runDetached("busybox", "true");
        String line = ok("ps", "-a")
                .stdout()
                .lines()
                .filter(l -> l.startsWith(id.substring(0, 12)))
                .findFirst()
                .orElseThrow();
        assertTrue(line.matches(".* [a-z]+_[a-z]+$"), line);
    }

    @Test
    @Tag("cgroup")
    void rmRefusesARunningContainerUnlessForced() {
        String id = runDetached("busybox", "sleep", "300");
        Result r = mydocker("rm", id.substring(0, 12));
        assertEquals(125, r.exitCode());
        assertEquals(
                "mydocker: You cannot remove a running container " + id
                        + ". Stop the container before attempting removal or force remove (rm -f)\n",
                r.stderr());
        ok("rm", "-f", id.substring(0, 12));
        assertFalse(Files.exists(dataRoot.resolve("containers").resolve(id)));
    }

    @Test
    void twentyInParallel() throws Exception {
        List<CompletableFuture<Result>> runs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> mydocker("run", "-d", "busybox", "sleep", "300")));
        }
        HashSet<String> ids = new HashSet<>();
        for (CompletableFuture<Result> run : runs) {
            Result r = run.join();
            assertEquals(0, r.exitCode(), r::toString);
            ids.add(r.stdout().strip());
        }
        assertEquals(20, ids.size());
        List<String> rows = ok("ps").stdout().lines().skip(1).toList();
        assertEquals(20, rows.size());
        assertEquals(
                20,
                new HashSet<>(rows.stream()
                                .map(l -> l.substring(l.lastIndexOf(' ') + 1))
                                .toList())
                        .size(),
                "distinct names");
    }

    /**
     * run -d answers once the command runs (init's end of the start pipe closes
     * at its execve), so nothing can enter a container still being set up, and
     * a command that cannot start fails the run as Docker's does.
     */
    @Test
    void runDAnswersOnlyOnceTheCommandRunsAndABadCommandFailsLikeDocker() throws Exception {
        String id = runDetached("busybox", "sleep", "60");
        String pid = Files.readString(dataRoot.resolve("containers").resolve(id).resolve("init.pid"))
                .strip();
        assertTrue(
                Files.readSymbolicLink(Path.of("/proc", pid, "exe")).toString().endsWith("busybox"),
                "when run -d answered, the container's first process was still init's JVM");

        Result missing = mydocker("run", "-d", "busybox", "nosuch");
        assertEquals(127, missing.exitCode(), missing::toString);
        assertEquals("mydocker: exec: \"nosuch\": executable file not found in $PATH\n", missing.stderr());
        assertEquals("", missing.stdout(), "no ID for a container that never ran");
    }

    @Test
    @Tag("cgroup")
    void execEntersTheRunningContainer() {
        String id = runDetached("--name", "web", "-e", "FROM_RUN=1", "busybox", "httpd", "-f", "-p", "8080");
        List<String> ps = ok("exec", "web", "ps", "-o", "pid,args")
                .stdout()
                .lines()
                .map(String::strip)
                .toList();
        assertEquals("1 httpd -f -p 8080", ps.get(1), "PID 1 is the detached command: " + ps);
        assertEquals(
                "1 x " + id.substring(0, 12) + "\n",
                ok("exec", "-e", "EXTRA=x", "web", "sh", "-c", "echo $FROM_RUN $EXTRA $(hostname)")
                        .stdout());
        assertTrue(
                ok("exec", "web", "cat", "/proc/self/cgroup").stdout().contains("/" + TestCgroups.PARENT + "/" + id),
                "same cgroup");
        assertEquals(4, mydocker("exec", "web", "sh", "-c", "exit 4").exitCode());
        Result missing = mydocker("exec", "web", "nosuch");
        assertEquals(127, missing.exitCode());
        assertEquals("mydocker: exec: \"nosuch\": executable file not found in $PATH\n", missing.stderr());
    }

    /**
     * exec's command is born in the container's cgroups (ExecInit joins them
     * before execve), so what it forks at once is inside too, and the limits
     * bind it; and the JVM that starts it is never charged to the container:
     * -m 6m, Docker's smallest limit, is enough for an exec.
     */
    @Test
    @Tag("cgroup")
    void execIsBornInsideTheContainersLimits() {
        String id = runDetached("-m", "6m", "busybox", "sleep", "300");
        // The memory line on v1 (a hybrid host lists its empty v2 group after it), the one line on v2.
        Result forked = ok("exec", id, "sh", "-c", "grep -E '(:memory:|^0::)' /proc/self/cgroup");
        assertTrue(
                forked.stdout()
                        .lines()
                        .findFirst()
                        .orElseThrow()
                        .matches("\\d+:(memory|):/" + TestCgroups.PARENT + "/" + id),
                forked::toString);
        String hog = "x=$(head -c 64000000 /dev/zero | tr '\\0' a); echo survived";
        Result killed = mydocker("exec", id, "sh", "-c", hog);
        assertEquals(137, killed.exitCode(), killed::toString);
        assertEquals("", killed.stdout());
        assertEquals("still here\n", ok("exec", id, "echo", "still here").stdout(), "the container itself lives on");
    }

    @Test
    void startAfterStopKeepsTheRwLayer() {
        runDetached("--name", "keeper", "busybox", "sh", "-c", "echo $(date +%s%N) >> /root/starts; exec sleep 300");
        ok("stop", "-t", "0", "keeper");
        Result exec = mydocker("exec", "keeper", "true");
        assertEquals(125, exec.exitCode());
        assertTrue(exec.stderr().contains("is not running: start it first"), exec::toString);
        assertEquals("keeper\n", ok("start", "keeper").stdout());
        assertEquals(
                2,
                ok("exec", "keeper", "cat", "/root/starts").stdout().lines().count(),
                "the file from the first run is there");
        ok("commit", "keeper", "kept:1");
        assertTrue(
                ok("run", "--rm", "kept:1", "cat", "/root/starts")
                                .stdout()
                                .lines()
                                .count()
                        >= 1,
                "commit takes a name");
        Result again = mydocker("start", "keeper");
        assertEquals(125, again.exitCode());
        assertTrue(again.stderr().contains("is already running"), again::toString);
    }

    @Test
    void aCliKilledDuringRunDLeavesAConsistentStateThatRmCleans() throws Exception {
        Process cli = engine.start("run", "-d", "--name", "orphan", "busybox", "sleep", "300");
        Thread.sleep(700);
        cli.toHandle().destroyForcibly();
        cli.waitFor();
        Thread.sleep(1500);
        String ps = ok("ps", "-a").stdout();
        assertTrue(ps.lines().count() <= 2, ps);
        if (ps.lines().count() == 2) {
            assertTrue(
                    ps.contains("orphan") && (ps.contains("Up ") || ps.contains("Created") || ps.contains("Exited")),
                    ps);
            ok("rm", "-f", "orphan");
        }
    }

    @Test
    void badInputIsOneLineAnd125() {
        assertOneLine(mydocker("logs", "nosuch"), "mydocker: No such container: nosuch");
        assertOneLine(
                mydocker("stop", "-t", "-1", "x"), "mydocker: invalid -t -1: the timeout must be 0 or more seconds");
        assertOneLine(
                mydocker("run", "-d", "-e", "=oops", "busybox", "true"),
                "mydocker: invalid environment variable: '=oops' (expected KEY=VALUE or KEY, e.g. -e GREETING=hi)");
        assertOneLine(
                mydocker("run", "-d", "-it", "busybox", "sh"),
                "mydocker: -d cannot be combined with -i or -t: mydocker has no attach");
        assertOneLine(
                mydocker("run", "-d", "--name", "bad name", "busybox", "true"),
                "mydocker: Invalid container name (bad name), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        assertOneLine(mydocker("logs", "--tail", "-2", "x"), "mydocker: invalid --tail -2: give 0 or more lines");
    }

    @Test
    void anAmbiguousIdPrefixIsRefused() throws Exception {
        for (String id : List.of("abc1" + "0".repeat(60), "abc2" + "0".repeat(60))) {
            Path dir = Files.createDirectories(dataRoot.resolve("containers").resolve(id));
            new mydocker.ch04.ContainerConfig(
                            id,
                            "n" + id.charAt(3),
                            "sha256:" + "0".repeat(64),
                            "busybox",
                            List.of("true"),
                            List.of(),
                            List.of(),
                            null,
                            null,
                            null,
                            id.substring(0, 12),
                            null,
                            List.of(),
                            Instant.now(),
                            null)
                    .write(dir);
        }
        assertOneLine(
                mydocker("logs", "abc"),
                "mydocker: Multiple IDs found with prefix: abc (give more digits or the name)");
        assertEquals("", ok("logs", "abc1").stdout(), "a unique prefix is fine");
        assertTrue(ok("ps", "-a").stdout().contains("Created"), "never started");
    }

    private static void assertOneLine(Result r, String message) {
        assertEquals(125, r.exitCode(), r::toString);
        assertEquals(message + "\n", r.stderr());
    }

    private static String executable(Path proc) {
        try {
            return Files.readSymbolicLink(proc.resolve("exe")).toString();
        } catch (Exception e) {
            return "";
        }
    }

    private static String readCmdline(Path proc) {
        try {
            return Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
        } catch (Exception e) {
            return "";
        }
    }
}
