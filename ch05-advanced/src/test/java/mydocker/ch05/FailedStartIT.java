package mydocker.ch05;

import static mydocker.syscall.OneLine.assertOneLineStartingWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import mydocker.syscall.ChapterProgram;
import mydocker.syscall.ChapterProgram.Result;
import mydocker.syscall.Mydocker;
import mydocker.syscall.Poll;
import mydocker.syscall.Privileged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A `run -d` that fails leaves nothing of its container: no directory, no
 * start lock, no cgroup, no process; the data and exec roots hold what they
 * held before.
 */
@Privileged
class FailedStartIT {
    @RegisterExtension
    static final TestEngine engine = Mydocker.of(Main.class, TestEngine::new);

    private final Set<String> made = new TreeSet<>();

    @BeforeEach
    void busybox() {
        engine.ok("run", "--rm", "busybox", "true"); // the image exists before the failure under test
    }

    @AfterEach
    void nothingIsLeft() {
        assertEquals(List.of(), engine.removeAllAndListLeftovers(made));
    }

    @Test
    void aStartThatFailsInTheSecondJvmLeavesNothing() {
        // The host half of the volume cannot be made: the detached start fails after the container was created.
        Result r = engine.run("run", "-d", "-v", "/proc/no-such-dir/x:/data", "busybox", "true");
        assertOneLineStartingWith(
                r, "mydocker: volume /proc/no-such-dir/x:/data:rw: cannot create /proc/no-such-dir/x");
        assertEquals(List.of(), engine.leftovers(made));
    }

    @Test
    void anImageRemovedBetweenCreateAndStartLeavesNothing() throws Exception {
        Path configs = engine.dataRoot().resolve("image/configs");
        Path config;
        try (Stream<Path> files = Files.list(configs)) {
            config = files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .findFirst()
                    .orElseThrow();
        }
        Path away = engine.dataRoot().resolve("moved-away.json");
        Process cli = engine.start("run", "-d", "busybox", "true");
        try {
            // The CLI has resolved the image once its container's directory exists; the second JVM
            // resolves it again when it starts, a JVM start later.
            Poll.until(
                    "run -d has made its container",
                    () -> !engine.containerIds().isEmpty());
            Files.move(config, away, StandardCopyOption.ATOMIC_MOVE);
            made.addAll(engine.containerIds());
            Result r = ChapterProgram.finish(cli);
            assertOneLineStartingWith(r, "mydocker: No such image");
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
}
