package mydocker.ch07.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mydocker.syscall.ChapterProgram;
import mydocker.syscall.Poll;
import mydocker.syscall.Privileged;
import mydocker.syscall.TestCgroups;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Book 7.5 for real: containerd (Debian's 1.6, started here with its own root,
 * state and socket, its CRI plugin off) runs containers through this runtime,
 * {@code ctr run --runc-binary mydocker-runc}, on busybox saved by chapter 4's
 * `save` and imported with `ctr image import`. Its containerd namespace is
 * the test's cgroup parent, so every cgroup it makes is under the test's own
 * ({@code /<namespace>/<id>}, containerd's cgroupsPath).
 */
@Privileged
class ContainerdIT {
    private static final Path RUNTIME = EngineCli.RUNTIME;
    private static final String NAMESPACE = TestCgroups.PARENT;
    /** containerd keeps its shims' sockets, FIFOs and runc roots here, whatever its config says. */
    private static final Path CONTAINERD_RUN = Path.of("/run/containerd");

    @TempDir
    static Path dir;

    private static Process containerd;
    private static boolean madeContainerdRun;

    @BeforeAll
    static void containerdWithBusybox() throws Exception {
        assertTrue(
                Files.isExecutable(Path.of("/usr/bin/containerd")),
                "containerd is missing: run ./scripts/install-deps.sh (it installs Debian's containerd)");
        assertTrue(Files.isExecutable(RUNTIME), RUNTIME + " is missing");
        madeContainerdRun = !Files.exists(CONTAINERD_RUN);
        Path config = dir.resolve("config.toml");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "version = 2",
                        "root = \"" + dir.resolve("root") + "\"",
                        "state = \"" + dir.resolve("state") + "\"",
                        // The opt plugin would make /opt/containerd on the host.
                        "disabled_plugins = [\"io.containerd.grpc.v1.cri\", \"io.containerd.internal.v1.opt\"]",
                        "[grpc]",
                        "  address = \"" + socket() + "\"",
                        "[ttrpc]",
                        "  address = \"" + socket() + ".ttrpc\"",
                        ""));
        containerd = new ProcessBuilder("containerd", "--config", config.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("containerd.log").toFile())
                .start();
        Poll.until("containerd serves", () -> ctr("version").exitCode() == 0);
        Path image = EngineCli.savedBusybox(dir);
        ok("image", "import", image.toString());
    }

    @AfterAll
    static void stopContainerdAndLeaveNothing() throws Exception {
        if (containerd != null) {
            containerd.destroy();
            if (!containerd.waitFor(20, TimeUnit.SECONDS)) {
                containerd.destroyForcibly().waitFor();
            }
        }
        EngineCli.leaveHostAsFound(
                dir,
                List.of(
                        madeContainerdRun
                                ? CONTAINERD_RUN
                                : CONTAINERD_RUN.resolve("runc").resolve(NAMESPACE)));
        assertEquals(List.of(), TestCgroups.left(), "cgroups left");
    }

    private static String socket() {
        return dir.resolve("containerd.sock").toString();
    }

    private static ChapterProgram.Result ctr(String... args) {
        return new EngineCli(List.of("ctr", "--address", socket(), "-n", NAMESPACE)).run(args);
    }

    private static ChapterProgram.Result ok(String... args) {
        return new EngineCli(List.of("ctr", "--address", socket(), "-n", NAMESPACE)).ok(args);
    }

    private static final String IMAGE = "docker.io/library/busybox:latest";

    /** The container's output reaches ctr through containerd's shim, and its exit code comes back. */
    @Test
    void ctrRunPassesOutputAndExitCodeThrough() {
        ChapterProgram.Result run = ctr(
                "run",
                "--runc-binary",
                RUNTIME.toString(),
                "--rm",
                IMAGE,
                "c1",
                "sh",
                "-c",
                "echo hi from $(cat /proc/self/cgroup | grep -o 'memory:.*'); exit 3");
        assertEquals(3, run.exitCode(), run::toString);
        assertEquals("hi from memory:/" + NAMESPACE + "/c1\n", run.stdout(), run::toString);
    }

    /** A detached task runs, is paused and resumed, is killed, stops, and goes; nothing of it is left. */
    @Test
    void aDetachedTaskIsKilledAndDeleted() {
        ok("run", "--runc-binary", RUNTIME.toString(), "-d", IMAGE, "c2", "sleep", "300");
        assertTrue(
                ok("task", "ls").stdout().matches("(?s).*c2\\s+\\d+\\s+RUNNING.*"),
                () -> ctr("task", "ls").stdout());
        String taskPs = ok("task", "ps", "c2").stdout();
        assertTrue(
                taskPs.matches("(?s)PID\\s+INFO\\s*\\n\\d+\\s+-\\s*\\n"),
                taskPs); // runc ps --format json, through the shim
        ok("task", "pause", "c2"); // runc pause: the freezer
        assertTrue(
                ok("task", "ls").stdout().matches("(?s).*c2\\s+\\d+\\s+PAUSED.*"),
                () -> ctr("task", "ls").stdout());
        ok("task", "resume", "c2");
        assertTrue(
                ok("task", "ls").stdout().matches("(?s).*c2\\s+\\d+\\s+RUNNING.*"),
                () -> ctr("task", "ls").stdout());
        ok("task", "kill", "-s", "KILL", "c2");
        Poll.until("the task stopped", () -> ctr("task", "ls").stdout().matches("(?s).*c2\\s+\\d+\\s+STOPPED.*"));
        ok("task", "delete", "c2");
        ok("container", "delete", "c2");
        assertTrue(TestCgroups.named("c2").isEmpty(), "its cgroup is gone");
    }

    /** {@code ctr task exec}: a process in the running container's namespaces, its output and exit code passed back. */
    @Test
    void ctrTaskExecRunsInsideTheContainer() {
        ok("run", "--runc-binary", RUNTIME.toString(), "-d", IMAGE, "c3", "sleep", "300");
        ChapterProgram.Result exec =
                ctr("task", "exec", "--exec-id", "e1", "c3", "sh", "-c", "echo pid 1 is $(cat /proc/1/comm); exit 4");
        assertEquals(4, exec.exitCode(), exec::toString);
        assertEquals("pid 1 is sleep\n", exec.stdout(), exec::toString);
        ok("task", "kill", "-s", "KILL", "c3");
        Poll.until("the task stopped", () -> ctr("task", "ls").stdout().matches("(?s).*c3\\s+\\d+\\s+STOPPED.*"));
        ok("task", "delete", "c3");
        ok("container", "delete", "c3");
    }
}
