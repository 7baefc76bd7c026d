package mydocker.ch05;

import static mydocker.syscall.OneLine.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Stream;
import mydocker.ch04.ContainerConfig;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.HostProcesses;
import mydocker.syscall.Mydocker;
import mydocker.syscall.Poll;
import mydocker.syscall.Privileged;
import mydocker.syscall.TestCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Book chapter 5 for real: detached containers, observed from the host. */
@Privileged
class DetachedIT {
    @RegisterExtension
    static final TestEngine engine = Mydocker.of(Main.class, TestEngine::new);

    private String runDetached(String... args) {
        List<String> all = new ArrayList<>(List.of("run", "-d"));
        all.addAll(List.of(args));
        String id = engine.ok(all.toArray(String[]::new)).stdout().strip();
        assertTrue(id.matches("[0-9a-f]{64}"), id);
        return id;
    }

    @AfterEach
    void removeEverythingAndCheckNothingIsLeft() {
        assertEquals(List.of(), engine.removeAllAndListLeftovers(Set.of()));
    }

    @Test
    void aDetachedContainerRunsUnderTheShimWithNoJvmLeft() throws Exception {
        String id = runDetached("--name", "ticker", "busybox", "sh", "-c", "echo started; exec sleep 300");
        List<String> ps = engine.ok("ps").stdout().lines().toList();
        assertTrue(ps.get(0).matches("CONTAINER ID +IMAGE +COMMAND +CREATED +STATUS +NAMES"), ps::toString);
        assertTrue(
                ps.get(1).matches(id.substring(0, 12) + " +busybox +\"sh -c echo started;…\" +.+ +Up .+ +ticker"),
                ps::toString);

        ContainerState state =
                ContainerState.of(engine.dataRoot().resolve("containers").resolve(id));
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
        // What stays on the host for the container: a JVM holds tens of MB, the static C shim under 1 MB.
        long rssKb = Long.parseLong(Files.readAllLines(Path.of("/proc/" + parent + "/status")).stream()
                .filter(l -> l.startsWith("VmRSS:"))
                .findFirst()
                .orElseThrow()
                .replaceAll("\\D", ""));
        assertTrue(rssKb < 4096, "the shim holds " + rssKb + " kB resident, as much as a JVM");
        assertEquals("started\n", engine.ok("logs", "ticker").stdout());
    }

    @Test
    @Tag("cgroup")
    void exitCodesAreRecorded() throws Exception {
        String id = runDetached("busybox", "sh", "-c", "exit 3");
        Poll.until("it has exited", () -> engine.ok("ps", "-a").stdout().contains("Exited (3)"));
        // The shim records the exit first, then runs the reaper, which removes the group.
        Poll.until("the reaper removed its group", () -> !Files.exists(TestCgroups.group("memory", id)));
        assertEquals(List.of(), engine.ok("ps", "-q").stdout().lines().toList(), "not running");
        assertTrue(engine.ok("ps", "-a", "-q").stdout().contains(id.substring(0, 12)));
    }

    @Test
    void logsFollowUntilTheContainerExits() {
        runDetached("--name", "counter", "busybox", "sh", "-c", "for i in 1 2 3; do echo line $i; sleep 0.3; done");
        assertEquals(
                "line 1\nline 2\nline 3\n", engine.ok("logs", "-f", "counter").stdout());
        assertEquals("line 3\n", engine.ok("logs", "--tail", "1", "counter").stdout());
    }

    @Test
    void stopEscalatesToSigkillAfterTheTimeout() {
        runDetached("--name", "stubborn", "busybox", "sleep", "300");
        long start = System.nanoTime();
        assertEquals("stubborn\n", engine.ok("stop", "-t", "1", "stubborn").stdout());
        long millis = (System.nanoTime() - start) / 1_000_000;
        // Behaviour, not speed (how fast is bench/'s): it gave the container its 1 s of grace first.
        assertTrue(millis >= 1000, "stop -t 1 returned after " + millis + " ms");
        assertTrue(engine.ok("ps", "-a").stdout().contains("Exited (137)"), "sleep ignores SIGTERM as PID 1");
    }

    @Test
    @Tag("cgroup")
    void stopOfAContainerThatHandlesSigtermIsQuick() {
        runDetached("--name", "polite", "busybox", "sh", "-c", "trap 'exit 0' TERM; sleep 300 & wait");
        engine.ok("stop", "polite");
        assertTrue(engine.ok("ps", "-a").stdout().contains("Exited (0)"));
    }

    @Test
    void environmentFromFlagsAndFromTheHost() {
        String id = runDetached("-e", "GREETING=hi", "-e", "PATH", "busybox", "sh", "-c", "echo $GREETING; echo $PATH");
        Poll.until("it has exited", () -> engine.ok("ps", "-a").stdout().contains("Exited (0)"));
        assertEquals(
                "hi\n" + System.getenv("PATH") + "\n", engine.ok("logs", id).stdout());
    }

    @Test
    void namesAreUniqueAndDefaultToAdjectiveNoun() {
        runDetached("--name", "taken", "busybox", "sleep", "300");
        Result r = engine.run("run", "-d", "--name", "taken", "busybox", "true");
        assertEquals(125, r.exitCode());
        assertTrue(
                r.stderr()
                        .startsWith(
                                "mydocker: Conflict. The container name \"/taken\" is already in use by container \""),
                r::toString);
        String id = runDetached("busybox", "true");
        String line = engine.ok("ps", "-a")
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
        Result r = engine.run("rm", id.substring(0, 12));
        assertEquals(125, r.exitCode());
        assertEquals(
                "mydocker: You cannot remove a running container " + id
                        + ". Stop the container before attempting removal or force remove (rm -f)\n",
                r.stderr());
        engine.ok("rm", "-f", id.substring(0, 12));
        assertFalse(Files.exists(engine.dataRoot().resolve("containers").resolve(id)));
    }

    @Test
    void twentyInParallel() throws Exception {
        List<CompletableFuture<Result>> runs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> engine.run("run", "-d", "busybox", "sleep", "300")));
        }
        HashSet<String> ids = new HashSet<>();
        for (CompletableFuture<Result> run : runs) {
            Result r = run.join();
            assertEquals(0, r.exitCode(), r::toString);
            ids.add(r.stdout().strip());
        }
        assertEquals(20, ids.size());
        List<String> rows = engine.ok("ps").stdout().lines().skip(1).toList();
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
        String pid = Files.readString(
                        engine.dataRoot().resolve("containers").resolve(id).resolve("init.pid"))
                .strip();
        assertTrue(
                Files.readSymbolicLink(Path.of("/proc", pid, "exe")).toString().endsWith("busybox"),
                "when run -d answered, the container's first process was still init's JVM");

        Result missing = engine.run("run", "-d", "busybox", "nosuch");
        assertEquals(127, missing.exitCode(), missing::toString);
        assertEquals("mydocker: exec: \"nosuch\": executable file not found in $PATH\n", missing.stderr());
        assertEquals("", missing.stdout(), "no ID for a container that never ran");
    }

    @Test
    @Tag("cgroup")
    void execEntersTheRunningContainer() {
        String id = runDetached("--name", "web", "-e", "FROM_RUN=1", "busybox", "httpd", "-f", "-p", "8080");
        List<String> ps = engine.ok("exec", "web", "ps", "-o", "pid,args")
                .stdout()
                .lines()
                .map(String::strip)
                .toList();
        assertEquals("1 httpd -f -p 8080", ps.get(1), "PID 1 is the detached command: " + ps);
        assertEquals(
                "1 x " + id.substring(0, 12) + "\n",
                engine.ok("exec", "-e", "EXTRA=x", "web", "sh", "-c", "echo $FROM_RUN $EXTRA $(hostname)")
                        .stdout());
        assertTrue(
                engine.ok("exec", "web", "cat", "/proc/self/cgroup")
                        .stdout()
                        .contains("/" + TestCgroups.PARENT + "/" + id),
                "same cgroup");
        assertEquals(4, engine.run("exec", "web", "sh", "-c", "exit 4").exitCode());
        Result missing = engine.run("exec", "web", "nosuch");
        assertEquals(127, missing.exitCode());
        assertEquals("mydocker: exec: \"nosuch\": executable file not found in $PATH\n", missing.stderr());
        assertEquals("/etc\n", engine.ok("exec", "-w", "/etc", "web", "pwd").stdout(), "Docker's exec -w");
        Result relative = engine.run("exec", "-w", "etc", "web", "pwd");
        assertEquals(125, relative.exitCode());
        assertEquals("mydocker: invalid -w 'etc': the working directory must be an absolute path\n", relative.stderr());
        assertNotEquals(0, engine.run("exec", "-w", "/nosuch", "web", "pwd").exitCode(), "a missing -w directory");
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
        Result forked = engine.ok("exec", id, "sh", "-c", "grep -E '(:memory:|^0::)' /proc/self/cgroup");
        assertTrue(
                forked.stdout()
                        .lines()
                        .findFirst()
                        .orElseThrow()
                        .matches("\\d+:(memory|):/" + TestCgroups.PARENT + "/" + id),
                forked::toString);
        String hog = "x=$(head -c 64000000 /dev/zero | tr '\\0' a); echo survived";
        Result killed = engine.run("exec", id, "sh", "-c", hog);
        assertEquals(137, killed.exitCode(), killed::toString);
        assertEquals("", killed.stdout());
        assertEquals(
                "still here\n", engine.ok("exec", id, "echo", "still here").stdout(), "the container itself lives on");
    }

    @Test
    void startAfterStopKeepsTheRwLayer() {
        runDetached("--name", "keeper", "busybox", "sh", "-c", "echo $(date +%s%N) >> /root/starts; exec sleep 300");
        engine.ok("stop", "-t", "0", "keeper");
        Result exec = engine.run("exec", "keeper", "true");
        assertEquals(125, exec.exitCode());
        assertTrue(exec.stderr().contains("is not running: start it first"), exec::toString);
        assertEquals("keeper\n", engine.ok("start", "keeper").stdout());
        assertEquals(
                2,
                engine.ok("exec", "keeper", "cat", "/root/starts")
                        .stdout()
                        .lines()
                        .count(),
                "the file from the first run is there");
        engine.ok("commit", "keeper", "kept:1");
        assertTrue(
                engine.ok("run", "--rm", "kept:1", "cat", "/root/starts")
                                .stdout()
                                .lines()
                                .count()
                        >= 1,
                "commit takes a name");
        Result again = engine.run("start", "keeper");
        assertEquals(125, again.exitCode());
        assertTrue(again.stderr().contains("is already running"), again::toString);
    }

    /**
     * kill -9 of the CLI while its container starts. Killed once it has
     * started the shim (it then waits for the second JVM's word), the start
     * goes on without it, under the shim in a session of its own: the
     * container runs. Killed as soon as the container's directory is in place,
     * it may not have started the shim yet: the container then stays Created.
     * `ps` tells which, and `rm -f` takes all of it away.
     */
    @Test
    void aCliKilledDuringRunDLeavesAConsistentStateThatRmCleans() throws Exception {
        List<String> late = HostProcesses.uniqueSleep(300);
        String lateId = killDuringRunD("late", late, id -> !engine.shimsOf(id).isEmpty());
        HostProcesses.awaitOne(late);
        assertStatus(lateId, "Up .*", "the start went on without its CLI");

        List<String> early = HostProcesses.uniqueSleep(300);
        String earlyId = killDuringRunD("early", early, id -> true);
        // The CLI is gone: nothing can start a shim after this.
        if (engine.shimsOf(earlyId).isEmpty()) {
            assertStatus(earlyId, "Created", "killed before it started the shim");
        } else {
            HostProcesses.awaitOne(early);
            assertStatus(earlyId, "Up .*", "the start went on without its CLI");
        }

        engine.ok("rm", "-f", "late", "early");
        assertEquals(List.of(), engine.leftovers(Set.of(lateId, earlyId)));
        assertEquals(List.of(), HostProcesses.running(late), "the container's command");
    }

    /** Starts `run -d --name NAME busybox COMMAND` and kills its CLI once its container's directory satisfies {@code moment}. */
    private String killDuringRunD(String name, List<String> command, Predicate<String> moment) throws Exception {
        List<String> run = new ArrayList<>(List.of("run", "-d", "--name", name, "busybox"));
        run.addAll(command);
        Set<String> before = Set.copyOf(dirs());
        Process cli = engine.start(run.toArray(String[]::new));
        String id = Poll.until(
                        "run -d " + name + " has put its container's directory in place and " + moment,
                        () -> dirs().stream()
                                .filter(d -> !before.contains(d) && moment.test(d))
                                .toList(),
                        ids -> !ids.isEmpty())
                .get(0);
        cli.destroyForcibly();
        cli.waitFor();
        return id;
    }

    private void assertStatus(String id, String status, String why) {
        List<String> rows = engine.ok("ps", "-a").stdout().lines().toList();
        assertEquals(
                1,
                rows.stream()
                        .filter(r -> r.matches(id.substring(0, 12) + " .* " + status + " +[a-z]+"))
                        .count(),
                () -> why + ": " + rows);
    }

    /** The IDs of the container directories in place (not a half-made {@code .new-<id>}). */
    private static List<String> dirs() {
        try {
            return ContainerConfig.dirs(engine.dataRoot().resolve("containers")).stream()
                    .map(d -> d.getFileName().toString())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void badInputIsOneLineAnd125() {
        assertOneLine(engine.run("logs", "nosuch"), "mydocker: No such container: nosuch");
        assertOneLine(
                engine.run("stop", "-t", "-1", "x"), "mydocker: invalid -t -1: the timeout must be 0 or more seconds");
        assertOneLine(
                engine.run("run", "-d", "-e", "=oops", "busybox", "true"),
                "mydocker: invalid environment variable: '=oops' (expected KEY=VALUE or KEY, e.g. -e GREETING=hi)");
        assertOneLine(
                engine.run("run", "-d", "-it", "busybox", "sh"),
                "mydocker: -d cannot be combined with -i or -t: mydocker has no attach");
        assertOneLine(
                engine.run("run", "-d", "--name", "bad name", "busybox", "true"),
                "mydocker: Invalid container name (bad name), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        assertOneLine(engine.run("logs", "--tail", "-2", "x"), "mydocker: invalid --tail -2: give 0 or more lines");
    }

    @Test
    void anAmbiguousIdPrefixIsRefused() {
        ContainerDirs.make(engine.dataRoot().resolve("containers"), ContainerDirs.id("abc1"), "n1");
        ContainerDirs.make(engine.dataRoot().resolve("containers"), ContainerDirs.id("abc2"), "n2");
        assertOneLine(
                engine.run("logs", "abc"),
                "mydocker: Multiple IDs found with prefix: abc (give more digits or the name)");
        assertEquals("", engine.ok("logs", "abc1").stdout(), "a unique prefix is fine");
        assertTrue(engine.ok("ps", "-a").stdout().contains("Created"), "never started");
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
