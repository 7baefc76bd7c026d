package mydocker.ch08;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mydocker.syscall.ChapterProgram;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Mydocker;
import mydocker.syscall.Poll;
import mydocker.syscall.Privileged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Chapter 8's daemon, driven by Docker's own command line: the docker CLI 28
 * (/usr/local/bin/docker, API 1.50, negotiating down to ours) and Debian's
 * docker.io CLI 20.10 (/usr/bin/docker) against {@code mydocker daemon} on
 * the test's own socket and state directories. The containers are made by
 * the daemonless CLI in the same state: one engine, two ways in.
 */
@Privileged
class DaemonIT {
    private static final List<String> CLIS = List.of("/usr/local/bin/docker", "/usr/bin/docker");

    @RegisterExtension
    static final Mydocker mydocker = Mydocker.of(Main.class);

    private final List<Process> daemons = new ArrayList<>();

    @AfterEach
    void stopDaemonsAndContainers() throws Exception {
        for (Process daemon : daemons) {
            daemon.destroyForcibly().waitFor();
        }
        mydocker.run("rm", "-f", "web", "done", "attached");
    }

    private Path socket() {
        return mydocker.execRoot().resolve("mydocker.sock");
    }

    private Process startDaemon() {
        Process daemon = mydocker.start("daemon");
        daemons.add(daemon);
        Poll.until(
                "the daemon serves",
                () -> !daemon.isAlive() || docker(CLIS.get(0), "version").exitCode() == 0);
        assertTrue(daemon.isAlive(), () -> "the daemon exited: " + ChapterProgram.finish(daemon));
        return daemon;
    }

    private Result docker(String cli, String... args) {
        List<String> command = new ArrayList<>(List.of(cli, "-H", "unix://" + socket()));
        command.addAll(List.of(args));
        try {
            ProcessBuilder pb =
                    new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment()
                    .put(
                            "DOCKER_CONFIG",
                            mydocker.execRoot().resolve("docker-config").toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            String err = new String(p.getErrorStream().readAllBytes());
            return new Result(p.waitFor(), out, err);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private Result dockerOk(String cli, String... args) {
        Result r = docker(cli, args);
        assertEquals(0, r.exitCode(), () -> cli + " " + String.join(" ", args) + ":\n" + r);
        return r;
    }

    @Test
    void dockersOwnClisListTheEnginesContainersAndImages() {
        mydocker.ok("run", "-d", "--name", "web", "busybox", "sleep", "300");
        mydocker.ok("run", "--name", "done", "busybox", "true");
        startDaemon();
        for (String cli : CLIS) {
            String version = dockerOk(cli, "version").stdout();
            assertTrue(version.contains("Server: mydocker in Java (chapter 8)"), version);
            assertTrue(version.matches("(?s).*API version:\\s+1\\.43 \\(minimum version 1\\.24\\).*"), version);
            assertEquals(
                    "web Up\n",
                    dockerOk(cli, "ps", "--format", "{{.Names}} {{.Status}}")
                            .stdout()
                            .replaceAll(" Up .*", " Up"));
            assertEquals(
                    List.of("done Exited (0)", "web Up"),
                    dockerOk(cli, "ps", "-a", "--format", "{{.Names}} {{.Status}}")
                            .stdout()
                            .lines()
                            .map(l -> l.replaceAll("(Exited \\(0\\)|Up) .*", "$1"))
                            .toList());
            assertEquals(
                    "busybox:latest\n",
                    dockerOk(cli, "images", "--format", "{{.Repository}}:{{.Tag}}")
                            .stdout());
            assertEquals(
                    "2 1 1 1\n",
                    dockerOk(
                                    cli,
                                    "info",
                                    "--format",
                                    "{{.Containers}} {{.ContainersRunning}} {{.ContainersStopped}}" + " {{.Images}}")
                            .stdout());
        }
        // attach, which an attached run needs, is not served yet: the CLI names the 501 it got.
        Result run = docker(CLIS.get(0), "run", "--name", "attached", "busybox", "true");
        assertTrue(run.stderr().contains("received 501"), run::toString);
    }

    /** docker stop, start and rm act on the engine's containers through the daemon, with Docker's answers. */
    @Test
    void dockerStopsStartsAndRemovesTheEnginesContainers() {
        mydocker.ok("run", "-d", "--name", "web", "busybox", "sleep", "300");
        startDaemon();
        String cli = CLIS.get(0);
        Result running = docker(cli, "rm", "web");
        assertEquals(1, running.exitCode(), running::toString);
        assertTrue(running.stderr().contains("cannot remove a running container"), running::toString); // 409
        assertEquals("web\n", dockerOk(cli, "stop", "-t", "1", "web").stdout());
        assertTrue(mydocker.ok("ps", "-a").stdout().matches("(?s).*Exited \\(137\\).*web.*"), "SIGKILL after 1 s");
        assertEquals("web\n", dockerOk(cli, "stop", "web").stdout(), "stopping a stopped one is no error (304)");
        dockerOk(cli, "start", "web");
        assertTrue(mydocker.ok("ps").stdout().contains(" web"), "runs again");
        assertEquals(
                "/web running true busybox [sleep 300]\n",
                dockerOk(
                                cli,
                                "inspect",
                                "--format",
                                "{{.Name}} {{.State.Status}} {{.State.Running}} {{.Config.Image}}" + " {{.Config.Cmd}}",
                                "web")
                        .stdout());
        mydocker.ok("run", "-d", "--name", "done", "busybox", "sh", "-c", "echo one; sleep 1; echo two; exit 7");
        // docker logs -f: what it printed, until it ends; then docker wait: its exit code.
        assertEquals("one\ntwo\n", dockerOk(cli, "logs", "-f", "done").stdout());
        assertEquals("7\n", dockerOk(cli, "wait", "done").stdout(), "docker wait: once it ends, its exit code");
        assertEquals("two\n", dockerOk(cli, "logs", "--tail", "1", "done").stdout());
        Result badTail = docker(cli, "logs", "--tail", "x", "done");
        assertTrue(badTail.stderr().contains("invalid tail"), badTail::toString);
        assertEquals("web\n", dockerOk(cli, "rm", "-f", "web").stdout());
        dockerOk(cli, "rm", "done");
        assertEquals("", mydocker.ok("ps", "-a", "-q").stdout());
        Result none = docker(cli, "stop", "nosuch");
        assertEquals(1, none.exitCode(), none::toString);
        assertTrue(none.stderr().contains("No such container: nosuch"), none::toString);
        Result badTime = docker(cli, "stop", "-t", "-5", "nosuch");
        assertEquals(1, badTime.exitCode(), badTime::toString);
    }

    /** docker run -d and docker create + start make containers through the daemon, with run's own checks. */
    @Test
    void dockerRunDetachedAndCreateThenStartMakeTheEnginesContainers() {
        startDaemon();
        String cli = CLIS.get(0);
        String id = dockerOk(cli, "run", "-d", "--name", "web", "-e", "A=--privileged", "busybox", "sleep", "300")
                .stdout()
                .strip();
        assertTrue(id.matches("[0-9a-f]{64}"), id);
        assertTrue(mydocker.ok("ps").stdout().contains(" web"), "the daemonless CLI sees it run");
        assertTrue(
                dockerOk(cli, "inspect", "--format", "{{.Config.Env}}", "web")
                        .stdout()
                        .contains("A=--privileged"),
                "a value that looks like a flag stays a value");
        dockerOk(cli, "create", "--name", "done", "busybox", "sh", "-c", "echo made");
        assertTrue(dockerOk(cli, "ps", "-a", "--format", "{{.Names}} {{.Status}}")
                .stdout()
                .contains("done Created"));
        dockerOk(cli, "start", "done");
        assertEquals("0\n", dockerOk(cli, "wait", "done").stdout());
        assertEquals("made\n", dockerOk(cli, "logs", "done").stdout());
        Result host = docker(cli, "run", "-d", "--pid", "host", "busybox", "true");
        assertTrue(host.stderr().contains("HostConfig.PidMode is not supported"), host::toString);
        Result ports = docker(cli, "run", "-d", "-p", "8080:80", "busybox", "true");
        assertTrue(ports.stderr().contains("-p needs a network"), ports::toString); // run's own rule
        assertEquals(2, mydocker.ok("ps", "-a", "-q").stdout().lines().count(), "the refused ones left nothing");
    }

    @Test
    void theSocketIsRootsAndOneDaemonServesAState() throws Exception {
        // -H names a path: whatever is there and is not a socket stays as it was.
        Path file = Files.writeString(mydocker.execRoot().resolve("not-a-socket"), "keep me");
        Result onAFile = mydocker.run("daemon", "-H", "unix://" + file);
        assertEquals(125, onAFile.exitCode(), onAFile::toString);
        assertTrue(onAFile.stderr().contains("is not a socket"), onAFile::toString);
        assertEquals("keep me", Files.readString(file));

        Process daemon = startDaemon();
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket())));
        assertEquals("root", Files.getOwner(socket()).getName());

        Result second =
                mydocker.run("daemon", "-H", "unix://" + mydocker.execRoot().resolve("other.sock"));
        assertEquals(125, second.exitCode(), second::toString);
        assertTrue(second.stderr().contains("another mydocker daemon serves"), second::toString);
        assertEquals(1, second.stderr().lines().count(), second::toString);

        Result tcp = mydocker.run("daemon", "-H", "tcp://0.0.0.0:2375");
        assertEquals(125, tcp.exitCode(), tcp::toString);
        assertTrue(tcp.stderr().contains("give a Unix socket"), tcp::toString);

        // SIGTERM: the daemon goes, its socket with it; a container it did not start keeps running.
        mydocker.ok("run", "-d", "--name", "web", "busybox", "sleep", "300");
        daemon.destroy();
        assertTrue(daemon.waitFor(30, TimeUnit.SECONDS), "the daemon ends on SIGTERM");
        assertEquals(0, daemon.exitValue());
        assertFalse(Files.exists(socket()), "the socket is removed");
        assertTrue(mydocker.ok("ps").stdout().contains(" web"), "web still runs");

        // kill -9 leaves its socket behind: the next daemon replaces it and finds the container.
        Process killed = startDaemon();
        killed.destroyForcibly().waitFor();
        assertTrue(Files.exists(socket()), "a killed daemon's socket stays");
        startDaemon();
        assertEquals(
                "web\n", dockerOk(CLIS.get(0), "ps", "--format", "{{.Names}}").stdout());
    }

    @Test
    void badRequestsAreAnsweredAndTheDaemonServesOn() throws Exception {
        startDaemon();
        assertTrue(raw("BLAH\r\n\r\n").startsWith("HTTP/1.1 400"), "garbage is a bad request");
        assertTrue(
                raw("GET /_ping HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n")
                        .startsWith("HTTP/1.1 4"),
                "headers over 16 KiB are refused");
        assertTrue(
                raw("POST /containers/create HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n")
                        .startsWith("HTTP/1.1 413"),
                "a body over 1 MiB is refused before it is read");
        String unknown = raw("GET /no/such/thing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(unknown.startsWith("HTTP/1.1 404") && unknown.contains("{\"message\":\"page not found\"}"), unknown);
        String tooNew = raw("GET /v1.99/version HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(tooNew.startsWith("HTTP/1.1 400") && tooNew.contains("is too new"), tooNew);
        String badFlag = raw("GET /containers/json?all=maybe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(badFlag.startsWith("HTTP/1.1 400") && badFlag.contains("invalid value for all"), badFlag);

        // A client that sends half a request and waits holds no one else up.
        try (SocketChannel slow = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            slow.connect(UnixDomainSocketAddress.of(socket()));
            slow.write(ByteBuffer.wrap("GET /_ping HTTP/1.1\r\nHost:".getBytes(StandardCharsets.US_ASCII)));
            dockerOk(CLIS.get(0), "ps");
        }
        dockerOk(CLIS.get(0), "version");
    }

    /** Sends {@code request} on a connection of its own; what the daemon answered, whole or within 5 s. */
    private String raw(String request) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                Selector selector = Selector.open()) {
            ch.connect(UnixDomainSocketAddress.of(socket()));
            ch.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            ch.configureBlocking(false);
            ch.register(selector, SelectionKey.OP_READ);
            ByteBuffer buf = ByteBuffer.allocate(65536);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline && !complete(new String(buf.array(), 0, buf.position()))) {
                selector.select(100);
                selector.selectedKeys().clear();
                if (ch.read(buf) < 0) {
                    break;
                }
            }
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        }
    }

    /** Whether a response's body has arrived as far as its Content-Length says. */
    private static boolean complete(String response) {
        int headersEnd = response.indexOf("\r\n\r\n");
        if (headersEnd < 0) {
            return false;
        }
        var m = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(response);
        return m.find() && response.length() - headersEnd - 4 >= Integer.parseInt(m.group(1));
    }
}
