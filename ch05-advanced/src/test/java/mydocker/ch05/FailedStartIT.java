package mydocker.ch05;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import mydocker.syscall.ChapterProgram;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Privileged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A `run -d` that fails leaves nothing of its container: no directory, no
 * start lock, no cgroup, no process; the data and exec roots hold what they
 * held before.
 */
@Privileged
class FailedStartIT {
    @TempDir
    static Path dataRoot;

    @TempDir
    Path execRoot;

    private TestEngine engine;
    private final Set<String> made = new TreeSet<>();

    @BeforeEach
    void engine() {
        engine = new TestEngine(Main.class, dataRoot, execRoot);
        engine.ok("run", "--rm", "busybox", "true"); // the image exists before the failure under test
    }

    @AfterEach
    void nothingIsLeft() {
        engine.removeAllContainers();
        made.addAll(engine.containerIds());
        assertEquals(List.of(), engine.leftovers(made));
    }

    @Test
    void aStartThatFailsInTheSecondJvmLeavesNothing() {
        // The host half of the volume cannot be made: the detached start fails after the container was created.
        Result r = engine.run("run", "-d", "-v", "/proc/no-such-dir/x:/data", "busybox", "true");
        assertOneLine(r, "mydocker: volume /proc/no-such-dir/x:/data:rw: cannot create /proc/no-such-dir/x");
        assertEquals(List.of(), engine.leftovers(made));
    }

    @Test
    void anImageRemovedBetweenCreateAndStartLeavesNothing() throws Exception {
        Path configs = dataRoot.resolve("image/configs");
        Path config;
        try (Stream<Path> files = Files.list(configs)) {
            config = files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .findFirst()
                    .orElseThrow();
        }
        Path away = dataRoot.resolve("moved-away.json");
        Process cli = engine.start("run", "-d", "busybox", "true");
        try {
            // The CLI has resolved the image once its container's directory exists; the second JVM
            // resolves it again when it starts, a JVM start later.
            TestEngine.waitUntil(() -> !engine.containerIds().isEmpty());
            Files.move(config, away, StandardCopyOption.ATOMIC_MOVE);
            made.addAll(engine.containerIds());
            Result r = ChapterProgram.finish(cli);
            assertEquals(125, r.exitCode(), r::toString);
            assertEquals(1, r.stderr().lines().count(), r::toString);
            assertTrue(r.stderr().contains("No such image"), r::toString);
            assertEquals(List.of(), engine.leftovers(made));
        } finally {
            if (Files.exists(away)) {
                Files.move(away, config, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    @Test
    void aNameConflictLeavesNothingOfTheSecond() {
        String first = engine.ok("run", "-d", "--name", "taken", "busybox", "true")
                .stdout()
                .strip();
        made.add(first);
        Result r = engine.run("run", "-d", "--name", "taken", "busybox", "true");
        assertEquals(125, r.exitCode(), r::toString);
        assertEquals(Set.of(first), engine.containerIds());
    }

    private static void assertOneLine(Result r, String start) {
        assertEquals(125, r.exitCode(), r::toString);
        assertEquals(1, r.stderr().lines().count(), r::toString);
        assertTrue(r.stderr().startsWith(start), r::toString);
    }
}
