package mydocker.ch07.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mydocker.ch07.Main;
import mydocker.ch07.registry.TestRegistry;
import mydocker.syscall.ChapterProgram;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Poll;
import mydocker.syscall.Privileged;
import mydocker.syscall.TestCgroups;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Docker (Debian's dockerd 20.10 and its {@code docker} CLI) runs
 * containers with this runtime, {@code --add-runtime mydocker=…/mydocker-runc}
 * as a daemon.json runtime, and {@code docker run --runtime mydocker}: the
 * daemon has its own data and exec roots and socket, no iptables and no
 * bridge, cgroupfs, and the test's cgroup parent, so it touches nothing of
 * the host's; busybox comes from chapter 4's `save` through `docker load`.
 */
@Privileged
class DockerIT {
    private static final Path RUNTIME = EngineCli.RUNTIME;
    private static final Path DOCKER = Path.of("/usr/bin/docker");
    /**
     * What dockerd and the containerd it starts make outside their roots whatever the flags say
     * (/opt/containerd: containerd's opt plugin); removed after if the test made them.
     */
    private static final List<Path> HOST_PATHS = List.of(
            Path.of("/etc/docker/key.json"),
            Path.of("/run/docker"),
            Path.of("/run/containerd"),
            Path.of("/opt/containerd"));

    @TempDir
    static Path dir;

    private static Process dockerd;
    private static final List<Path> made = new ArrayList<>();

    @BeforeAll
    static void dockerdWithBusybox() throws Exception {
        assertTrue(
                Files.isExecutable(Path.of("/usr/sbin/dockerd")) && Files.isExecutable(DOCKER),
                "dockerd is missing: run ./scripts/install-deps.sh (it installs Debian's docker.io)");
        made.addAll(EngineCli.missing(HOST_PATHS));
        Files.writeString(
                dir.resolve("daemon.json"), "{\"runtimes\": {\"mydocker\": {\"path\": \"" + RUNTIME + "\"}}}");
        dockerd = new ProcessBuilder(
                        "/usr/sbin/dockerd",
                        "--data-root",
                        dir.resolve("data").toString(),
                        "--exec-root",
                        dir.resolve("exec").toString(),
                        "--pidfile",
                        dir.resolve("dockerd.pid").toString(),
                        "-H",
                        "unix://" + socket(),
                        "--iptables=false",
                        // dockerd turns the host's IP forwarding on for its bridges even with none:
                        // this one has no network to forward for, and leaves the host's setting alone.
                        "--ip-forward=false",
                        "--ip6tables=false",
                        "--bridge=none",
                        "--exec-opt",
                        "native.cgroupdriver=cgroupfs",
                        "--cgroup-parent",
                        TestCgroups.PARENT,
                        "--config-file",
                        dir.resolve("daemon.json").toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("dockerd.log").toFile())
                .start();
        Poll.until("dockerd serves", () -> docker("version").exitCode() == 0);
        Path image = EngineCli.savedBusybox(dir);
        ok("load", "-i", image.toString());
    }

    @AfterAll
    static void stopDockerdAndLeaveNothing() throws Exception {
        if (dockerd != null) {
            List<String> left = docker("ps", "-aq").stdout().lines().toList();
            if (!left.isEmpty()) {
                List<String> rm = new ArrayList<>(List.of("rm", "-f"));
                rm.addAll(left);
                docker(rm.toArray(String[]::new));
            }
            dockerd.destroy();
            if (!dockerd.waitFor(30, TimeUnit.SECONDS)) {
                dockerd.destroyForcibly().waitFor();
            }
        }
        EngineCli.leaveHostAsFound(dir, made);
        assertEquals(List.of(), TestCgroups.left(), "cgroups left");
    }

    private static String socket() {
        return dir.resolve("docker.sock").toString();
    }

    private static EngineCli cli() {
        return new EngineCli(List.of(DOCKER.toString(), "-H", "unix://" + socket()));
    }

    private static Result docker(String... args) {
        return cli().run(args);
    }

    private static Result ok(String... args) {
        return cli().ok(args);
    }

    /** This engine's own command line, on the root whose busybox dockerd loaded. */
    private static Result ours(String... args) {
        return ChapterProgram.ok(
                Main.class,
                Map.of(
                        "MYDOCKER_ROOT", dir.resolve("md-root").toString(),
                        "MYDOCKER_EXEC_ROOT", dir.resolve("md-exec").toString()),
                args);
    }

    /**
     * Issue 18's round trips through a registry (Debian's, on 127.0.0.1, which
     * dockerd treats as plain HTTP as we do): what this engine pushes, Docker
     * pulls and runs; what Docker pushes (its own gzip layers), this engine
     * pulls and runs — the same image ID all the way.
     */
    @Test
    void imagesGoBothWaysBetweenDockerAndThisEngineThroughARegistry() throws Exception {
        try (TestRegistry registry = TestRegistry.start(dir.resolve("registry"))) {
            String id =
                    ours("inspect", "--format", "{{.Id}}", "busybox").stdout().strip();
            String pushedByUs = registry.host() + "/ours/busybox:1";
            ours("tag", "busybox", pushedByUs);
            ours("push", pushedByUs);
            ok("pull", pushedByUs);
            assertEquals(
                    id + "\n",
                    ok("image", "inspect", "--format", "{{.Id}}", pushedByUs).stdout());
            assertEquals(
                    "hi\n",
                    ok("run", "--runtime", "mydocker", "--rm", pushedByUs, "echo", "hi")
                            .stdout());

            String pushedByDocker = registry.host() + "/docker/busybox:2";
            ok("tag", "busybox", pushedByDocker);
            ok("push", pushedByDocker);
            ours("pull", pushedByDocker);
            assertEquals(
                    id + "\n",
                    ours("inspect", "--format", "{{.Id}}", pushedByDocker).stdout());
            assertEquals(
                    "hi\n", ours("run", "--rm", pushedByDocker, "echo", "hi").stdout());
        }
    }

    /** Issue 16's first promise: {@code docker run --runtime mydocker --rm busybox echo hi} prints hi; exit codes pass. */
    @Test
    void dockerRunThroughThisRuntime() {
        assertEquals(
                "hi\n",
                ok("run", "--runtime", "mydocker", "--rm", "busybox", "echo", "hi")
                        .stdout());
        Result exit = docker("run", "--runtime", "mydocker", "--rm", "busybox", "sh", "-c", "exit 7");
        assertEquals(7, exit.exitCode(), exit::toString);
    }

    /**
     * {@code docker run -it} in a terminal: dockerd's containerd shim gives the
     * runtime a console socket, gets the container's pty master, and relays
     * the user's terminal to it; what is typed reaches the container's shell.
     */
    @Test
    void dockerRunItGivesTheContainerATerminal() {
        Result session = cli().inTerminal(
                        "tty; echo $((6*7)); exit 3\n", "run", "-it", "--runtime", "mydocker", "--rm", "busybox", "sh");
        assertEquals(3, session.exitCode(), session::toString);
        assertTrue(session.stdout().contains("/dev/pts/0\r\n42\r\n"), session::toString);
    }

    /** A detached container: logs, exec in it, stop (SIGKILL after the timeout: 137), rm; and rm -f of a running one. */
    @Test
    void detachedLogsExecStopAndRm() {
        ok(
                "run",
                "--runtime",
                "mydocker",
                "-d",
                "--name",
                "web",
                "busybox",
                "sh",
                "-c",
                "echo started; exec sleep 300");
        Poll.until("it logged", () -> docker("logs", "web").stdout().equals("started\n"));
        assertEquals(
                "pid1=sleep\n",
                ok("exec", "web", "sh", "-c", "echo pid1=$(cat /proc/1/comm)").stdout());
        ok("stop", "-t", "1", "web");
        assertTrue(
                ok("ps", "-a", "--format", "{{.Names}} {{.Status}}").stdout().contains("web Exited (137)"),
                () -> docker("ps", "-a").stdout());
        ok("rm", "web");
        ok("run", "--runtime", "mydocker", "-d", "--name", "web2", "busybox", "sleep", "300");
        ok("rm", "-f", "web2");
        assertEquals("", ok("ps", "-aq").stdout());
    }
}
