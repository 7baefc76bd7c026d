package mydocker.ch07.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mydocker.ch04.image.Json;
import mydocker.ch07.Runc;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Poll;
import mydocker.syscall.Privileged;
import mydocker.syscall.ScmRights;
import mydocker.syscall.SelfExec;
import mydocker.syscall.Syscall;
import mydocker.syscall.TestCgroups;
import mydocker.syscall.UnixSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container's terminal through the console socket, as an engine asks runc
 * for one (book 7.4): the test listens on a socket, as containerd's shim or
 * conmon does, gets the pty master the runtime sends, types into it and reads
 * the container's answer. The exit code comes from chapter 5's
 * {@code mydocker-shim}, the supervisor the runtime leaves the process to.
 */
@Privileged
class RuntimeTerminalIT {
    private static final String SESSION = "tty; echo $((6*7)); exit 5";

    @TempDir
    Path dir;

    private Path bundle;
    private RuncProgram runc;

    @BeforeEach
    void aBusyboxBundle() throws IOException {
        runc = RuncProgram.withBusyboxBundle(dir, "sh", "echo", "tty", "sleep", "ls");
        bundle = dir.resolve("bundle");
    }

    @AfterEach
    void nothingIsLeft() throws IOException {
        runc.deleteAll();
        assertEquals(List.of(), TestCgroups.left(), "cgroups left");
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(dir.toString()), "a mount is left");
    }

    /** config.json with {@code args} and {@code terminal}, in a cgroup under the test's own parent. */
    private void config(boolean terminal, String... args) throws IOException {
        ObjectNode config =
                (ObjectNode) Json.MAPPER.readTree(bundle.resolve("config.json").toFile());
        ObjectNode process = (ObjectNode) config.get("process");
        process.put("terminal", terminal);
        ArrayNode argv = process.putArray("args");
        List.of(args).forEach(argv::add);
        ((ObjectNode) config.get("linux"))
                .put("cgroupsPath", "/" + TestCgroups.PARENT + "/" + "c-" + dir.getFileName());
        Files.write(bundle.resolve("config.json"), Json.MAPPER.writeValueAsBytes(config));
    }

    @Test
    void createWithAConsoleSocketGivesTheCallerTheContainersTerminal() throws Exception {
        config(true, "sh");
        Path shimState = Files.createDirectories(dir.resolve("shim-c1"));
        try (ConsoleReceiver console = new ConsoleReceiver(dir.resolve("console.sock"))) {
            Process shim = underShim(
                    shimState,
                    "create",
                    "--bundle",
                    bundle.toString(),
                    "--pid-file",
                    shimState.resolve("init.pid").toString(),
                    "--console-socket",
                    console.path().toString(),
                    "c1");
            ScmRights.Received master = console.master(() -> !shim.isAlive());
            assertEquals("/dev/ptmx", master.payload(), "runc's payload");
            assertEquals("created", status("c1"), "the master comes during create");
            runc.ok("start", "c1");
            Path init = Path.of("/proc/" + Files.readString(shimState.resolve("init.pid")));
            Poll.until("the shell runs", () -> runsBusybox(init));
            List<String> open = openFiles(init);
            assertTrue(
                    open.stream().noneMatch(f -> f.startsWith("socket:") || f.endsWith("ptmx")),
                    "socket and master closed in the container: " + open);
            console.type(SESSION);
            String shown = console.readToEnd();
            assertTrue(shown.contains("/dev/pts/0\r\n42\r\n"), "tty and the answer: " + shown);
            assertEquals(5, exitCode(shim, shimState), "the shell's exit code");
        }
    }

    @Test
    void execWithATerminalGetsAPtyOfTheContainersDevpts() throws Exception {
        config(false, "sleep", "300");
        runc.ok("create", "--bundle", bundle.toString(), "c2");
        runc.ok("start", "c2");
        Path shimState = Files.createDirectories(dir.resolve("shim-exec"));
        try (ConsoleReceiver console = new ConsoleReceiver(dir.resolve("exec.sock"))) {
            Process shim = underShim(
                    shimState,
                    "exec",
                    "--detach",
                    "--tty",
                    "--console-socket",
                    console.path().toString(),
                    "--pid-file",
                    shimState.resolve("init.pid").toString(),
                    "c2",
                    "sh");
            assertEquals("/dev/ptmx", console.master(() -> !shim.isAlive()).payload());
            console.type(SESSION);
            String shown = console.readToEnd();
            assertTrue(shown.contains("/dev/pts/0\r\n42\r\n"), "tty and the answer: " + shown);
            assertEquals(5, exitCode(shim, shimState), "the exec'd shell's exit code");
        }
        runc.ok("kill", "c2", "KILL");
    }

    @Test
    void aTerminalAndAConsoleSocketGoTogetherAsRuncSays() throws Exception {
        config(true, "sh");
        refused(
                "cannot allocate tty if runc will detach without setting console socket",
                "create",
                "--bundle",
                bundle.toString(),
                "c3");
        config(false, "sh");
        Path socket = dir.resolve("unused.sock");
        Syscall.close(UnixSocket.listen(socket));
        refused(
                "cannot use console socket if runc will not detach or allocate tty",
                "create",
                "--bundle",
                bundle.toString(),
                "--console-socket",
                socket.toString(),
                "c3");
    }

    @Test
    void aConsoleSocketThatIsNoListeningSocketFailsTheCreateLeavingNothing() throws Exception {
        config(true, "sh");
        Path file = Files.writeString(dir.resolve("not-a-socket"), "");
        Path closed = dir.resolve("closed.sock");
        Syscall.close(UnixSocket.listen(closed));
        for (Path socket : List.of(file, closed, dir.resolve("missing.sock"))) {
            Result r = refused(
                    "--console-socket " + socket + ": connect(",
                    "create",
                    "--bundle",
                    bundle.toString(),
                    "--console-socket",
                    socket.toString(),
                    "c4");
            assertEquals(1, r.stderr().lines().count(), "one line: " + r.stderr());
            assertTrue(r.stderr().contains("it must be a Unix socket the caller listens on"), r::toString);
        }
    }

    @Test
    void execWithATerminalNeedsDetachAndASocket() throws Exception {
        config(false, "sleep", "300");
        runc.ok("create", "--bundle", bundle.toString(), "c5");
        runc.ok("start", "c5");
        refused(
                "a terminal relayed by the runtime itself is not supported: use --detach with --console-socket",
                "exec",
                "--tty",
                "c5",
                "sh");
        refused(
                "cannot allocate tty if runc will detach without setting console socket",
                "exec",
                "--tty",
                "--detach",
                "c5",
                "sh");
        runc.ok("kill", "c5", "KILL");
    }

    /** The command fails with {@code message} on stderr, and no container is left by that name. */
    private Result refused(String message, String... args) {
        Result r = runc.run(args);
        assertNotEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains(message), r::toString);
        String id = args[args.length - 1].equals("sh") ? null : args[args.length - 1];
        if (id != null) {
            assertFalse(Files.exists(runc.root().resolve(id)), "no state left: " + r);
        }
        return r;
    }

    private String status(String id) throws IOException {
        return Json.MAPPER.readTree(runc.ok("state", id).stdout()).get("status").asText();
    }

    /** True once the process has execve'd busybox (before that it is init's JVM, its jars open). */
    private static boolean runsBusybox(Path proc) {
        try {
            return Files.readSymbolicLink(proc.resolve("exe")).toString().endsWith("busybox");
        } catch (IOException e) {
            return false;
        }
    }

    /** What the process's descriptors are open on, as /proc/PID/fd names them. */
    private static List<String> openFiles(Path proc) throws IOException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
            for (Path fd : fds.toList()) {
                files.add(Files.readSymbolicLink(fd).toString());
            }
        }
        return files;
    }

    /**
     * {@code mydocker-runc ARGS} as chapter 5's shim's starter: the shim, a
     * subreaper, inherits the process the runtime leaves behind (named in
     * STATE/init.pid) and records how it ended in STATE/exit.json.
     */
    private Process underShim(Path state, String... args) throws IOException {
        Path shim = dir.resolve("mydocker-shim");
        if (!Files.exists(shim)) {
            try (InputStream in = mydocker.ch05.Engine.class.getResourceAsStream("mydocker-shim")) {
                Files.copy(in, shim);
            }
            Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwx------"));
        }
        List<String> command = new ArrayList<>(List.of(shim.toString(), state.toString(), "true", "--"));
        List<String> runcArgs = new ArrayList<>(List.of("--root", runc.root().toString()));
        runcArgs.addAll(List.of(args));
        command.addAll(SelfExec.command(Runc.class, runcArgs.toArray(String[]::new)));
        return new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(state.resolve("shim.out").toFile())
                .redirectError(state.resolve("shim.err").toFile())
                .start();
    }

    private static int exitCode(Process shim, Path state) throws Exception {
        if (!shim.waitFor(60, TimeUnit.SECONDS)) {
            shim.destroyForcibly().waitFor();
            throw new AssertionError("the shim did not end");
        }
        Path exit = state.resolve("exit.json");
        Poll.until("exit.json", () -> Files.exists(exit));
        return Json.MAPPER.readTree(exit.toFile()).get("exitCode").asInt();
    }
}
