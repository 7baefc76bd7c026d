package mydocker.ch05;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Mydocker;
import mydocker.syscall.Privileged;
import mydocker.syscall.TestCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * `kill -9` of the CLI at random moments of `run -d`, `stop`, `start` and
 * `rm -f`: afterwards every command works, `ps -a` tells the truth (no broken
 * file, nothing Up whose process is gone), and `rm -f` of everything leaves
 * nothing: no directory, lock, cgroup, shim or container process.
 */
@Privileged
class KilledCliIT {
    @RegisterExtension
    final TestEngine engine = Mydocker.of(Main.class, TestEngine::new);

    private final Set<String> made = new TreeSet<>();
    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);

    @BeforeEach
    void busybox() {
        engine.ok("run", "--rm", "busybox", "true"); // the image, made once
    }

    @AfterEach
    void nothingIsLeft() {
        assertEquals(List.of(), engine.removeAllAndListLeftovers(made), "seed " + seed);
    }

    @Test
    void afterKillsAtRandomMomentsEverythingIsTrueAndRemovable() throws Exception {
        for (int i = 0; i < 5; i++) {
            killAtRandom(1600, "run", "-d", "busybox", "sleep", "300");
        }
        String a = engine.ok("run", "-d", "--name", "a", "busybox", "sleep", "300")
                .stdout()
                .strip();
        String b = engine.ok("run", "-d", "--name", "b", "busybox", "sleep", "300")
                .stdout()
                .strip();
        made.addAll(List.of(a, b));
        killAtRandom(1200, "stop", "-t", "0", "a");
        engine.ok("stop", "-t", "0", "a");
        killAtRandom(1600, "start", "a");
        killAtRandom(1200, "rm", "-f", "b");
        killAtRandom(1200, "rm", "-f", "a");
        Thread.sleep(2500); // a second JVM whose CLI was killed finishes its start on its own
        made.addAll(engine.containerIds());

        Result ps = engine.ok("ps", "-a");
        assertEquals("", ps.stderr(), "seed " + seed);
        for (String row : ps.stdout().lines().skip(1).toList()) {
            if (row.contains(" Up ")) {
                Path state = engine.dataRoot()
                        .resolve("containers")
                        .resolve(fullId(row.substring(0, 12)))
                        .resolve("state.json");
                String pid = Files.readString(state).replaceAll(".*\"pid\":(\\d+).*", "$1");
                assertTrue(
                        Files.exists(Path.of("/proc/" + pid)),
                        "Up, but its process is gone: " + row + " (seed " + seed + ")");
            }
        }
        String next = engine.ok("run", "-d", "--name", "next", "busybox", "sleep", "300")
                .stdout()
                .strip();
        made.add(next);
        assertTrue(engine.ok("ps").stdout().contains("next"));
    }

    /**
     * Exactly what a kill leaves at each step of `run -d` and `rm`: a
     * half-made directory, a half-removed one, a start lock whose container
     * is gone, a half-copied shim, and (as an `rm` killed while deleting
     * files used to leave) a container directory without its config.json. The next commands see
     * each one as it is and remove it.
     */
    @Test
    void whatAKilledCommandLeavesIsSeenAndSwept() throws Exception {
        Path containers = Files.createDirectories(engine.dataRoot().resolve("containers"));
        String halfMade = "1".repeat(64);
        String halfRemoved = "2".repeat(64);
        String lockOnly = "3".repeat(64);
        String noConfig = "4".repeat(64);
        made.addAll(List.of(halfMade, halfRemoved, lockOnly, noConfig));
        Files.createDirectories(containers.resolve(".new-" + halfMade));
        Files.writeString(containers.resolve(".new-" + halfMade).resolve("config.json"), "{");
        Files.createDirectories(containers.resolve(".rm-" + halfRemoved).resolve("upper/etc"));
        Files.createDirectories(engine.execRoot().resolve("container-locks"));
        Files.createFile(engine.execRoot().resolve("container-locks").resolve(lockOnly));
        Files.createDirectories(containers.resolve(noConfig).resolve("upper"));
        Files.createDirectories(engine.execRoot().resolve("bin"));
        Files.createFile(engine.execRoot().resolve("bin/.shim-12345")); // a copy of the shim out of the jar, cut short
        // A foreground run killed before it recorded its cgroups: its groups and its unheld lock (chapter 3).
        String foreground = "5".repeat(64);
        made.add(foreground);
        List<Path> groups = Stream.of("memory", "cpu", "cpuset")
                .map(c -> TestCgroups.group(c, foreground))
                .distinct()
                .toList();
        for (Path group : groups) {
            Files.createDirectories(group);
        }
        Files.createDirectories(engine.execRoot().resolve("locks"));
        Files.writeString(engine.execRoot().resolve("locks").resolve(foreground), TestCgroups.PARENT);

        Result ps = engine.ok("ps", "-a");
        assertEquals(
                "mydocker: removed the leftovers of container " + foreground + " (its CLI was killed)\n"
                        + "mydocker: warning: container 444444444444: config.json is corrupt (it is missing): "
                        + "remove it with mydocker rm -f 444444444444\n",
                ps.stderr());
        for (Path group : groups) {
            assertFalse(Files.exists(group), "ps left the cgroup of a killed foreground run: " + group);
        }
        assertFalse(Files.exists(engine.execRoot().resolve("locks").resolve(foreground)), "and its lock");
        assertTrue(ps.stdout().contains("444444444444"), ps::toString);
        engine.ok("rm", "-f", "4444");
        String next = engine.ok("run", "-d", "busybox", "true").stdout().strip();
        made.add(next);
        assertEquals(Set.of(next), engine.containerIds(), "only the new container is left");
    }

    /** Starts the CLI, kills it (SIGKILL, by its pid) after up to {@code maxMillis}, and waits for it. */
    private void killAtRandom(int maxMillis, String... args) throws InterruptedException {
        Process cli = engine.start(args);
        Thread.sleep(random.nextInt(maxMillis));
        cli.toHandle().destroyForcibly();
        cli.waitFor();
        made.addAll(engine.containerIds());
    }

    private String fullId(String shortId) {
        return engine.containerIds().stream()
                .filter(id -> id.startsWith(shortId))
                .findFirst()
                .orElseThrow();
    }
}
