package mydocker.ch07.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mydocker.ch04.image.Trees;
import mydocker.ch07.Main;
import mydocker.syscall.ChapterProgram;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Host;
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
    private static final Path RUNTIME = Path.of("").toAbsolutePath().getParent().resolve("mydocker-runc");
    private static final Path DOCKER = Path.of("/usr/bin/docker");
    /** What dockerd makes outside its roots whatever its flags say; removed after if the test made them. */
    private static final List<Path> HOST_PATHS =
            List.of(Path.of("/etc/docker/key.json"), Path.of("/run/docker"), Path.of("/run/containerd"));

    @TempDir
    static Path dir;

    private static Process dockerd;
    private static final List<Path> made = new ArrayList<>();

    @BeforeAll
    static void dockerdWithBusybox() throws Exception {
        assertTrue(
                Files.isExecutable(Path.of("/usr/sbin/dockerd")) && Files.isExecutable(DOCKER),
                "dockerd is missing: run ./scripts/install-deps.sh (it installs Debian's docker.io)");
        HOST_PATHS.stream().filter(p -> !Files.exists(p)).forEach(made::add);
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
        Path image = dir.resolve("busybox.tar");
        ChapterProgram.ok(
                Main.class,
                Map.of(
                        "MYDOCKER_ROOT", dir.resolve("md-root").toString(),
                        "MYDOCKER_EXEC_ROOT", dir.resolve("md-exec").toString()),
                "save",
                "-o",
                image.toString(),
                "busybox");
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
        Host.run("sh", "-c", "grep -o ' " + dir + "[^ ]*' /proc/self/mountinfo | sort -r | xargs -r -n1 umount -l");
        for (Path p : made) {
            Trees.delete(p);
        }
        assertEquals(List.of(), TestCgroups.left(), "cgroups left");
    }

    private static String socket() {
        return dir.resolve("docker.sock").toString();
    }

    private static Result docker(String... args) {
        List<String> all = new ArrayList<>(List.of(DOCKER.toString(), "-H", "unix://" + socket()));
        all.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(all)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            String out = new String(p.getInputStream().readAllBytes());
            String err = new String(p.getErrorStream().readAllBytes());
            p.waitFor();
            return new Result(p.exitValue(), out, err);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Result ok(String... args) {
        Result r = docker(args);
        if (r.exitCode() != 0) {
            throw new AssertionError("docker " + String.join(" ", args) + " failed:\n" + r);
        }
        return r;
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
