package mydocker.ch07.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Poll;
import mydocker.syscall.Privileged;
import mydocker.syscall.TestCgroups;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * podman 4.3 and its conmon run containers with this runtime, {@code podman
 * --runtime …/mydocker-runc}: daemonless, as chapters 3-6 are, podman calls
 * the runtime with no global flags (its state lives under the runtime's own
 * default root). Its storage and run roots are the test's, cgroupfs, its
 * events in a file, no network, the test's cgroup parent. podman asks for a
 * RLIMIT_NOFILE above what this sandbox may grant (no CAP_SYS_RESOURCE), so
 * the containers get explicit ulimits.
 */
@Privileged
class PodmanIT {
    private static final Path RUNTIME = EngineCli.RUNTIME;
    private static final List<String> LIMITS = List.of("--ulimit", "nofile=20000:20000", "--ulimit", "nproc=4096:4096");
    /** What podman and the runtime make outside the test's roots; removed after if the test made them. */
    private static final List<Path> HOST_PATHS = List.of(Path.of("/var/lib/containers"), Path.of("/run/mydocker-runc"));

    @TempDir
    static Path dir;

    private static final List<Path> made = new ArrayList<>();

    @BeforeAll
    static void busybox() throws Exception {
        assertTrue(
                Files.isExecutable(Path.of("/usr/bin/podman")),
                "podman is missing: run ./scripts/install-deps.sh (it installs Debian's podman)");
        made.addAll(EngineCli.missing(HOST_PATHS));
        Path image = EngineCli.savedBusybox(dir);
        ok("load", "-i", image.toString());
    }

    @AfterAll
    static void leaveNothing() throws Exception {
        List<String> left = podman("ps", "-aq").stdout().lines().toList();
        if (!left.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("rm", "-f"));
            rm.addAll(left);
            podman(rm.toArray(String[]::new));
        }
        EngineCli.leaveHostAsFound(dir, made);
        // podman puts its conmons in <cgroup parent>/conmon, which it leaves behind: ours, as the parent is.
        Poll.until("podman's conmon groups go", () -> {
            TestCgroups.named("conmon").stream()
                    .filter(g -> g.getParent().getFileName().toString().equals(TestCgroups.PARENT))
                    .forEach(g -> g.toFile().delete()); // rmdir: only once no conmon is left in it
            return TestCgroups.left().isEmpty();
        });
        assertEquals(List.of(), TestCgroups.left(), "cgroups left");
    }

    private static EngineCli cli() {
        return new EngineCli(List.of(
                "/usr/bin/podman",
                "--root",
                dir.resolve("storage").toString(),
                "--runroot",
                dir.resolve("run").toString(),
                "--tmpdir",
                dir.resolve("tmp").toString(),
                "--cgroup-manager",
                "cgroupfs",
                "--events-backend",
                "file",
                "--runtime",
                RUNTIME.toString()));
    }

    private static Result podman(String... args) {
        return cli().run(args);
    }

    private static Result ok(String... args) {
        return cli().ok(args);
    }

    /** {@code podman run} with its options, then {@code rest}. */
    private static String[] run(String... rest) {
        List<String> args = new ArrayList<>(List.of("run", "--network", "none", "--cgroup-parent", TestCgroups.PARENT));
        args.addAll(LIMITS);
        args.addAll(List.of(rest));
        return args.toArray(String[]::new);
    }

    @Test
    void podmanRunThroughThisRuntime() {
        assertEquals("hi\n", ok(run("--rm", "busybox", "echo", "hi")).stdout());
        Result exit = podman(run("--rm", "busybox", "sh", "-c", "exit 5"));
        assertEquals(5, exit.exitCode(), exit::toString);
    }

    /**
     * {@code podman run -it} in a terminal: conmon gives the runtime a console
     * socket, gets the container's pty master and relays podman's terminal to
     * it; what is typed reaches the container's shell.
     */
    @Test
    void podmanRunItGivesTheContainerATerminal() {
        Result session = cli().inTerminal("tty; echo $((6*7)); exit 3\n", run("-it", "--rm", "busybox", "sh"));
        assertEquals(3, session.exitCode(), session::toString);
        assertTrue(session.stdout().contains("/dev/pts/0\r\n42\r\n"), session::toString);
    }

    /** What the runtime refuses (a user namespace, not supported yet) reaches podman's user as its one line. */
    @Test
    void theRuntimesRefusalReachesPodmansUser() {
        Result refused = podman(run("--rm", "--uidmap", "0:100000:65536", "busybox", "true"));
        assertTrue(
                refused.exitCode() != 0 && refused.stderr().contains("type user is not supported yet"),
                refused::toString);
    }

    /** podman's --cgroupns private reaches the runtime: the container's groups read as "/". */
    @Test
    void podmansCgroupNamespaceHidesTheGroupsPath() {
        String cgroups = ok(run("--rm", "--cgroupns", "private", "busybox", "cat", "/proc/self/cgroup"))
                .stdout();
        assertTrue(cgroups.lines().allMatch(l -> l.endsWith(":/")), cgroups);
    }

    /** podman's --user reaches the process (process.user). */
    @Test
    void podmansUserRunsTheProcess() {
        assertEquals(
                "1000:1000\n",
                ok(run("--rm", "--user", "1000:1000", "busybox", "sh", "-c", "echo $(id -u):$(id -g)"))
                        .stdout());
    }

    @Test
    void detachedLogsExecStopAndRm() {
        ok(run("-d", "--name", "web", "busybox", "sh", "-c", "echo started; exec sleep 300"));
        Poll.until("it logged", () -> podman("logs", "web").stdout().equals("started\n"));
        assertEquals(
                "pid1=sleep\n",
                ok("exec", "web", "sh", "-c", "echo pid1=$(cat /proc/1/comm)").stdout());
        ok("stop", "-t", "1", "web");
        assertTrue(
                ok("ps", "-a", "--format", "{{.Names}} {{.Status}}").stdout().contains("web Exited (137)"),
                () -> podman("ps", "-a").stdout());
        ok("rm", "web");
        assertEquals("", ok("ps", "-aq").stdout());
    }
}
