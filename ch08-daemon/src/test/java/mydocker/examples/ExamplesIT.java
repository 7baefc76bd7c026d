package mydocker.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import mydocker.ch08.Main;
import mydocker.syscall.ChapterProgram;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Host;
import mydocker.syscall.Mydocker;
import mydocker.syscall.Privileged;
import mydocker.syscall.RestoresIpForward;
import mydocker.syscall.TestCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Book 7.1 and 7.2 as a reader runs them: each example's run.sh, from the
 * project's root, through the launcher (build, network, run, the host
 * fetching through -p), then its --clean. The Debian root filesystem they are
 * built FROM is made beforehand by {@code scripts/base-images.sh --fetch-only}
 * (scripts/test.sh does, with the OS packages): a test reaches no mirror.
 */
@Privileged
@ExtendWith(RestoresIpForward.class)
class ExamplesIT {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final long TIMEOUT_SECONDS = 900;

    /** Each process's user and command: the example's README has the same line (the image has no ps). */
    private static final String PROCESSES = "for p in /proc/[0-9]*; do echo \"$(stat -c %U $p) $(cat $p/comm)\"; done";

    /** One root for both: the second example finds the base images the first imported. */
    @RegisterExtension
    static final Mydocker mydocker = Mydocker.of(Main.class);

    @BeforeAll
    static void theBaseRootFilesystemIsMade() throws Exception {
        String tar = script(List.of("scripts/base-images.sh", "--print-tar"), 0)
                .stdout()
                .strip();
        assertTrue(
                Files.isRegularFile(Path.of(tar)),
                tar + " is missing: run `sudo scripts/base-images.sh --fetch-only` first (scripts/test.sh does)");
    }

    @AfterEach
    void nothingIsLeft() throws Exception {
        assertEquals(List.of(), TestCgroups.left(), "cgroups left");
        String links = Host.run("ip", "-o", "link");
        assertFalse(links.contains("mdbr") || links.contains("mdv") || links.contains("mdp"), links);
        assertFalse(Host.run("iptables", "-w", "-t", "nat", "-S").contains("mydocker:"), "a NAT rule is left");
        try (Stream<Path> dirs = Files.list(mydocker.dataRoot().resolve("containers"))) {
            assertEquals(
                    List.of(),
                    dirs.filter(d -> !d.getFileName().toString().startsWith("."))
                            .toList());
        }
    }

    @Test
    void nginxAnswersTheHostThroughItsPublishedPort() throws Exception {
        String example = "examples/nginx/run.sh";
        try {
            Result run = script(List.of(example), freePort());
            assertTrue(run.stdout().contains("Hello from nginx in a mydocker container (book 7.1)."), run::toString);
            assertTrue(run.stdout().contains("Successfully tagged mydocker-nginx"), run::toString);
            Result ps = mydocker.ok("exec", "nginx", "sh", "-c", PROCESSES);
            assertTrue(ps.stdout().contains("root nginx\n"), "the master as root: " + ps);
            assertTrue(ps.stdout().contains("www-data nginx\n"), "its workers as www-data: " + ps);
        } finally {
            script(List.of(example, "--clean"), 0);
        }
    }

    @Test
    void theCounterCountsFromTheHostAndFlaskFindsRedisByName() throws Exception {
        String example = "examples/flask-redis/run.sh";
        try {
            Result run = script(List.of(example), freePort());
            List<String> visits = run.stdout()
                    .lines()
                    .filter(l -> l.startsWith("Hello from flask"))
                    .toList();
            assertEquals(
                    List.of(
                            "Hello from flask in mydocker! I have been seen 1 times.",
                            "Hello from flask in mydocker! I have been seen 2 times.",
                            "Hello from flask in mydocker! I have been seen 3 times."),
                    visits,
                    run::toString);
            String hosts =
                    mydocker.ok("exec", "counter-web", "cat", "/etc/hosts").stdout();
            assertTrue(hosts.lines().anyMatch(l -> l.matches("172\\.31\\.72\\.\\d+\tredis .*")), hosts);
        } finally {
            script(List.of(example, "--clean"), 0);
        }
    }

    /** {@code command} from the project's root, with this test's roots (and {@code port} as PORT unless 0); must succeed. */
    private static Result script(List<String> command, int port) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(mydocker.env());
        builder.environment().put(TestCgroups.ENV, TestCgroups.PARENT);
        builder.environment().remove("MYDOCKER_CHAPTER");
        if (port != 0) {
            builder.environment().put("PORT", Integer.toString(port));
        }
        Result r = ChapterProgram.finish(builder.start(), TIMEOUT_SECONDS, command.toArray(String[]::new));
        assertEquals(0, r.exitCode(), () -> String.join(" ", command) + "\n" + r);
        return r;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
